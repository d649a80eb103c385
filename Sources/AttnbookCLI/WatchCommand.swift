import ArgumentParser
import Preview

/// `attnbook watch`: the rebuild loop of `serve`, without the server.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build, then rebuild whenever a lesson or a template changes."
    )

    @OptionGroup public var site: SiteOptions

    @Option(help: "The folder the site is written to.")
    public var output = "output"

    public init() {}

    public func run() throws {
        try AuthoringLoop.requireLessons(site.lessons)
        let loop = RebuildLoop(options: AuthoringLoop.options(site, output: output),
                               log: StandardError.print)
        _ = loop.rebuild(changedSources: [])
        StandardError.print("watching \(loop.watched.joined(separator: " and ")) (Ctrl-C to stop)")
        loop.run { _ in }
    }
}
