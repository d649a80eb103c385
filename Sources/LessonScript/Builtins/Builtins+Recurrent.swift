import AttentionEngine
extension BuiltinRegistry {
    static let recurrentBuiltins: [Builtin] = []
}
