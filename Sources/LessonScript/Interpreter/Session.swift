import AttentionEngine

/// The result of running one cell.
public struct CellResult: Sendable {
    /// What the cell showed, in order.
    public var outputs: [Output]
    /// Errors (and warnings) found; empty on success. Locations are in the lesson file's coordinates.
    public var diagnostics: [Diagnostic]

    public init(outputs: [Output], diagnostics: [Diagnostic]) {
        self.outputs = outputs
        self.diagnostics = diagnostics
    }
}

/// One lesson's (or one `eval` script's) environment: cells run in order and share bindings,
/// like a notebook kernel.
///
/// This is the interface `Notebook` and `attnbook eval` program against.
public final class Session {
    /// The file name used in diagnostics.
    public let file: String
    /// Digits after the point in tables, explanations and inline values.
    public let precision: Int
    /// Every binding, in the order names were first bound; a rebinding keeps its original place.
    public private(set) var bindings: [(name: String, value: Value)] = []

    public init(file: String, precision: Int = 4) {
        self.file = file
        self.precision = precision
    }

    /// Runs `source` as one cell.
    /// - Parameters:
    ///   - source: the cell's code.
    ///   - firstLine: the line of the lesson file on which `source` starts (1 for a whole script).
    /// - Returns: the outputs and any diagnostics; on an error the bindings made before it stay.
    public func run(_ source: String, firstLine: Int = 1) -> CellResult {
        // Placeholder until the interpreter lands (issue 2).
        CellResult(outputs: [], diagnostics: [
            Diagnostic(at: SourceLocation(file: file, line: firstLine, column: 1), id: "unimplemented",
                       "the interpreter is not built yet")
        ])
    }

    /// Evaluates one expression (an inline value in prose) against the current bindings.
    public func evaluate(_ expression: String, at location: SourceLocation) -> Result<Value, Diagnostic> {
        .failure(Diagnostic(at: location, id: "unimplemented", "the interpreter is not built yet"))
    }
}
