import Foundation
import Testing
@testable import AttnbookCLI

/// `attnbook build` and `check` as a user runs them: the real binary, real lessons, a temporary folder.
@Suite(.serialized) struct BuildCommandTests {
    static let lessons: [String: String] = [
        "01-weights.md": """
            ---
            title: Weights
            summary: Softmax of three scores.
            ---

            Scores $e_{t,i}$ become weights $\\alpha_{t,i}$.

            ```attn
            let src = tokens("我 爱 你")
            let e = [1.0, 2.0, 0.5]
            let alpha = softmax(e)
            show alpha
            ```

            The largest weight is {= max(alpha) }.
            """,
        "02-step.md": """
            ---
            title: A step
            ---

            ```attn
            let h = [[0.2, -0.4], [0.9, 0.0], [0.1, 0.8]] rows: tokens("我 爱 你")
            let step = attend(query: [0.5, -0.1], keys: h, score: .dot)
            heatmap step.alpha
            ```
            """,
    ]

    /// The `attnbook` executable next to the test bundle.
    static var binary: URL {
        let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/attnbook")
        return debug
    }

    func makeFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        for (name, text) in Self.lessons {
            try (text + "\n").write(to: root.appendingPathComponent("lessons/\(name)"), atomically: true, encoding: .utf8)
        }
        return root
    }

    func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func tree(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)?.allObjects ?? [] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
            }
        }
        return out
    }

    @Test func buildIsByteIdenticalAcrossLocalesAndTimeZones() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try run(["build", "--output", "a"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try run(["build", "--output", "b", "--quiet"], in: folder,
                             environment: ["LC_ALL": "de_DE.UTF-8", "TZ": "Asia/Tokyo", "LANG": "de_DE.UTF-8"])
        #expect(second.status == 0)
        #expect(second.stderr.isEmpty)
        let a = tree(folder.appendingPathComponent("a")), b = tree(folder.appendingPathComponent("b"))
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains("02-step/step-alpha.svg"))
        for (path, data) in a { #expect(b[path] == data, "\(path) differs") }
        #expect(String(decoding: a["01-weights.md"] ?? Data(), as: UTF8.self).contains("The largest weight is 0.6285."))
    }

    @Test func brokenLessonFailsTheBuildAndKeepsItsOldPages() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["build"], in: folder).status == 0)
        let before = tree(folder.appendingPathComponent("output"))
        let broken = Self.lessons["02-step.md"]!.replacingOccurrences(of: "score: .dot)", with: "score: .dot)\nshow step.alpha @ h @ h")
        try (broken + "\n").write(to: folder.appendingPathComponent("lessons/02-step.md"), atomically: true, encoding: .utf8)
        let result = try run(["build"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("lessons/02-step.md:8:"))
        #expect(result.stderr.contains(": error: "))
        #expect(result.stderr.contains("[1/2] 01-weights"))
        let after = tree(folder.appendingPathComponent("output"))
        for (path, data) in before where path.hasPrefix("02-step") { #expect(after[path] == data, "\(path) changed") }
        #expect(!after.keys.contains { $0.contains(".tmp-") })
        // `check` reports the same error, exits 1 and writes nothing.
        let check = try run(["check", "--lessons", "lessons"], in: folder)
        #expect(check.status == 1)
        #expect(check.stderr.contains("lessons/02-step.md:8:"))
        #expect(tree(folder.appendingPathComponent("output")) == after)
    }

    @Test func commandsParse() throws {
        let build = try AttnbookCommand.parseAsRoot(["build", "--lessons", "x", "--output", "y", "--quiet"]) as? BuildCommand
        #expect(build?.site.lessons == "x")
        #expect(build?.output == "y")
        #expect(build?.site.quiet == true)
        #expect(try AttnbookCommand.parseAsRoot(["check", "--verbose"]) is CheckCommand)
    }
}
