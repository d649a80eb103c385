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
        try Self.run(Self.binary, arguments, in: folder, environment: environment)
    }

    /// Runs `executable` to its end: its exit status and standard error.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
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

    @Test func buildingIntoTheProjectRootDeletesNothingOfTheUsers() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // `--output .` in a project root: its README, package.json and icons must survive,
        // including after a lesson is deleted and its pages go.
        let mine = ["README.md": "# project", "package.json": "{}", "about.html": "<p>about</p>", "icons/a.svg": "<svg/>"]
        for (path, text) in mine {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try run(["build", "--output", "."], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("02-step.html").path))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("lessons/02-step.md"))
        #expect(try run(["build", "--output", "."], in: folder).status == 0)
        for (path, text) in mine {
            #expect((try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) == text, "\(path) was touched")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("02-step.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lessons/01-weights.md").path))
    }

    @Test func twoBuildProcessesAtOnceBothSucceedWithTheSameSite() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try run(["build", "--output", "alone"], in: folder).status == 0)
        final class Box: @unchecked Sendable { var results: [(Int32, String)] = []; let lock = NSLock() }
        let box = Box()
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread {
                let r = (try? self.run(["build", "--output", "shared"], in: folder)) ?? (-1, "did not start")
                box.lock.lock(); box.results.append(r); box.lock.unlock()
                group.leave()
            }.start()
        }
        group.wait()
        #expect(box.results.map(\.0) == [0, 0, 0], "\(box.results.map(\.1))")
        let alone = tree(folder.appendingPathComponent("alone")), shared = tree(folder.appendingPathComponent("shared"))
        #expect(alone.keys.sorted() == shared.keys.sorted())
        for (path, data) in alone where path != ".attnbook.lock" { #expect(shared[path] == data, "\(path) differs") }
    }

    @Test func aBuildKilledMidwayLeavesNothingHalfWrittenAndTheNextBuildCleansUp() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Enough lessons that a build takes a while; kill -9 at several moments during it.
        for k in 3...30 {
            try (Self.lessons["02-step.md"]! + "\n").write(to: folder.appendingPathComponent("lessons/\(k)-step.md"), atomically: true, encoding: .utf8)
        }
        #expect(try run(["build", "--output", "clean"], in: folder).status == 0)
        let clean = tree(folder.appendingPathComponent("clean"))
        for delay in [0.02, 0.05, 0.1, 0.2] {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["build", "--quiet", "--output", "killed"]
            process.currentDirectoryURL = folder
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Whatever is there is whole: every page that exists is byte-identical to a clean build's.
            for (path, data) in tree(folder.appendingPathComponent("killed")) where !path.contains(".attnbook") {
                #expect(clean[path] == data, "\(path) is half-written after a kill at \(delay) s")
            }
        }
        #expect(try run(["build", "--output", "killed"], in: folder).status == 0)
        let rebuilt = tree(folder.appendingPathComponent("killed"))
        #expect(!rebuilt.keys.contains { $0.contains(".attnbook-tmp-") || $0.contains(".tmp-") })
        #expect(rebuilt.keys.sorted() == clean.keys.sorted())
        for (path, data) in clean where path != ".attnbook.lock" { #expect(rebuilt[path] == data, "\(path) differs") }
    }

    @Test func numericFlagsOutOfRangeAreUsageErrors() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "show 1\n".write(to: folder.appendingPathComponent("x.attn"), atomically: true, encoding: .utf8)
        for (flag, value, message) in [("--precision", "2147483648", "--precision must be a whole number from 0 to 12, found 2147483648"),
                                       ("--precision", "-1", "--precision must be a whole number from 0 to 12, found -1"),
                                       ("--budget", "0", "--budget must be a whole number from 1 to 16, found 0"),
                                       ("--budget", "99999999999999999999", "The value '99999999999999999999' is invalid for '--budget <N>'")] {
            let result = try run(["eval", "x.attn", "\(flag)=\(value)"], in: folder)
            #expect(result.status == 64, "\(flag) \(value)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(try run(["eval", "x.attn", "--precision", "12", "--budget", "16"], in: folder).status == 0)
    }

    /// The repository's own `lessons/` folder.
    static var realLessons: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons")
    }

    @Test func oneJobAndFourJobsBuildTheSameSiteFromTheRealLessons() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lessons = Self.realLessons.path
        let one = try run(["build", "--lessons", lessons, "--output", "one", "--jobs", "1"], in: folder)
        let four = try run(["build", "--lessons", lessons, "--output", "four", "-j", "4"], in: folder)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(four.status == 0, "\(four.stderr)")
        let a = tree(folder.appendingPathComponent("one")), b = tree(folder.appendingPathComponent("four"))
        let lessonFiles = try FileManager.default.contentsOfDirectory(atPath: lessons).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(lessonFiles.count >= 18)
        for name in lessonFiles {  // every lesson was built, so the comparison covers them all
            #expect(a[String(name.dropLast(3)) + ".json"] != nil, "\(name) was not built")
        }
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between --jobs 1 and --jobs 4") }
        // The progress lines come in lesson order whatever order the lessons finish in.
        func progress(_ log: String) -> [String] {
            log.split(separator: "\n").filter { $0.hasPrefix("[") }.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        }
        #expect(progress(one.stderr).count == lessonFiles.count)
        #expect(progress(one.stderr) == progress(four.stderr))
        #expect(progress(four.stderr).first?.hasPrefix("[1/") == true)
        // `check` with jobs writes nothing and agrees.
        let check = try run(["check", "--lessons", lessons, "--jobs", "3", "--quiet"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output").path))
    }

    @Test func jobsOutsideOneToSixtyFourIsAUsageError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the attnbook executable first")
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (command, value) in [("build", "0"), ("build", "65"), ("check", "-3"), ("check", "99999999999999999999")] {
            let result = try run([command, "--jobs=\(value)"], in: folder)
            #expect(result.status == 64, "\(command) --jobs \(value): \(result.stderr)")
        }
        #expect(try run(["build", "--jobs", "0"], in: folder).stderr.contains("--jobs takes 1–64, got 0"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output").path))
        #expect(try run(["check", "--jobs", "64", "--quiet"], in: folder).status == 0)
    }

    @Test func commandsParse() throws {
        let build = try AttnbookCommand.parseAsRoot(["build", "--lessons", "x", "--output", "y", "--quiet"]) as? BuildCommand
        #expect(build?.site.lessons == "x")
        #expect(build?.output == "y")
        #expect(build?.site.quiet == true)
        #expect(try AttnbookCommand.parseAsRoot(["check", "--verbose"]) is CheckCommand)
    }

    /// `QuickBuild` reads exactly what ArgumentParser reads: every combination of its switches, in
    /// both spellings and any order, gives the builder options `BuildCommand` gives; anything else
    /// is left to ArgumentParser.
    @Test func quickBuildAgreesWithArgumentParser() throws {
        let spellings = [["-q", "--quiet"], ["-v", "--verbose"], ["--no-cache"]]
        var combinations: [[String]] = [[]]
        for choices in spellings { combinations += combinations.flatMap { c in choices.map { c + [$0] } } }
        for switches in combinations {
            for arguments in [switches, switches.reversed()] {
                let quick = try #require(QuickBuild.options(["build"] + arguments[...]), "\(arguments)")
                let parsed = try #require(try AttnbookCommand.parseAsRoot(["build"] + arguments) as? BuildCommand)
                let full = SiteOptions.builderOptions(lessons: parsed.site.lessons, output: parsed.output, write: true,
                                                      quiet: parsed.site.quiet, verbose: parsed.site.verbose,
                                                      jobs: parsed.site.jobs, noCache: parsed.site.noCache)
                #expect(quick.lessons == full.lessons && quick.output == full.output && quick.write == full.write, "\(arguments)")
                #expect(quick.quiet == full.quiet && quick.verbose == full.verbose && quick.useCache == full.useCache, "\(arguments)")
                #expect(quick.jobs == full.jobs && quick.color == full.color && quick.katexDirectory == full.katexDirectory, "\(arguments)")
            }
        }
        #expect(combinations.count == 18)
        for other in [[], ["check"], ["build", "-q", "-q"], ["build", "--quiet", "-q"], ["build", "--jobs", "1"], ["build", "-j1"],
                      ["build", "--output", "x"], ["build", "--help"], ["build", "-qv"], ["build", "extra"], ["--version"]] {
            #expect(QuickBuild.options(other[...]) == nil, "\(other)")
        }
    }
}
