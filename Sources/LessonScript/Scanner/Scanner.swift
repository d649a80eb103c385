/// Turns script source into tokens (craftinginterpreters' `Scanner`, one pass, no backtracking).
///
/// Lossless: every character belongs to a token or to the whitespace between tokens, so the
/// highlighter can rebuild the source exactly. The scanner never fails: an unreadable character
/// becomes an `.error` token and a diagnostic, and scanning goes on.
struct Scanner {
    private let chars: [Character]
    private let file: String
    private let firstLine: Int
    private let firstColumn: Int
    private var index = 0
    private var line: Int
    private var column: Int
    private(set) var tokens: [Token] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// - Parameters:
    ///   - firstLine/firstColumn: where `source` starts in its file (cells and inline values start mid-file).
    init(_ source: String, file: String, firstLine: Int = 1, firstColumn: Int = 1) {
        self.chars = Array(source)
        self.file = file
        self.firstLine = firstLine
        self.firstColumn = firstColumn
        self.line = firstLine
        self.column = firstColumn
    }

    /// Scans the whole source, ending with one `.eof` token.
    static func scan(_ source: String, file: String, firstLine: Int = 1, firstColumn: Int = 1) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var scanner = Scanner(source, file: file, firstLine: firstLine, firstColumn: firstColumn)
        scanner.scanAll()
        return (scanner.tokens, scanner.diagnostics)
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }
    private var atEnd: Bool { index >= chars.count }
    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    @discardableResult
    private mutating func advance() -> Character {
        let c = chars[index]
        index += 1
        if c.isNewline { line += 1; column = 1 } else { column += 1 }
        return c
    }

    mutating func scanAll() {
        while true {
            skipSpaces()
            if atEnd { break }
            scanToken()
        }
        tokens.append(Token(kind: .eof, text: "", start: index, end: index, location: here))
    }

    private mutating func skipSpaces() {
        while let c = peek(), c.isWhitespace, !c.isNewline { advance() }
    }

    private mutating func scanToken() {
        let start = index
        let location = here
        let c = advance()
        func add(_ kind: Token.Kind) {
            tokens.append(Token(kind: kind, text: String(chars[start..<index]), start: start, end: index, location: location))
        }
        switch c {
        case _ where c.isNewline: add(.newline)
        case "(": add(.leftParen)
        case ")": add(.rightParen)
        case "[": add(.leftBracket)
        case "]": add(.rightBracket)
        case ",": add(.comma)
        case ":": add(.colon)
        case ".": add(.dot)
        case "+": add(.plus)
        case "-": add(.minus)
        case "−": add(.minus) // U+2212, as typeset in the lessons
        case "*": add(.star)
        case "@": add(.at)
        case "=": add(.equal)
        case "/":
            if peek() == "/" {
                while let n = peek(), !n.isNewline { advance() }
                add(.comment)
            } else {
                add(.slash)
            }
        case "\"": scanString(start: start, location: location)
        case _ where c.isASCII && c.isNumber: scanNumber(start: start, location: location)
        case _ where c.isLetter || c == "_":
            while let n = peek(), n.isLetter || n.isNumber || n == "_" { advance() }
            let text = String(chars[start..<index])
            add(Token.keywords[text] ?? .identifier)
        default:
            add(.error)
            let shown = c.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? "U+" + String($0.value, radix: 16, uppercase: true) : String(c) } ?? String(c)
            diagnostics.append(Diagnostic(at: location, id: "unexpected-character",
                                          "unexpected character `\(shown)`: expected a name, number, string, operator or bracket"))
        }
    }

    private mutating func scanNumber(start: Int, location: SourceLocation) {
        while let n = peek(), n.isASCII, n.isNumber { advance() }
        // A fraction needs a digit after the point, so `m.T` and `1.5` both scan as expected.
        if peek() == ".", let d = peek(1), d.isASCII, d.isNumber {
            advance()
            while let n = peek(), n.isASCII, n.isNumber { advance() }
        }
        if peek() == "e" || peek() == "E" {
            var k = 1
            if peek(1) == "+" || peek(1) == "-" { k = 2 }
            if let d = peek(k), d.isASCII, d.isNumber {
                for _ in 0..<k { advance() }
                while let n = peek(), n.isASCII, n.isNumber { advance() }
            }
        }
        let text = String(chars[start..<index])
        var token = Token(kind: .number, text: text, start: start, end: index, location: location)
        if let value = Double(text), value.isFinite {
            token.numberValue = value
        } else {
            token.kind = .error
            diagnostics.append(Diagnostic(at: location, id: "number-out-of-range",
                                          "the number `\(text)` is too large: expected a finite number (at most about 1.8e308)"))
        }
        tokens.append(token)
    }

    private mutating func scanString(start: Int, location: SourceLocation) {
        var value = ""
        var bad = false
        while true {
            guard let c = peek(), !c.isNewline else {
                diagnostics.append(Diagnostic(at: location, id: "unterminated-string",
                                              "unterminated string: expected a closing `\"` before the end of the line"))
                tokens.append(Token(kind: .error, text: String(chars[start..<index]), start: start, end: index, location: location))
                return
            }
            if c == "\"" { advance(); break }
            if c == "\\" {
                let escapeLocation = here
                advance()
                guard let e = peek(), !e.isNewline else { continue }
                advance()
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "u" where peek() == "{":
                    advance()
                    var hex = ""
                    while let h = peek(), h.isHexDigit, hex.count < 8 { hex.append(advance()) }
                    if peek() == "}", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                        advance()
                        value.unicodeScalars.append(scalar)
                    } else {
                        bad = true
                        diagnostics.append(Diagnostic(at: escapeLocation, id: "bad-escape",
                                                      "bad unicode escape: expected `\\u{` hex digits `}` naming a character, like `\\u{6211}`"))
                    }
                default:
                    bad = true
                    diagnostics.append(Diagnostic(at: escapeLocation, id: "bad-escape",
                                                  "unknown escape `\\\(e)` in a string: expected one of `\\n`, `\\t`, `\\\"`, `\\\\`, `\\u{…}`"))
                }
                continue
            }
            value.append(advance())
        }
        var token = Token(kind: bad ? .error : .string, text: String(chars[start..<index]), start: start, end: index, location: location)
        token.stringValue = value
        tokens.append(token)
    }
}
