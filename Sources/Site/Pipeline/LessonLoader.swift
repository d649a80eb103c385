import Foundation
import LessonScript
import Notebook

/// Finds and reads lesson files.
enum LessonLoader {
    /// Every `*.md` in `directory` except `README.md`, as `directory/name`, sorted by name.
    static func discover(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    /// Names the site uses for itself; a lesson called so would overwrite them.
    static let reservedSlugs: Set<String> = ["index", "reference", "assets"]

    /// The slug of the lesson at `path`: its file name without `.md`.
    static func slug(of path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A lesson known only by its front matter (`LessonHeaders`): enough for the sidebar, the
    /// index and fingerprints; `complete` parses the file when the lesson has to be built.
    static func headerOnly(_ path: String, _ frontMatter: FrontMatter) -> Lesson {
        Lesson.headerOnly(path: path, slug: slug(of: path), frontMatter: frontMatter)
    }

    /// `lesson` parsed in full from its file, when only its front matter was known.
    static func complete(_ lesson: Lesson) throws(LessonError) -> Lesson {
        lesson.isHeaderOnly ? try load(lesson.path) : lesson
    }

    static func load(_ path: String) throws(LessonError) -> Lesson {
        try parse(FileManager.default.contents(atPath: path), path: path)
    }

    /// The lesson at `path` from its file's bytes (nil: the file could not be read).
    static func parse(_ data: Data?, path: String, scans: ProseScanMemo? = nil) throws(LessonError) -> Lesson {
        let slug = slug(of: path)
        if reservedSlugs.contains(slug) {
            throw LessonError([Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), id: "reserved-name",
                                          "a lesson cannot be called `\(slug).md`: the site uses `\(slug)` for itself",
                                          fix: "rename the file, e.g. `NN-\(slug)-lesson.md`")])
        }
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw LessonError([Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), id: "unreadable",
                                          "cannot read the lesson as UTF-8 text")])
        }
        return try LessonParser.parse(text, path: path, scans: scans)
    }

    /// Checks that every lesson has a number of its own, and says where the numbers and the file
    /// names disagree.
    ///
    /// A lesson's number is `order:` from its front matter, else its file name's prefix (`03-…`).
    /// - An unnumbered lesson is an error: it has no place in the table of contents.
    /// - A number used twice is an error on every lesson after the first (by file name) that uses it.
    /// - An `order:` that differs from the file name's number is a warning: the site's order then
    ///   differs from the folder's, which is legal but easy to do by accident.
    /// - Returns: the lessons that keep their place (the erroneous ones removed, order unchanged) and
    ///   the diagnostics, located at the `order:` line when the number came from there.
    static func checkNumbers(_ lessons: [Lesson]) -> (kept: [Lesson], diagnostics: [Diagnostic]) {
        var kept: [Lesson] = [], diagnostics: [Diagnostic] = []
        var owner: [Int: Lesson] = [:]
        let byName = lessons.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        for lesson in byName {
            let prefix = Lesson.numberPrefix(of: lesson.slug)
            // Found only when a diagnostic needs it (it scans the front matter's lines). A lesson
            // known by its front matter alone gets line 1; the caller parses it and asks again.
            var orderAt: SourceLocation? {
                lesson.isHeaderOnly ? SourceLocation(file: lesson.path, line: 1, column: 1) : orderLocation(lesson)
            }
            guard let number = lesson.frontMatter.order ?? prefix else {
                diagnostics.append(Diagnostic(at: SourceLocation(file: lesson.path, line: 1, column: 1), id: "lesson-unnumbered",
                                              "the lesson `\(lesson.slug).md` has no number, so it has no place in the table of contents",
                                              fix: "start the file name with its number, like `NN-\(lesson.slug).md`, or set `order:` in the front matter"))
                continue
            }
            if let first = owner[number] {
                let firstName = (first.path as NSString).lastPathComponent
                diagnostics.append(withLine(Diagnostic(at: orderAt ?? SourceLocation(file: lesson.path, line: 1, column: 1), id: "lesson-number-taken",
                                                       "lesson number \(number) is taken by `\(firstName)`: two lessons cannot share a place",
                                                       fix: "give one of them another number (the file name's prefix, or `order:`)"), lesson))
                continue
            }
            owner[number] = lesson
            if let order = lesson.frontMatter.order, let prefix, order != prefix, let orderAt = orderAt {
                diagnostics.append(withLine(Diagnostic(.warning, at: orderAt, id: "lesson-order-differs",
                                                       "`order: \(order)` differs from the number \(prefix) in the file name, so the site's order differs from the folder's",
                                                       fix: "rename the file to `\(String(format: "%02d", order))-…` or remove `order:`"), lesson))
            }
            kept.append(lesson)
        }
        let keptPaths = Set(kept.map(\.path))
        return (lessons.filter { keptPaths.contains($0.path) }, diagnostics)
    }

    /// Where `order:` is written in the front matter (between the first two `---` lines), if it is.
    /// `d` with the lesson line it points at, for the caret display (not for line 1, the `---`).
    private static func withLine(_ d: Diagnostic, _ lesson: Lesson) -> Diagnostic {
        var d = d
        let line = d.location.line
        if line > 1, line <= lesson.sourceLines.count { d.sourceLine = lesson.sourceLines[line - 1] }
        return d
    }

    static func orderLocation(_ lesson: Lesson) -> SourceLocation? {
        guard lesson.sourceLines.first?.trimmingWhitespace == "---" else { return nil }
        for (k, line) in lesson.sourceLines.enumerated().dropFirst() {
            if line.trimmingWhitespace == "---" { return nil }
            if line.hasPrefix("order:") { return SourceLocation(file: lesson.path, line: k + 1, column: 1) }
        }
        return nil
    }
}
