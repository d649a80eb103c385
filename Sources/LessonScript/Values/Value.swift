import AttentionEngine

/// A value in the script language.
///
/// Every value is data — `Codable` and `Equatable`, no closures — so a cell's results can be
/// written to the build cache and read back equal.
public indirect enum Value: Equatable, Sendable, Codable {
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
public struct Record: Equatable, Sendable, Codable {
    /// What made it, e.g. `attention step`, shown in captions.
    public var kind: String
    public var fields: [(name: String, value: Value)]

    /// The engine trace behind the record, which `explain` works from (data, not a closure).
    public var trace: Trace?

    /// What each field is, as a formula for table captions (`a = Σᵢ αᵢ vᵢ`), set by the builtin
    /// that made the record because only it knows (e.g. whether values differ from keys).
    public var captions: [String: String]

    public init(kind: String, fields: [(name: String, value: Value)], trace: Trace? = nil,
                captions: [String: String] = [:]) {
        self.kind = kind
        self.fields = fields
        self.trace = trace
        self.captions = captions
    }

    /// What `explain` can ask of the record, derived from its trace.
    public var explainer: Explainer? { trace?.explainer }

    public subscript(name: String) -> Value? { fields.first { $0.name == name }?.value }

    /// Equal kind and fields (what a page and the JSON show); the trace and captions follow from
    /// how the record was made and are compared by the cache, which encodes everything.
    public static func == (a: Record, b: Record) -> Bool {
        a.kind == b.kind && a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    private struct Field: Codable {
        var name: String
        var value: Value
    }

    private enum CodingKeys: String, CodingKey { case kind, fields, trace, captions }

    public init(from decoder: Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        fields = try c.decode([Field].self, forKey: .fields).map { ($0.name, $0.value) }
        trace = try c.decodeIfPresent(Trace.self, forKey: .trace)
        captions = try c.decode([String: String].self, forKey: .captions)
    }

    public func encode(to encoder: Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(fields.map { Field(name: $0.name, value: $0.value) }, forKey: .fields)
        try c.encodeIfPresent(trace, forKey: .trace)
        try c.encode(captions, forKey: .captions)
    }
}

/// A score function value: its name and labelled parameters as written.
public struct ScoreFunctionValue: Equatable, Sendable, Codable {
    public var name: String
    public var arguments: [(label: String?, value: Value)]

    private struct Argument: Codable {
        var label: String?
        var value: Value
    }

    private enum CodingKeys: String, CodingKey { case name, arguments }

    public init(from decoder: Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        arguments = try c.decode([Argument].self, forKey: .arguments).map { ($0.label, $0.value) }
    }

    public func encode(to encoder: Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(arguments.map { Argument(label: $0.label, value: $0.value) }, forKey: .arguments)
    }

    public init(name: String, arguments: [(label: String?, value: Value)]) {
        self.name = name
        self.arguments = arguments
    }

    public static func == (a: ScoreFunctionValue, b: ScoreFunctionValue) -> Bool {
        a.name == b.name && a.arguments.count == b.arguments.count
            && zip(a.arguments, b.arguments).allSatisfy { $0.label == $1.label && $0.value == $1.value }
    }
}

/// Produces worked arithmetic for a record's fields: `explain step.e[2]` asks for field `e`,
/// index 2; `explain step` asks for no field.
public struct Explainer: Sendable {
    public struct Request: Sendable {
        /// The field explained (`e`, `alpha`, `a`…), or nil for the whole record.
        public var field: String?
        /// The position within the field (`e[2]`), if one was given.
        public var index: Int?
        /// The column, for a matrix entry (`A[1, 2]`), if one was given.
        public var column: Int?

        public init(field: String?, index: Int?, column: Int? = nil) {
            self.field = field
            self.index = index
            self.column = column
        }
    }

    /// What can be explained, for the error message when something else is asked: "`.e[i]`, `.alpha`, `.a`".
    public var offers: String
    public var explain: @Sendable (Request) throws -> WorkedArithmetic

    /// Everything at once, in order, for `explain record` with no field (e.g. a whole decoder step).
    /// When nil, `explain` asks `explain` with no field.
    public var explainAll: (@Sendable () -> [WorkedArithmetic])?

    public init(offers: String, explain: @escaping @Sendable (Request) throws -> WorkedArithmetic,
                explainAll: (@Sendable () -> [WorkedArithmetic])? = nil) {
        self.offers = offers
        self.explain = explain
        self.explainAll = explainAll
    }
}

extension Value {
    /// The one whole-number rule of every printed value (tables, inline values, `eval`): no digits
    /// after the point when every number is whole (counts, masks, one-hot rows, shapes), so `154`
    /// never reads `154.0000`; otherwise `precision`.
    public static func digits(_ values: [Double], precision: Int) -> Int {
        values.allSatisfy(isWhole) ? 0 : precision
    }

    /// Whether `x` prints as a whole number (the rule behind `digits`).
    public static func isWhole(_ x: Double) -> Bool { x == x.rounded() && abs(x) < 1e15 }
}
