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

    static func load(_ path: String) throws(LessonError) -> Lesson {
        let slug = slug(of: path)
        if reservedSlugs.contains(slug) {
            throw LessonError([Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), id: "reserved-name",
                                          "a lesson cannot be called `\(slug).md`: the site uses `\(slug)` for itself",
                                          fix: "rename the file, e.g. `NN-\(slug)-lesson.md`")])
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LessonError([Diagnostic(at: SourceLocation(file: path, line: 1, column: 1), id: "unreadable",
                                          "cannot read the lesson as UTF-8 text")])
        }
        return try LessonParser.parse(text, path: path)
    }
}
