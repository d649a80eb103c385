import Foundation
import Notebook

/// The search index's entries of each page, by the page's content hash, so a build re-reads and
/// re-cuts only the pages that changed (cutting all 20 of them was the dearest step of a one-lesson
/// rebuild), for a page whose search file has to be written again (see `SiteBuilder.writeSearchIndex`).
///
/// An entry is the JSON of one section without its page number (`"a":…,"h":…,"x":…}`): pages can
/// move in the order without their sections changing. Kept in memory for the life of the object
/// (a `serve` process keeps one) and on disk in `.attnbook/search/<hash>.tsv`, one file per page
/// version, read only when that page is looked up (one line per entry, then a last line `end`, a tab
/// and the hash of the lines before). A missing, truncated or damaged file means the page is read
/// again; never a wrong index: the key is the hash of the page's bytes as written.
final class SearchSections: @unchecked Sendable {
    private let folder: String?
    private let lock = NSLock()
    private var known: [UInt64: [String]] = [:]
    private var used: Set<UInt64> = []
    private var unsaved: Set<UInt64> = []
    /// The versions whose files are in the folder, as far as this object knows: read from the
    /// folder at the first `save()`, then kept up to date, so a `serve` loop's saves do not list it.
    private var stored: Set<UInt64>?

    /// The attnbook that cuts the entries (`CellCache.version`): written first in each file, and a
    /// file of another version is cut again, since a new attnbook may cut the same page otherwise.
    private let version: String

    /// - Parameter directory: the cache folder (`.attnbook`), or nil to keep entries in memory only.
    /// - Parameter remembersSections: keep sections' entries between builds (a process that builds
    ///   again: the memo holds a copy of each page's bytes, which a one-shot build has no use for).
    init(directory: String?, version: String = "", remembersSections: Bool = false) {
        self.remembersSections = remembersSections
        folder = directory.map { $0 + "/search" }
        self.version = version
    }

    private func file(_ hash: UInt64) -> String? { folder.map { $0 + "/" + String(hash, radix: 16) + ".tsv" } }

    /// The entries of the page whose bytes hash to `hash`; `read()` gives the page's bytes when they are not known.
    func entries(hash: UInt64, title: String, read: () -> Data?) -> [String]? {
        lock.lock()
        if let entries = known[hash] { used.insert(hash); lock.unlock(); return entries }
        lock.unlock()
        if let path = file(hash), let data = FileManager.default.contents(atPath: path), let entries = Self.parse(data, version: version) {
            lock.lock(); known[hash] = entries; used.insert(hash); lock.unlock()
            return entries
        }
        guard let html = read() else { return nil }
        let entries = cut(Array(html), title: title)
        lock.lock(); known[hash] = entries; used.insert(hash); unsaved.insert(hash); lock.unlock()
        return entries
    }

    /// A section's bytes (from its heading to the next) and, for the first, the page's title: all
    /// its entry is made of.
    private struct SectionBytes: Hashable {
        let bytes: [UInt8]
        let title: String
        static func == (a: SectionBytes, b: SectionBytes) -> Bool { a.bytes == b.bytes && a.title.utf8.elementsEqual(b.title.utf8) }
        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(bytes.count)
        }
    }
    /// Sections' entries (nil: a section with nothing to find) by their bytes, from the last build
    /// that cut a page and this one: an edit changes a section or two of a page, and the others'
    /// entries are taken from here instead of being read out of their HTML again (which was most
    /// of cutting a page: 7% of a one-lesson rebuild's work).
    private let remembersSections: Bool
    private var sectionsNow: [SectionBytes: String?] = [:]
    private var sectionsBefore: [SectionBytes: String?] = [:]

    /// The entries of the page `html`, section by section through the memo above.
    private func cut(_ html: [UInt8], title: String) -> [String] {
        let spans = SearchIndex.spans(of: html)
        guard remembersSections else { return spans.compactMap { SearchIndex.section($0, in: html, title: title).map(SearchIndex.entry) } }
        return spans.compactMap { span -> String? in
            let key = SectionBytes(bytes: Array(html[span.whole]), title: span.anchor == nil ? title : "")
            let known: String?? = lock.withLock {
                if let entry = sectionsNow[key] { return entry }
                guard let entry = sectionsBefore[key] else { return nil }
                sectionsNow[key] = entry
                return entry
            }
            if let known { return known }
            let entry = SearchIndex.section(span, in: html, title: title).map(SearchIndex.entry)
            lock.withLock { sectionsNow[key] = entry }
            return entry
        }
    }

    /// Marks the page whose bytes hash to `hash` as part of this build without reading its entries
    /// (its search file was kept as it was), so `save()` keeps its file in the cache folder.
    func keep(hash: UInt64) {
        lock.lock(); used.insert(hash); lock.unlock()
    }

    /// Writes the entries of pages new in this build, removes the files of pages this build did not
    /// use (so the folder holds the site's pages, not every version ever built), and forgets them.
    func save() {
        lock.lock(); defer { lock.unlock() }
        known = known.filter { used.contains($0.key) }
        if let folder {
            if stored == nil {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                var found: Set<UInt64> = []
                for name in names where name.hasSuffix(".tsv") {
                    if let hash = UInt64(name.dropLast(4), radix: 16), name == String(hash, radix: 16) + ".tsv" {
                        found.insert(hash)
                    } else {
                        unlink(folder + "/" + name)
                    }
                }
                stored = found
            }
            for hash in unsaved.sorted() where used.contains(hash) {
                CacheFile.write(Self.serialize(known[hash] ?? [], version: version), to: file(hash)!)
                stored?.insert(hash)
            }
            for hash in (stored ?? []).subtracting(used) {
                unlink(file(hash)!)
                stored?.remove(hash)
            }
        }
        unsaved = []
        used = []
        // (Kept for the next build only when this one cut a page: a warm build that cuts none
        // keeps what the last edit cut.)
        if !sectionsNow.isEmpty {
            sectionsBefore = sectionsNow
            sectionsNow = [:]
        }
    }

    /// The version line, then one page's entries, a line each, and the check line.
    static func serialize(_ entries: [String], version: String = "") -> Data {
        var out: [UInt8] = Array(versionLine(version).utf8)
        for entry in entries {
            out += entry.utf8
            out.append(0x0A)
        }
        return SealedText.seal(out)
    }

    /// `#version <version>` and a newline (the version's own line breaks, which it has none of, as spaces).
    static func versionLine(_ version: String) -> String {
        "#version " + String(version.map { $0 == "\n" || $0 == "\r" ? " " : $0 }) + "\n"
    }

    /// The entries of a file written by `serialize` for `version`, or nil when its check fails, it
    /// is of another version, or a line is not an entry.
    static func parse(_ data: Data, version: String = "") -> [String]? {
        guard let body = SealedText.open(data) else { return nil }
        let head = Array(versionLine(version).utf8)
        guard body.count >= head.count, body[..<head.count].elementsEqual(head) else { return nil }
        // Lines by hand on the buffer: the generic `split` was a third of reading a page's entries.
        return body.withUnsafeBufferPointer { buffer -> [String]? in
            var entries: [String] = []
            var start = head.count
            while start < buffer.count {
                guard let newline = buffer[start...].firstIndex(of: 0x0A) else { return nil }  // every line ends
                let line = UnsafeBufferPointer(rebasing: buffer[start..<newline])
                guard line.first == UInt8(ascii: "\""), line.last == UInt8(ascii: "}") else { return nil }
                entries.append(String(decoding: line, as: UTF8.self))
                start = newline + 1
            }
            return entries
        }
    }
}
