import Testing
@testable import AttnbookCLI

@Test func AttnbookCLILinks() {
    #expect(Bool(true))
}
