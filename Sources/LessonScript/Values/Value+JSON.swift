import AttentionEngine

// JSON of script values: our own serialiser so keys keep their order and numbers their exact
// shortest round-trip form (Swift's `description`), making `<slug>.json` byte-for-byte stable.

extension Value {
    /// The value as JSON, on one line: numbers, arrays for vectors and tokens, arrays of arrays for
    /// matrices, objects (fields in order) for records, `{"score": "additive", "W1": …}` for score functions.
    public var jsonText: String { JSONWriter.write(self, indent: nil) }
}

public enum JSONWriter {
    /// Every binding as one JSON object, names in first-bound order, pretty-printed with a
    /// two-space indent and a trailing newline. This is `attnbook eval --json` and `<slug>.json`.
    public static func bindingsJSON(_ bindings: [(name: String, value: Value)]) -> String {
        var out = ""
        object(bindings.map { ($0.name, $0.value) }, level: 0, indent: "  ", into: &out)
        return out + "\n"
    }

    /// One value; `indent` nil gives a single line.
    public static func write(_ value: Value, indent: String?) -> String {
        var out = ""
        write(value, level: 0, indent: indent, into: &out)
        return out
    }

    /// A JSON number: the shortest text that reads back as the same Double. Non-finite numbers
    /// never reach here (the interpreter refuses them); `null` guards the format anyway.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        return x.description
    }

    /// A JSON string literal with `"`, `\` and control characters escaped; other text is kept as UTF-8.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func write(_ value: Value, level: Int, indent: String?, into out: inout String) {
        switch value {
        case .number(let x): out += number(x)
        case .string(let s): out += string(s)
        case .bool(let b): out += b ? "true" : "false"
        case .vector(let v): out += "[" + v.values.map(number).joined(separator: ", ") + "]"
        case .tokens(let t): out += "[" + t.map(string).joined(separator: ", ") + "]"
        case .matrix(let m):
            let rows = (0..<m.rows).map { "[" + m.row($0).values.map(number).joined(separator: ", ") + "]" }
            if let indent {
                let inner = String(repeating: indent, count: level + 1)
                out += "[\n" + rows.map { inner + $0 }.joined(separator: ",\n") + "\n" + String(repeating: indent, count: level) + "]"
            } else {
                out += "[" + rows.joined(separator: ", ") + "]"
            }
        case .record(let r):
            object(r.fields.map { ($0.name, $0.value) }, level: level, indent: indent, into: &out)
        case .scoreFunction(let f):
            object([("score", .string(f.name))] + f.arguments.enumerated().map { ($1.label ?? "\($0)", $1.value) },
                   level: level, indent: indent, into: &out)
        }
    }

    private static func object(_ members: [(String, Value)], level: Int, indent: String?, into out: inout String) {
        guard !members.isEmpty else { out += "{}"; return }
        guard let indent else {
            out += "{"
            for (k, (name, value)) in members.enumerated() {
                if k > 0 { out += ", " }
                out += string(name) + ": "
                write(value, level: level, indent: nil, into: &out)
            }
            out += "}"
            return
        }
        let inner = String(repeating: indent, count: level + 1)
        out += "{\n"
        for (k, (name, value)) in members.enumerated() {
            out += inner + string(name) + ": "
            write(value, level: level + 1, indent: indent, into: &out)
            out += k == members.count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: indent, count: level) + "}"
    }
}
