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
            let fields = [TSVField.escape(file), hash, String(f.precision), String(f.budget), f.order.map(String.init) ?? "-",
                          TSVField.escape(f.title), f.summary.map { "=" + TSVField.escape($0) } ?? "-"]
            out += fields.joined(separator: "\t") + "\n"
        }
        CacheFile.write(SealedText.seal(Array(out.utf8)), to: path)
        stored = current
    }

    private static func same(_ a: [String: (hash: String, frontMatter: FrontMatter)], _ b: [String: (hash: String, frontMatter: FrontMatter)]) -> Bool {
        a.count == b.count && a.allSatisfy { key, value in b[key].map { $0.hash == value.hash && $0.frontMatter == value.frontMatter } ?? false }
    }

    static func parse(_ data: Data) -> [String: (hash: String, frontMatter: FrontMatter)] {
        guard let body = SealedText.open(data) else { return [:] }
        var map: [String: (hash: String, frontMatter: FrontMatter)] = [:]
        for line in body.split(separator: 0x0A) {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 7, let precision = Int(fields[2]), let budget = Int(fields[3]),
                  let title = TSVField.unescape(fields[5].utf8) else { return [:] }
            let order: Int?
            if fields[4] == "-" { order = nil } else { guard let o = Int(fields[4]) else { return [:] }; order = o }
            let summary: String?
            if fields[6] == "-" { summary = nil } else { guard fields[6].hasPrefix("="), let s = TSVField.unescape(fields[6].utf8.dropFirst()) else { return [:] }; summary = s }
            guard let file = TSVField.unescape(fields[0].utf8) else { return [:] }
            var f = FrontMatter(title: title, summary: summary, order: order, precision: precision)
            f.budget = budget
            map[file] = (fields[1], f)
        }
        return map
    }
}
