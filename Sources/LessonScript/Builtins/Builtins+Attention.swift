import AttentionEngine
extension BuiltinRegistry {
    static let attentionBuiltins: [Builtin] = []
}
