import Foundation
import Testing
@testable import AttnbookCLI

/// `attnbook serve` hands over to the program `attnbook-serve` beside the real `attnbook`.
@Suite struct ServeCommandTests {
    static var buildFolder: URL { BuildCommandTests.binary.deletingLastPathComponent() }

    func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        try BuildCommandTests.run(executable, arguments)
    }

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aSymlinkedAttnbookFindsTheServerBesideTheRealOne() throws {
        let server = Self.buildFolder.appendingPathComponent("attnbook-serve")
        try #require(FileManager.default.isExecutableFile(atPath: server.path), "build attnbook-serve first (swift build)")
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("attnbook")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: BuildCommandTests.binary)
        // Only attnbook-serve checks the lessons folder: this error proves the hand-over happened,
        // with the words after `serve` passed on unchanged.
        let missing = folder.appendingPathComponent("no lessons here").path
        let result = try run(link, ["serve", "--lessons", missing, "--port", "8123"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: no lessons folder at `\(missing)`"), "\(result.stderr)")
    }

    @Test func anOlderServerProgramGetsANote() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = folder.appendingPathComponent("attnbook-serve").path
        #expect(FileManager.default.createFile(atPath: server, contents: Data()))
        #expect(ServeCommand.staleNote(server: server) == nil)   // written after this test binary
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: server)
        #expect(ServeCommand.staleNote(server: server)?.contains("swift build --product attnbook-serve") == true)
    }

    @Test func withoutTheServerProgramServeSaysHowToBuildIt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: BuildCommandTests.binary.path), "build the attnbook executable first")
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lonely = folder.appendingPathComponent("attnbook")
        try FileManager.default.copyItem(at: BuildCommandTests.binary, to: lonely)
        let result = try run(lonely, ["serve", "--port", "8124"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not be started at \(folder.path)/attnbook-serve"), "\(result.stderr)")
        #expect(result.stderr.contains("--product attnbook-serve"))
        // Flags are still checked by attnbook itself, before any hand-over.
        #expect(try run(lonely, ["serve", "--port", "0"]).status == 64)
    }
}
