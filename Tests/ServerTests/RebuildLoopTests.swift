import Foundation
import Site
import Testing
@testable import Preview

/// The rebuild loop as `watch` and `serve` run it, on a real lesson in a scratch folder.
@Suite struct RebuildLoopTests {
    static let lesson = """
        ---
        title: Half-written saves
        ---

        A sentence.

        ```attn
        let w = softmax([1.0, 2.0])
        show w
        ```

        """

    /// An editor that truncates a lesson and then writes it can be caught in between: the poll
    /// sees an empty file, whose build fails with "no front matter". When the file moves again
    /// before that failure is reported, only the build of what was finally written is reported,
    /// in the terminal and in the event for open pages.
    ///
    /// Both writes happen inside `shouldStop`: the loop asks it before each poll and again before
    /// it waits to report a failure, so the file is empty for the first poll and complete before
    /// the next; a loop without the wait reports the empty file's error first.
    @Test func aFailureFromAHalfWrittenSaveIsNotReported() throws {
        let root = NSTemporaryDirectory() + "attnbook-loop-" + UUID().uuidString
        let lessons = root + "/lessons", path = lessons + "/01-half.md"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.lesson.write(toFile: path, atomically: false, encoding: .utf8)

        let lines = Locked<[String]>([])
        var options = SiteBuilder.Options(lessons: lessons, output: root + "/output")
        options.color = false
        let loop = RebuildLoop(options: options, interval: .milliseconds(5), log: { line in lines.update { $0.append(line) } })
        #expect(loop.rebuild(changedSources: []).report.succeeded)
        lines.update { $0.removeAll() }

        let broken = Self.lesson.replacingOccurrences(of: "softmax(", with: "sofmax(")
        var asked = 0, outcomes: [RebuildLoop.Outcome] = []
        loop.run(shouldStop: {
            asked += 1
            if asked == 1 { try? Data().write(to: URL(fileURLWithPath: path)) }  // truncated: the poll sees this
            if asked == 2 { try? broken.write(toFile: path, atomically: false, encoding: .utf8) }  // … then written
            return !outcomes.isEmpty || asked > 2_000
        }, onRebuild: { outcomes.append($0) })

        #expect(outcomes.count == 1)
        guard case .failed(let text, let files, _)? = outcomes.first?.event else {
            Issue.record("expected a failure, got \(String(describing: outcomes.first?.event))")
            return
        }
        #expect(text.hasPrefix(path + ":8:9: error: unknown name `sofmax`"), "\(text)")
        #expect(!text.contains("front matter"))
        #expect(files == [path])
        let terminal = lines.value.joined(separator: "\n")
        #expect(!terminal.contains("front matter"), "\(terminal)")
        #expect(terminal.contains("unknown name `sofmax`"), "\(terminal)")
        #expect(terminal.contains("changed again before the error was shown"), "\(terminal)")
    }

    /// A failure that stays is reported once the file has held still for an interval.
    @Test func aLastingFailureIsReported() throws {
        let root = NSTemporaryDirectory() + "attnbook-loop-" + UUID().uuidString
        let lessons = root + "/lessons", path = lessons + "/01-half.md"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.lesson.write(toFile: path, atomically: false, encoding: .utf8)
        let loop = RebuildLoop(options: SiteBuilder.Options(lessons: lessons, output: root + "/output", quiet: true),
                               interval: .milliseconds(5), log: { _ in })
        _ = loop.rebuild(changedSources: [])
        var asked = 0, outcomes: [RebuildLoop.Outcome] = []
        loop.run(shouldStop: {
            asked += 1
            if asked == 1 { try? Data().write(to: URL(fileURLWithPath: path)) }
            return !outcomes.isEmpty || asked > 2_000 }, onRebuild: { outcomes.append($0) })
        guard case .failed(let text, _, _)? = outcomes.first?.event else {
            Issue.record("expected a failure, got \(String(describing: outcomes.first?.event))")
            return
        }
        #expect(text.contains("front matter"), "\(text)")
    }
}

/// A value behind a lock, for a log closure that must be `@Sendable`.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
