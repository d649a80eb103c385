import LessonScript

/// A lesson file as written: front matter, then prose and `attn` cells in order.
public struct Lesson: Sendable {
    /// The path as the user named it (used in diagnostics), e.g. `lessons/02-one-step.md`.
    public var path: String
    /// The file name without `.md`: names the pages (`<slug>.html`) and the figure folder.
    public var slug: String
    public var frontMatter: FrontMatter
    public var blocks: [LessonBlock]
    /// The file's lines, for the caret display under a diagnostic.
    public var sourceLines: [String]
    /// Only the front matter is known (from a build cache); `blocks` and `sourceLines` are empty
    /// until the file is parsed in full.
    public var isHeaderOnly = false

    /// A lesson known only by its front matter (no blocks, no lines; `isHeaderOnly`).
    public static func headerOnly(path: String, slug: String, frontMatter: FrontMatter) -> Lesson {
        Lesson(path: path, slug: slug, frontMatter: frontMatter, blocks: [], sourceLines: [], isHeaderOnly: true)
    }

    /// The position in the table of contents: `order` from the front matter, else the file name's
    /// number prefix (`02-…` → 2), else last.
    public var order: Int { frontMatter.order ?? Lesson.numberPrefix(of: slug) ?? Int.max }

    /// The number a file name starts with (`03-later` → 3), if it starts with digits.
    public static func numberPrefix(of slug: String) -> Int? {
        let digits = slug.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }
}

/// The YAML header of a lesson.
public struct FrontMatter: Equatable, Sendable {
    public var title: String
    public var summary: String?
    public var order: Int?
    /// Digits after the point in tables, explanations and inline values (default 4).
    public var precision: Int
    /// How many times the standard script budget (`Budget.standard`) the lesson may use; 1 unless
    /// an author who means it asks for more (at most `Budget.maximumScale`).
    public var budget: Int = 1

    public init(title: String, summary: String? = nil, order: Int? = nil, precision: Int = 4) {
        self.title = title
        self.summary = summary
        self.order = order
        self.precision = precision
    }
}

/// One block of a lesson body.
public enum LessonBlock: Sendable {
    /// GitHub-flavoured Markdown (may include math spans, inline values and non-`attn` code).
    case prose(Prose)
    /// A fenced ```` ```attn ```` code cell.
    case cell(Cell)
}

/// A stretch of Markdown between cells.
public struct Prose: Equatable, Sendable {
    public var text: String
    /// The lesson-file line of `text`'s first line.
    public var firstLine: Int
    /// The prose as `ProseScanner` split it when the lesson was parsed, with the text and first
    /// line it scanned and the file named in its locations: the math typesetting and the run both
    /// read the pieces, and a lesson a `serve` loop keeps parsed is scanned once, not on every build.
    private var scanned: (text: String, firstLine: Int, file: String, pieces: [ProsePiece])? = nil

    init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }

    /// The prose scanned in the parser (the same text, so the same pieces), through `memo` when given.
    init(scanning text: String, firstLine: Int, file: String, memo: ProseScanMemo?,
         kept: inout ProseScanMemo.Kept) {
        self.init(text: text, firstLine: firstLine)
        scanned = (text, firstLine, file, memo?.pieces(self, file: file, kept: &kept) ?? ProseScanner.scan(self, file: file))
    }

    /// Its math spans, inline values and Markdown, located in `file`.
    func pieces(file: String) -> [ProsePiece] {
        if let scanned, scanned.file == file, scanned.firstLine == firstLine, scanned.text == text { return scanned.pieces }
        return ProseScanner.scan(self, file: file)
    }

    public static func == (a: Prose, b: Prose) -> Bool { a.text == b.text && a.firstLine == b.firstLine }
}

/// A fenced ```` ```attn ```` cell.
public struct Cell: Equatable, Sendable {
    /// The code between the fences.
    public var source: String
    /// The lesson-file line of the code's first line (the line after the opening fence).
    public var firstLine: Int
    public var options: CellOptions
    /// The first line is an options comment (`//| hide-code`): run, but not shown.
    public var hasOptionsLine: Bool = false

    /// The code as shown on the page.
    public var displaySource: String {
        guard hasOptionsLine else { return source }
        return source.firstIndex(of: "\n").map { String(source[source.index(after: $0)...]) } ?? ""
    }
}

/// Options written after `attn` on the fence's info string (```` ```attn hide-code expect-error ````)
/// or on a first-line comment (`//| hide-code expect-error`).
public struct CellOptions: Equatable, Sendable {
    /// Show only the outputs.
    public var hideCode = false
    /// Run the cell (its bindings count) but show only its code.
    public var hideOutput = false
    /// The cell must fail; its error is shown as its output. If it succeeds the build fails.
    public var expectError = false

    public init(hideCode: Bool = false, hideOutput: Bool = false, expectError: Bool = false) {
        self.hideCode = hideCode
        self.hideOutput = hideOutput
        self.expectError = expectError
    }

    /// The spellings accepted on the info string.
    public static let names = ["hide-code", "hide-output", "expect-error"]
}
