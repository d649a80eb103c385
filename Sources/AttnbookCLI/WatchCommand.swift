import ArgumentParser
import Server

/// `attnbook watch`: the rebuild loop of `serve`, without the server.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build, then rebuild whenever a lesson or a template changes."
    )

    @Option(help: "The folder holding the lesson files (NN-slug.md).")
    public var lessons = "lessons"

    @Option(help: "The folder the site is written to.")
    public var output = "output"

    @Flag(name: .shortAndLong, help: "Print only errors.")
    public var quiet = false

    public init() {}

    public func run() throws {
        let loop = RebuildLoop(options: AuthoringLoop.options(lessons: lessons, output: output, quiet: quiet),
                               log: StandardError.print)
        _ = loop.rebuild(changedSources: [])
        StandardError.print("watching \(loop.watched.joined(separator: " and ")) (Ctrl-C to stop)")
        loop.run { _ in }
    }
}
