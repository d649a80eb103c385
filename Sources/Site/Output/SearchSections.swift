import Foundation
import Notebook

/// The search index's entries of each page, by the page's content hash, so a build re-reads and
/// re-cuts only the pages that changed (the index holds every page; cutting all 20 of them was the
/// dearest step of a one-lesson rebuild).
///
/// An entry is the JSON of one section without its page number (`"a":…,"h":…,"x":…}`): pages can
/// move in the order without their sections changing. Kept in memory for the life of the object
/// (a `serve` process keeps one) and in `.attnbook/search.tsv` beside the cell cache (one line
/// per section: the page hash in hex, a tab, the entry; a page without sections gets one line with
/// an empty entry; a last line `end`, a tab and the hash of the lines before). A missing,
/// truncated or damaged file means the pages are read again; never a wrong index: the key is the
/// hash of the page's bytes as written.
final class SearchSections: @unchecked Sendable {
    private let path: String?
    private let lock = NSLock()
    private var stored: [UInt64: [String]] = [:]
    private var used: [UInt64: [String]] = [:]
    private var changed = false

    /// - Parameter directory: the cache folder (`.attnbook`), or nil to keep entries in memory only.
    init(directory: String?) {
        path = directory.map { $0 + "/search.tsv" }
        if let path, let data = FileManager.default.contents(atPath: path) { stored = Self.parse(data) }
    }

    /// The entries of the page whose bytes hash to `hash`; `read()` gives the page when they are not known.
    func entries(hash: UInt64, title: String, read: () -> String?) -> [String]? {
        lock.lock()
        if let known = used[hash] ?? stored[hash] { used[hash] = known; lock.unlock(); return known }
        lock.unlock()
        guard let html = read() else { return nil }
        let entries = SearchIndex.sections(of: SearchIndex.Page(href: "", title: title, html: html)).map(SearchIndex.entry)
        lock.lock(); used[hash] = entries; changed = true; lock.unlock()
        return entries
    }

    /// Writes the entries this build used (so pages that left the site leave the file too), and
    /// keeps them as the ones known for the next build in this process.
    func save() {
        lock.lock(); defer { lock.unlock() }
        let pruned = used.count != stored.count
        stored = used
        used = [:]
        guard let path, changed || pruned else { return }
        changed = false
        var out: [UInt8] = []
        for hash in stored.keys.sorted() {
            let hex = Array(String(hash, radix: 16).utf8)
            let entries = stored[hash]!
            for entry in entries.isEmpty ? [""] : entries {
                out += hex
                out.append(0x09)
                out += entry.utf8
                out.append(0x0A)
            }
        }
        let check = "end\t" + String(OutputManifest.hash(Data(out)), radix: 16) + "\n"
        CacheFile.write(Data(out + Array(check.utf8)), to: path)
    }

    /// Lines `hex\tentry` and the `end` line; a file whose check does not match, or with a line of
    /// another shape, is dropped whole (its pages are read again).
    static func parse(_ data: Data) -> [UInt64: [String]] {
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A, let endLine = bytes.dropLast().lastIndex(of: 0x0A).map({ $0 + 1 }) ?? (bytes.count > 1 ? 0 : nil),
              bytes[endLine...].starts(with: Array("end\t".utf8)),
              String(decoding: bytes[(endLine + 4)..<(bytes.count - 1)], as: UTF8.self) == String(OutputManifest.hash(Data(bytes[..<endLine])), radix: 16)
        else { return [:] }
        var map: [UInt64: [String]] = [:]
        for line in bytes[..<endLine].split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let tab = line.firstIndex(of: 0x09),
                  let hash = UInt64(String(decoding: line[line.startIndex..<tab], as: UTF8.self), radix: 16) else { return [:] }
            let entry = line[(tab + 1)...]
            if entry.isEmpty {
                map[hash, default: []] += []
            } else if entry.first == UInt8(ascii: "\""), entry.last == UInt8(ascii: "}") {
                map[hash, default: []].append(String(decoding: entry, as: UTF8.self))
            } else {
                return [:]
            }
        }
        return map
    }
}
