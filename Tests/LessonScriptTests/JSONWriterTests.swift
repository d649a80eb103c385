import Foundation
import Testing
import AttentionEngine
@testable import LessonScript

/// The byte-buffer JSON writer: escapes checked against Foundation's parser (an independent
/// reader), and nesting checked against the text of a whole object indented by hand.
@Suite struct JSONWriterTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("a \"q\" \\ b", #""a \"q\" \\ b""#),
        ("line\nfeed\rtab\t", #""line\nfeed\rtab\t""#),
        ("\u{1}\u{1F}\u{7F}", #""\u0001\u001f\u007f""#),
        ("sep\u{2028}para\u{2029}", #""sep\u2028para\u2029""#),
        // Other characters whose UTF-8 starts with E2 (and E2 80) stay as they are.
        ("€ ‧ → …", "\"€ ‧ → …\""),
        ("我 爱 机器 学习 🙂", "\"我 爱 机器 学习 🙂\""),
        ("\u{E2}", "\"\u{E2}\""),  // â, whose UTF-8 is C3 A2, not the byte E2
    ])
    func stringsAreEscapedExactly(_ text: String, _ json: String) throws {
        #expect(JSONWriter.string(text) == json)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func nestedObjectsAreIndentedAsTheyAreWritten() throws {
        let inner = Value.matrix(Matrix(rows: 2, cols: 2, storage: [1, 0.5, -2, 3]))
        let bindings: [(name: String, value: Value)] = [
            ("m", inner), ("v", .vector(Vector([0.25, 1]))), ("s", .string("x\u{2028}")), ("b", .bool(false)),
        ]
        let whole = JSONWriter.bindingsJSON(bindings)
        #expect(whole == """
            {
              "m": [
                [1.0, 0.5],
                [-2.0, 3.0]
              ],
              "v": [0.25, 1.0],
              "s": "x\\u2028",
              "b": false
            }

            """)
        // Written two levels deep: the same text with every line after the first indented by four.
        var deep: [UInt8] = []
        JSONWriter.writeBindings(bindings, level: 2, into: &deep)
        #expect(String(decoding: deep, as: UTF8.self) == whole.dropLast().replacingOccurrences(of: "\n", with: "\n    "))
        // One line.
        #expect(inner.jsonText == "[[1.0, 0.5], [-2.0, 3.0]]")
        #expect(JSONWriter.write(inner, indent: "\t") == "[\n\t[1.0, 0.5],\n\t[-2.0, 3.0]\n]")
    }
}
