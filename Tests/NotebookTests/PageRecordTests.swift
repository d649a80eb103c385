import LessonScript
import Testing
@testable import Notebook

/// The page record's text form reads back equal, whatever its strings hold, and a damaged one does not read.
@Suite struct PageRecordTests {
    @Test func itsTextReadsBackEqual() throws {
        var record = PageRecord()
        record.cells = [.init(renderKey: "abc", bound: ["h", "step"], figures: ["step-alpha.svg"]),
                        .init(renderKey: "def", bound: [], figures: [])]
        record.bindings = ["h", "step"]
        let key = PageRecord.valueKey(cellsBefore: 1, expression: " step.alpha[1]\t\\ ", bound: .upper)
        record.values[key] = .init(text: "0.31\n\\t", origin: InlineOrigin(expression: "step.alpha[1]", path: "step.alpha", row: 0, column: 1, line: 9))
        record.values["2\u{1F}-\u{1F}1 + 1"] = .init(text: "2", origin: nil)
        #expect(PageRecord(text: record.text) == record)
        #expect(PageRecord(text: PageRecord().text) == PageRecord())
        #expect(PageRecord(text: record.text + "\nx\tunknown") == nil)
        #expect(PageRecord(text: "v\tkey\ttext\\q") == nil)
        // Carriage returns and non-ASCII in the strings, and a raw CR LF (never written; read by characters).
        record.values["0\u{1F}l\u{1F}α\r\n"] = .init(text: "机\r\n\u{301}", origin: nil)
        #expect(PageRecord(text: record.text) == record)
        #expect(!record.text.utf8.contains(0x0D))
        let raw = try #require(PageRecord(text: "v\tk\tline\r\nb"))
        #expect(raw.values["k"]?.text == "line\r\nb")
    }
}
