/// A place in a source file: 1-based line and column (columns count Unicode scalars... see `column`).
public struct SourceLocation: Equatable, Hashable, Sendable, Comparable, Codable {
    /// The file as the user named it, e.g. `lessons/02-one-step.md` or `<stdin>`.
    public var file: String
    /// 1-based line in that file.
    public var line: Int
    /// 1-based column, counted in Characters (so a CJK token counts once).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// The one error/warning value used everywhere (scanner, parser, interpreter, notebook, site).
///
/// Printed as `file:line:column: error: message`, then the source line and a caret.
public struct Diagnostic: Error, Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation
    /// A stable identifier for tests and docs, e.g. `shape-mismatch`, `unknown-name`.
    public var id: String
    /// What was expected and what was found.
    public var message: String
    /// A suggested fix ("did you mean `softmax`?"), when one is known.
    public var fix: String?
    /// The text of the offending source line (for the caret display); filled in by whoever has the source.
    public var sourceLine: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, id: String, _ message: String,
                fix: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.id = id
        self.message = message
        self.fix = fix
        self.sourceLine = sourceLine
    }
}
