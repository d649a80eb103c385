import Testing
@testable import LessonScript

@Test func LessonScriptLinks() {
    #expect(Bool(true))
}
