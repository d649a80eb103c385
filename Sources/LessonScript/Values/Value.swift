import AttentionEngine

/// A value in the script language.
public indirect enum Value: Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case vector(Vector)
    case matrix(Matrix)
    /// A token list from `tokens("我 爱 你")`; usable as labels.
    case tokens([String])
    /// A record (trace) with ordered, named fields: `.e`, `.alpha`, `.a`…
    case record(Record)
    /// A score function written with a leading dot: `.dot`, `.additive(W1:, W2:, v:)`…
    case scoreFunction(ScoreFunctionValue)
}

/// A record with fields in a fixed order (the order they are shown and serialised in).
public struct Record: Equatable, Sendable {
    /// What made it, e.g. `attention step`, shown in captions.
    public var kind: String
    public var fields: [(name: String, value: Value)]

    public init(kind: String, fields: [(name: String, value: Value)]) {
        self.kind = kind
        self.fields = fields
    }

    public subscript(name: String) -> Value? { fields.first { $0.name == name }?.value }

    public static func == (a: Record, b: Record) -> Bool {
        a.kind == b.kind && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A score function value: its name and labelled parameters as written.
public struct ScoreFunctionValue: Equatable, Sendable {
    public var name: String
    public var arguments: [(label: String?, value: Value)]

    public init(name: String, arguments: [(label: String?, value: Value)]) {
        self.name = name
        self.arguments = arguments
    }

    public static func == (a: ScoreFunctionValue, b: ScoreFunctionValue) -> Bool {
        a.name == b.name && a.arguments.count == b.arguments.count
            && zip(a.arguments, b.arguments).allSatisfy { $0.label == $1.label && $0.value == $1.value }
    }
}
