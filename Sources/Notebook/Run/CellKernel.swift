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
