/// One step of a plain path expression: the first name, `.field`, or `[i]` / `[i, j]`.
public enum PathComponent: Equatable, Sendable {
    case name(String)
    case field(String)
    case index([Int])

    /// The step as written without spaces: `step`, `.alpha`, `[1,3]`.
    public var text: String {
        switch self {
        case .name(let n): return n
        case .field(let f): return "." + f
        case .index(let k): return "[" + k.map(String.init).joined(separator: ",") + "]"
        }
    }
}

extension PathComponent {
    /// `text` read by the script's own scanner and parser as a plain path (a name, then fields and
    /// indices of one or two whole numbers), or nil when it is any other expression or does not parse.
    public static func path(_ text: String) -> [PathComponent]? {
        let (tokens, scanDiagnostics) = Scanner.scan(text, file: "")
        var parser = Parser(tokens: tokens)
        guard let expression = parser.parseLoneExpression(), scanDiagnostics.isEmpty, parser.diagnostics.isEmpty else { return nil }
        return path(expression)
    }

    private static func path(_ e: Expr) -> [PathComponent]? {
        switch e {
        case .name(let n, _): return [.name(n)]
        case .field(let base, let f, _): return path(base).map { $0 + [.field(f)] }
        case .index(let base, let indices, _):
            guard (1...2).contains(indices.count) else { return nil }
            var numbers: [Int] = []
            for i in indices {
                guard case .number(let x, _) = i, x >= 0, x < 1_000_000, x == x.rounded(.towardZero) else { return nil }
                numbers.append(Int(x))
            }
            return path(base).map { $0 + [.index(numbers)] }
        default: return nil
        }
    }
}
