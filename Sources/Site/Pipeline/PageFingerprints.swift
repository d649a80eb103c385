import Foundation
import Notebook

/// What each lesson's pages were last built from, so an unchanged lesson is neither run nor
/// rendered again: a warm build keeps its files (`OutputWriter.keep(owner:)`) and moves on.
///
/// A lesson's fingerprint hashes everything its pages depend on: the attnbook executable (its
/// engine, renderers and templates; `CellCache.version`), the lesson's path and text, the site's
/// lesson list as the sidebar and the previous/next links show it, and the KaTeX script its math
/// is typeset with. Kept in `.attnbook/pages/<output>.tsv` beside the cell cache (`slug`, a tab, the
/// fingerprint, a line each, sealed: `SealedText`; JSON through Codable before, whose first use in a
/// process cost more than the rest of reading it), one file per
/// output folder (named by a hash of its real path: a build into another folder must not make
/// this one's pages look current); a missing or unreadable file means every lesson is built. A lesson is skipped only when its fingerprint matches and
/// every file the last build wrote for it is still in the output folder.
final class PageFingerprints: @unchecked Sendable {
    private let path: String?
    private var previous: [String: String] = [:]
    private var current: [String: String] = [:]
    private let lock = NSLock()

    /// The map as this process last read or wrote it (a `serve` loop reads the file again only
    /// when someone else changed it).
    private let memo: FileMemo<[String: String]>?

    /// - Parameters:
    ///   - directory: the cache folder (`.attnbook`), or nil to fingerprint nothing.
    ///   - output: the output folder the fingerprints describe.
    init(directory: String?, output: String, memo: FileMemo<[String: String]>? = nil) {
        path = directory.map { $0 + "/pages/" + Self.fileName(forOutput: output) }
        self.memo = memo
        if let path, let known = memo?.value(at: path) {
            previous = known
        } else if let path, let data = FileManager.default.contents(atPath: path), let map = SealedMap.parse(data) {
            previous = map
            memo?.remember(map, at: path)
        }
    }

    var isEnabled: Bool { path != nil }

    /// `<hash of the output folder's real path>.json`.
    static func fileName(forOutput output: String) -> String {
        let real = realpath(output, nil).map { p in defer { free(p) }; return String(cString: p) }
            ?? URL(fileURLWithPath: output).standardizedFileURL.path
        var h = ContentHasher()
        h.add(real)
        return String(h.hex.prefix(16)) + ".tsv"
    }

    /// What every page shares: the executable, the KaTeX script and the sidebar's lesson list
    /// (hashed once per build, not once per lesson).
    static func siteFingerprint(_ lessons: [Lesson], version: String, katex: String) -> String {
        var h = ContentHasher()
        h.add(version)
        h.add(katex)
        for l in lessons { h.add("\(l.slug)\t\(l.frontMatter.title)\t\(l.order)") }
        return h.hex
    }

    /// What the index, the reference and the assets show: the site (executable, templates, KaTeX,
    /// lesson titles and order), each lesson's summary, and the lunr script copied beside them.
    static func siteFilesFingerprint(_ lessons: [Lesson], site: String, lunr: String) -> String {
        var h = ContentHasher()
        h.add(site)
        h.add(lunr)
        for l in lessons { h.add("\(l.slug)\t\(l.frontMatter.summary ?? "-")") }
        return h.hex
    }

    /// The fingerprint of `lesson` shown with `navigation` on a site with `site`'s fingerprint.
    /// - Parameter source: a hash of the lesson file's bytes, when known (else its lines are hashed).
    static func fingerprint(_ lesson: Lesson, navigation: Navigation, site: String, source: String? = nil) -> String {
        var h = ContentHasher()
        h.add(site)
        h.add(lesson.path)
        h.add(source ?? lesson.sourceLines.joined(separator: "\n"))
        h.add("prev \(navigation.previous?.slug ?? "-") \(navigation.previous?.frontMatter.title ?? "")")
        h.add("next \(navigation.next?.slug ?? "-") \(navigation.next?.frontMatter.title ?? "")")
        h.add("current \(navigation.current.map(String.init) ?? "-")")
        return h.hex
    }

    func unchanged(_ slug: String, _ fingerprint: String) -> Bool { previous[slug] == fingerprint }

    /// Records the fingerprint of a lesson built (or kept) in this build.
    func record(_ slug: String, _ fingerprint: String) {
        lock.lock(); current[slug] = fingerprint; lock.unlock()
    }

    /// Writes the fingerprints of this build's lessons (failed ones are left out, so they build again).
    func save() {
        guard let path, current != previous else { return }
        CacheFile.write(SealedMap.serialize(current), to: path)
        memo?.remember(current, at: path)
    }
}
