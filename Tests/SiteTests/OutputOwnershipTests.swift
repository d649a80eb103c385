import Foundation
import Testing
@testable import Site
import NotebookTestSupport

/// The build owns only what it wrote (issue: `--output DIR` deleted a user's README, icons, and a
/// file outside DIR through a symlink), holds a lock, cleans a killed build's leftovers and names
/// the file in write errors. Each test builds the fixture lessons into a real temporary folder.
@Suite struct OutputOwnershipTests {
    let fm = FileManager.default

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    @Test func usersFilesInTheOutputFolderSurviveEveryBuild() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        // What a user keeps in a folder they build into (e.g. `--output .` in a project root),
        // including names shaped like lesson pages and a folder of SVGs.
        let mine = ["README.md": "# my project", "about.html": "<p>me</p>", "package.json": "{}",
                    "icons/arrow.svg": "<svg/>", "icons/star.svg": "<svg/>", "old-notes.md": "notes",
                    "99-draft.html": "draft", "99-draft/fig.svg": "<svg/>"]
        for (path, text) in mine { try write(text, path, in: fixture.output) }
        #expect(fixture.build().0.succeeded)
        // A lesson deleted: its pages go, nothing of the user's does.
        try fm.removeItem(at: fixture.lessons.appendingPathComponent("03-later.md"))
        #expect(fixture.build().0.succeeded)
        #expect(fixture.build().0.succeeded)
        for (path, text) in mine { #expect(fixture.read(path) == text, "\(path) was touched") }
        #expect(!fixture.files().contains { $0.hasPrefix("03-later") })
        #expect(!fm.fileExists(atPath: fixture.output.appendingPathComponent("03-later").path))
    }

    @Test func aFileTheUserEditedIsNotRemovedWhenItsLessonGoes() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        try write("my own version", "03-later.md", in: fixture.output)
        try fm.removeItem(at: fixture.lessons.appendingPathComponent("03-later.md"))
        let (report, log) = fixture.build()
        #expect(report.succeeded)
        #expect(fixture.read("03-later.md") == "my own version")
        #expect(fixture.read("03-later.html") == nil)
        #expect(log.contains("note: left `\(fixture.output.path)/03-later.md` in place: it changed since the build wrote it"))
    }

    @Test func removalNeverFollowsASymlinkOutOfTheFolder() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        // The user moves a lesson's figure folder elsewhere and links it back.
        let outside = fixture.root.appendingPathComponent("elsewhere")
        try fm.moveItem(at: fixture.output.appendingPathComponent("02-one-step"), to: outside)
        try fm.createSymbolicLink(at: fixture.output.appendingPathComponent("02-one-step"), withDestinationURL: outside)
        let before = try fm.contentsOfDirectory(atPath: outside.path).sorted()
        #expect(!before.isEmpty)
        // Building now refuses to write through the link, and deleting the lesson removes its pages
        // but nothing behind the link.
        let (report, log) = fixture.build()
        #expect(!report.succeeded)
        #expect(log.contains { $0.contains("is a symbolic link; the build does not write through links") })
        try fm.removeItem(at: fixture.lessons.appendingPathComponent("02-one-step.md"))
        #expect(fixture.build().0.succeeded)
        #expect(try fm.contentsOfDirectory(atPath: outside.path).sorted() == before)
        #expect(fixture.read("02-one-step.html") == nil)
    }

    @Test func aKilledBuildsTemporaryFilesAreCleanedByTheNext() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        // What `kill -9` mid-write leaves: ours (any version's naming), at the top and in subfolders.
        let leftovers = [".attnbook-tmp-4242-index.html", "assets/.attnbook-tmp-4242-attnbook.css",
                         "02-one-step/.step-alpha.svg.tmp-4242", ".index.html.tmp-77"]
        for path in leftovers { try write("half", path, in: fixture.output) }
        try write("a user's dotfile", ".env.tmp-draft", in: fixture.output)
        // The last build finished (its mark is gone from the lock file): the folder is not walked.
        #expect(fixture.read(".attnbook.lock") == "")
        #expect(fixture.build().0.succeeded)
        for path in leftovers { #expect(fixture.read(path) == "half", "\(path) removed though no build was killed") }
        // A killed build leaves its mark in the lock file; the next build looks for its leftovers.
        try write(OutputWriter.buildingMark, ".attnbook.lock", in: fixture.output)
        #expect(fixture.build().0.succeeded)
        for path in leftovers { #expect(fixture.read(path) == nil, "\(path) left behind") }
        #expect(fixture.read(".env.tmp-draft") == "a user's dotfile")
        #expect(fixture.read(".attnbook.lock") == "")
    }

    @Test func twoBuildsAtOnceTakeTurnsAndGiveTheSameSite() throws {
        let single = try Fixture()
        defer { single.remove() }
        #expect(single.build().0.succeeded)
        let expected = single.files().filter { !$0.hasPrefix("assets/katex") }.map { ($0, single.read($0)) }

        let fixture = try Fixture()
        defer { fixture.remove() }
        let group = DispatchGroup()
        final class Results: @unchecked Sendable { var ok: [Bool] = []; var logs: [[String]] = []; let lock = NSLock() }
        let results = Results()
        for _ in 0..<4 {
            group.enter()
            Thread {
                let (report, log) = fixture.build()
                results.lock.lock(); results.ok.append(report.succeeded); results.logs.append(log); results.lock.unlock()
                group.leave()
            }.start()
        }
        group.wait()
        #expect(results.ok == [true, true, true, true])
        let got = fixture.files().filter { !$0.hasPrefix("assets/katex") }.map { ($0, fixture.read($0)) }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
    }

    @Test func aWriteErrorNamesTheFileAndTheCause() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        // A plain file where the lesson's figure folder must go.
        try write("in the way", "02-one-step", in: fixture.output)
        let (report, log) = fixture.build()
        #expect(!report.succeeded)
        #expect(log.contains { $0.contains("02-one-step.md: error: [write] cannot write `\(fixture.output.path)/02-one-step`: a file is in the way of a folder the build needs") })
        #expect(fixture.read("02-one-step") == "in the way")
        #expect(fixture.read("01-why.html") != nil)
    }

    @Test func theManifestListsWhatTheBuildWroteAndIsDeterministic() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        let first = try #require(fixture.read(".attnbook-manifest"))
        #expect(fixture.build().0.succeeded)
        #expect(fixture.read(".attnbook-manifest") == first)
        let manifest = OutputManifest(parsing: Data(first.utf8))
        let owned = Set(manifest.entries.filter { $0.value.kind == .file }.keys)
        let written = Set(fixture.files().filter { !$0.hasPrefix(".attnbook") })
        #expect(owned == written)
        #expect(manifest.entries["02-one-step"]?.kind == .dir)
        #expect(manifest.entries["index.html"]?.owner == OutputManifest.siteOwner)
        #expect(manifest.entries["02-one-step.html"]?.owner == "02-one-step")
        // A manifest that lists a path outside the folder is not believed.
        #expect(OutputManifest(parsing: Data("file\t0\tx\t../escape.html\nfile\t0\tx\t/etc/passwd\n".utf8)).entries.isEmpty)
    }
}
