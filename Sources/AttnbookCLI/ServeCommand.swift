import ArgumentParser
import Foundation
import Server
import Site

/// `attnbook serve`: build, serve the site on loopback, rebuild on change, reload open pages.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on loopback, rebuild when a lesson changes and reload open pages.",
        discussion: "Errors of a lesson appear over its page in the browser as in the terminal; the last good page stays underneath."
    )

    @Option(help: "The TCP port (1–65535).")
    public var port = 8000

    @Option(help: "The address to listen on; anything but loopback makes the preview reachable from other machines.")
    public var host = "127.0.0.1"

    @OptionGroup public var site: SiteOptions

    @Option(help: "The folder the site is written to and served from.")
    public var output = "output"

    @Flag(help: "Open the site in the default browser (xdg-open).")
    public var open = false

    public init() {}

    public func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, got \(port)") }
    }

    public func run() throws {
        try AuthoringLoop.requireLessons(site.lessons)
        let loop = RebuildLoop(options: AuthoringLoop.options(site, output: output),
                               log: StandardError.print)
        // Bind before building, so a bad --host or a busy port fails at once rather than after the
        // build; requests in the meantime get the previous build's pages.
        let server: PreviewServer
        do {
            server = try PreviewServer(root: output, host: host, port: UInt16(port))
            try AuthoringLoop.wait { try await server.start() }
        } catch let error as PreviewServer.StartError {
            StandardError.print(error.description)
            throw ExitCode(1)
        }
        let first = loop.rebuild(changedSources: [])
        try AuthoringLoop.wait { await server.hub.publish(first.event) }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let url = "http://\(shownHost):\(port)/"
        StandardError.print("serving \(output)/ at \(url) (live reload; Ctrl-C to stop)")
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            StandardError.print("warning: listening on \(host): other machines can read the preview")
        }
        if open { AuthoringLoop.openBrowser(url) }
        loop.run { outcome in
            try? AuthoringLoop.wait { await server.hub.publish(outcome.event) }
        }
    }
}
