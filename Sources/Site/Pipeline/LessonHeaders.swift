import Foundation
import Notebook

/// The front matter of every lesson file as last parsed, by path and content hash, so a build that
/// rebuilds one lesson does not parse the others: their pages are kept, and the sidebar, the index
/// and the fingerprints need only their titles, summaries and numbers. A lesson that must be built
/// is parsed in full (`LessonLoader.complete`).
///
/// Kept in `.attnbook/lessons.tsv` beside the cell cache: a line per file (path, hash, precision,
/// budget, order or `-`, title, summary as `=text` or `-`; tab, newline and backslash escaped),
/// then `end`, a tab and the hash of the lines before. A missing, cut or damaged file means every
/// lesson is parsed. Never a wrong page: an entry is used only for the same bytes (128-bit hash).
final class LessonHeaders: @unchecked Sendable {
    private let path: String?
    private let lock = NSLock()
    private var stored: [String: (hash: String, frontMatter: FrontMatter)] = [:]
    private var current: [String: (hash: String, frontMatter: FrontMatter)] = [:]

    /// - Parameter directory: the cache folder (`.attnbook`), or nil for none.
    init(directory: String?) {
        path = directory.map { $0 + "/lessons.tsv" }
        if let path, let data = FileManager.default.contents(atPath: path) { stored = Self.parse(data) }
    }

    /// The front matter of the file at `path` when its bytes hash to `hash`, if known.
    func frontMatter(at path: String, hash: String) -> FrontMatter? {
        lock.lock(); defer { lock.unlock() }
        guard let known = stored[path], known.hash == hash else { return nil }
        current[path] = known
        return known.frontMatter
    }

    /// Records the front matter parsed from the file at `path` with bytes hashing to `hash`.
    func record(_ frontMatter: FrontMatter, at path: String, hash: String) {
        lock.lock(); current[path] = (hash, frontMatter); lock.unlock()
    }

    /// Writes the entries this build used, if they differ from the file's.
    func save() {
        lock.lock(); defer { lock.unlock() }
        guard let path, !Self.same(current, stored) else { return }
        var out = ""
        for file in current.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let (hash, f) = current[file]!
            let fields = [Self.escape(file), hash, String(f.precision), String(f.budget), f.order.map(String.init) ?? "-",
                          Self.escape(f.title), f.summary.map { "=" + Self.escape($0) } ?? "-"]
            out += fields.joined(separator: "\t") + "\n"
        }
        let body = Data(out.utf8)
        CacheFile.write(body + Data(("end\t" + String(OutputManifest.hash(body), radix: 16) + "\n").utf8), to: path)
        stored = current
    }

    private static func same(_ a: [String: (hash: String, frontMatter: FrontMatter)], _ b: [String: (hash: String, frontMatter: FrontMatter)]) -> Bool {
        a.count == b.count && a.allSatisfy { key, value in b[key].map { $0.hash == value.hash && $0.frontMatter == value.frontMatter } ?? false }
    }

    static func parse(_ data: Data) -> [String: (hash: String, frontMatter: FrontMatter)] {
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A else { return [:] }
        let endLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard bytes[endLine...].starts(with: Array("end\t".utf8)),
              String(decoding: bytes[(endLine + 4)..<(bytes.count - 1)], as: UTF8.self) == String(OutputManifest.hash(Data(bytes[..<endLine])), radix: 16)
        else { return [:] }
        var map: [String: (hash: String, frontMatter: FrontMatter)] = [:]
        for line in bytes[..<endLine].split(separator: 0x0A) {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 7, let precision = Int(fields[2]), let budget = Int(fields[3]),
                  let title = unescape(fields[5]) else { return [:] }
            let order: Int?
            if fields[4] == "-" { order = nil } else { guard let o = Int(fields[4]) else { return [:] }; order = o }
            let summary: String?
            if fields[6] == "-" { summary = nil } else { guard fields[6].hasPrefix("="), let s = unescape(String(fields[6].dropFirst())) else { return [:] }; summary = s }
            guard let file = unescape(fields[0]) else { return [:] }
            var f = FrontMatter(title: title, summary: summary, order: order, precision: precision)
            f.budget = budget
            map[file] = (fields[1], f)
        }
        return map
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String? {
        var out = ""
        var escaped = false
        for c in s.unicodeScalars {
            if escaped {
                switch c {
                case "\\": out += "\\"
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: return nil
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return escaped ? nil : out
    }
}
