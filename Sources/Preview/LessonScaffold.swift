import Foundation
import LessonScript

/// `attnbook new "Title"`: the next numbered lesson, from a small template that builds.
public enum LessonScaffold {
    public enum ScaffoldError: Error, CustomStringConvertible {
        case exists(String)
        case noSlug(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path):
                return "error: \(path) already exists; `new` never overwrites a lesson (give another title, or --slug NAME)"
            case .noSlug(let title):
                return "error: the title `\(title)` has no ASCII letter or digit to name the file with; pass one with --slug NAME"
            case .cannotWrite(let path, let why): return "error: cannot write \(path): \(why)"
            }
        }
    }

    /// One more than the largest number prefix (`07-…md` → 8) among the folder's lessons; 1 in an
    /// empty or missing folder.
    public static func nextNumber(in folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let numbers = names.filter { $0.hasSuffix(".md") }.compactMap { Int($0.prefix { $0.isASCII && $0.isNumber }) }
        return (numbers.max() ?? 0) + 1
    }

    /// `NN-slug.md`, the number padded to two digits like the existing lessons.
    public static func fileName(number: Int, slug: String) -> String {
        (number < 10 ? "0\(number)" : "\(number)") + "-" + slug + ".md"
    }

    /// The lesson's text: front matter, a paragraph, one cell with a heatmap, an inline value.
    public static func text(title: String) -> String {
        let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return """
        ---
        title: \(quoted)
        summary: One sentence on what this lesson shows.
        ---

        Say what the reader will see, then show it. A cell runs when the site builds; its outputs
        appear under it.

        ```attn
        let src  = tokens("我 爱 机器 学习")
        let h    = [[0.2, -0.4, 0.1], [0.9, 0.0, -0.3], [0.1, 0.8, 0.5], [-0.6, 0.3, 0.7]] rows: src
        let s    = [0.5, -0.1, 0.3]
        let step = attend(query: s, keys: h, score: .dot)
        heatmap step.alpha title: "Weights α over the source words"
        ```

        The weight on 爱 is {= step.alpha[1] }: computed when the site builds, so the prose never goes stale.

        """
    }

    /// Writes the next lesson into `folder` (created if missing) and returns its path.
    /// - Parameter slug: the file name's words; nil to take them from the title.
    /// - Throws: `ScaffoldError` when the file exists, the title gives no slug, or writing fails.
    public static func create(title: String, slug: String? = nil, in folder: String) throws(ScaffoldError) -> String {
        let words = Slug.words(slug ?? title, asciiOnly: true, lowercase: true)
        guard !words.isEmpty else { throw .noSlug(slug ?? title) }
        // The same title again is most likely a second `new` by mistake: point at the first one.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if let twin = names.sorted().first(where: { $0.drop { $0.isASCII && $0.isNumber } == "-" + words + ".md" }) {
            throw .exists(folder.hasSuffix("/") ? folder + twin : folder + "/" + twin)
        }
        let name = fileName(number: nextNumber(in: folder), slug: words)
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(folder, error.localizedDescription)
        }
        // O_EXCL: refuse to overwrite even if the file appears between the check and the write.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text(title: title).utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        return path
    }
}
