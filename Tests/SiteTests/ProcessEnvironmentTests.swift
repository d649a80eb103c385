import Foundation
import Testing
@testable import Site

/// `ProcessEnvironment` answers as Foundation's `ProcessInfo` does, without its start-up cost.
@Suite struct ProcessEnvironmentTests {
    @Test func coresAgreeWithFoundation() {
        #expect(ProcessEnvironment.cores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(SiteBuilder.defaultJobs == min(ProcessInfo.processInfo.activeProcessorCount, SiteBuilder.maximumJobs))
    }

    @Test func variablesAgreeWithFoundation() {
        let environment = ProcessInfo.processInfo.environment
        for name in ["PATH", "HOME", "ATTNBOOK_SURELY_UNSET_VARIABLE"] {
            #expect(ProcessEnvironment.value(name) == environment[name], "\(name)")
        }
        setenv("ATTNBOOK_TEST_VARIABLE", "a = b · é", 1)
        defer { unsetenv("ATTNBOOK_TEST_VARIABLE") }
        #expect(ProcessEnvironment.value("ATTNBOOK_TEST_VARIABLE") == "a = b · é")
    }
}
