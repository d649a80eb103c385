import Foundation
import Testing
@testable import AttnbookCLI

/// `attnbook eval` on malformed fixture scripts of LessonScriptTests: exit status 1, and stderr
/// starts with each expected `file:line:column: error: message`.
@Test("eval on malformed fixtures", arguments: [
    "unknown-name", "matmul-shapes", "several-syntax-errors", "deep-brackets", "unterminated-string", "divide-by-zero",
    "too-many-entries",
])
func evalOnMalformedFixture(_ name: String) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LessonScriptTests/Fixtures/errors/\(name).attn")
    let source = try String(contentsOf: url, encoding: .utf8)
    let expected = source.split(separator: "\n").compactMap { line -> String? in
        guard let r = line.range(of: "// expect error: ") else { return nil }
        let rest = line[r.upperBound...]
        guard let space = rest.firstIndex(of: " ") else { return nil }
        return "\(name).attn:\(rest[..<space]): error: \(rest[rest.index(after: space)...])"
    }
    let result = EvalCommand.evaluate(source: source, file: "\(name).attn", json: false)
    #expect(result.exitCode == 1)
    let errorLines = result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("\(name).attn:") }
    #expect(errorLines == expected)
    #expect(!expected.isEmpty)
}
