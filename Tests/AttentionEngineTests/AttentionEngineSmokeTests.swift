import Testing
@testable import AttentionEngine

@Test func AttentionEngineLinks() {
    #expect(Bool(true))
}
