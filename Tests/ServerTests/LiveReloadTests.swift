import Foundation
import LessonScript
import Testing
@testable import Preview
@testable import Server

@Suite struct LiveReloadTests {
    @Test func scriptGoesBeforeTheLastBodyEnd() {
        let html = Data("<html><body><p>&lt;/body&gt;</p></body>\n</html>\n".utf8)
        let out = String(decoding: LiveReloadScript.inject(into: html), as: UTF8.self)
        #expect(out.hasPrefix("<html><body><p>&lt;/body&gt;</p><script>\n"))
        #expect(out.hasSuffix("</script>\n</body>\n</html>\n"))
        #expect(out.contains("new EventSource(\"/__attnbook/events\")"))
    }

    @Test func scriptIsAppendedWithoutABody() {
        let out = String(decoding: LiveReloadScript.inject(into: Data("<p>bare".utf8)), as: UTF8.self)
        #expect(out.hasPrefix("<p>bare<script>"))
    }

    /// The overlay shows exactly the terminal's lines (DiagnosticFormatter without colour).
    @Test func failureCarriesTheTerminalText() throws {
        let d = Diagnostic(at: SourceLocation(file: "lessons/03-x.md", line: 12, column: 9), id: "unknown-name",
                           "unknown name `sofmax`", fix: "did you mean `softmax`?", sourceLine: "let w = sofmax(e)")
        let warning = Diagnostic(.warning, at: SourceLocation(file: "lessons/04-y.md", line: 3, column: 1), id: "order", "odd order")
        let event = BuildEvent.failure([d, warning], failed: ["lessons/03-x.md"], changed: ["04-y.html"])
        let expected = "lessons/03-x.md:12:9: error: unknown name `sofmax`\nlet w = sofmax(e)\n        ^\nfix: did you mean `softmax`?\n"
        #expect(event == .failed(text: expected, files: ["lessons/03-x.md"], changed: ["04-y.html"]))
        #expect(event.name == "build-error")
        let wire = event.wire
        #expect(wire.hasPrefix("event: build-error\ndata: {"))
        #expect(wire.hasSuffix("}\n\n"))
        // One data line: JSON escapes the newlines.
        #expect(wire.split(separator: "\n").count == 2)
        let json = try JSONSerialization.jsonObject(with: Data(wire.dropFirst("event: build-error\ndata: ".count).utf8)) as? [String: Any]
        #expect(json?["text"] as? String == expected)
    }

    @Test func builtListsTheChangedFiles() {
        #expect(BuildEvent.built(changed: ["01-a.html", "assets/attnbook.css"]).wire
                == "event: built\ndata: {\"changed\":[\"01-a.html\",\"assets/attnbook.css\"]}\n\n")
    }

    @Test func hubReplaysTheLastFailureToNewPages() async {
        let hub = ReloadHub()
        await hub.publish(.failed(text: "boom\n", files: ["a.md"], changed: ["b.html"]))
        var iterator = await hub.subscribe().makeAsyncIterator()
        let hello = await iterator.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(hello?.hasPrefix("retry: ") == true)
        let replay = await iterator.next().map { String(decoding: $0, as: UTF8.self) }
        // Replayed without `changed`: a page that reloaded for it must not reload again.
        #expect(replay == "event: build-error\ndata: {\"changed\":[],\"files\":[\"a.md\"],\"text\":\"boom\\n\"}\n\n")
        await hub.publish(.built(changed: []))
        let next = await iterator.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(next == "event: built\ndata: {\"changed\":[]}\n\n")
        // After a success, a new page gets no overlay.
        var fresh = await hub.subscribe().makeAsyncIterator()
        _ = await fresh.next()
        await hub.heartbeat()
        #expect(await fresh.next().map { String(decoding: $0, as: UTF8.self) } == ": keep-alive\n\n")
    }
}
