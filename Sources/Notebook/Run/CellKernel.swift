import LessonScript

/// What runs a lesson's cells: the script language's `Session`, or a stand-in in tests.
public protocol CellKernel: AnyObject {
    var bindings: [(name: String, value: Value)] { get }
    /// How many times each binding (in `bindings` order) has been bound so far.
    var bindingGenerations: [Int] { get }
    func run(_ source: String, firstLine: Int) -> CellResult
    func evaluate(_ expression: String, at location: SourceLocation) -> Result<Value, Diagnostic>
}

extension Session: CellKernel {}

/// A kernel whose cells can be skipped: it records what a cell bound and replays it, and says
/// which names a cell refers to (for the cell's cache key).
public protocol CachingKernel: CellKernel {
    func runRecording(_ source: String, firstLine: Int) -> (CellResult, CellEffects)
    func replay(_ effects: CellEffects)
    func referencedNames(in source: String, firstLine: Int) -> [String]?
    func namedCall(_ name: String) -> BuiltinCall?
    /// What else a cell's result depends on in this kernel (precision, budget).
    var cacheSalt: String { get }
}

extension Session: CachingKernel {
    public var cacheSalt: String { "precision \(precision) budget \(budget.entries)/\(budget.work)" }
}
