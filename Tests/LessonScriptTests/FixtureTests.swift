import Foundation
import Testing
@testable import LessonScript

/// Fixture scripts that carry their expectations (craftinginterpreters' `test/`):
/// `show 1 + 2  // expect: 3` (one line per output, numbers compact) and
/// `// expect error: 2:9 unknown name `x`` (every diagnostic, word for word, in order).
/// `// expect fix: …` checks the first diagnostic's fix.
struct Fixture: CustomTestStringConvertible, Sendable {
    let path: String
    var testDescription: String { path }

    static func all(_ folder: String) -> [Fixture] {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { return [] }
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".attn") }.sorted().map { Fixture(path: "\(folder)/\($0)") }
    }

    var source: String {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// Expectations after a marker, in file order.
    func expectations(_ marker: String) -> [String] {
        source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            guard let r = line.range(of: "// " + marker + ":") else { return nil }
            return line[r.upperBound...].trimmingCharacters(in: .whitespaces)
        }
    }
}

@Test("fixture scripts produce what they expect", arguments: Fixture.all("scripts"))
func fixtureScript(_ fixture: Fixture) {
    let session = Session(file: fixture.path)
    let result = session.run(fixture.source)
    #expect(result.diagnostics.map { DiagnosticFormatter.format($0) } == [])
    #expect(result.outputs.map(OutputText.oneLine) == fixture.expectations("expect"))
}

@Test("malformed scripts report what they expect", arguments: Fixture.all("errors"))
func fixtureError(_ fixture: Fixture) {
    let session = Session(file: fixture.path)
    let result = session.run(fixture.source)
    let got = result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    #expect(got == fixture.expectations("expect error"))
    #expect(!got.isEmpty)
    let fixes = fixture.expectations("expect fix")
    if !fixes.isEmpty { #expect(result.diagnostics.compactMap(\.fix) == fixes) }
    let outputs = fixture.expectations("expect")
    if !outputs.isEmpty { #expect(result.outputs.map(OutputText.oneLine) == outputs) }
}

@Test func thereAreEnoughMalformedFixtures() {
    #expect(Fixture.all("errors").count >= 30)
    #expect(Fixture.all("scripts").count >= 5)
}
