import ArgumentParser
import AttnbookCLI
import Foundation
import Preview
import Server

/// The server behind `attnbook serve`: build, serve the output folder on loopback, rebuild on
/// change and push reloads (and errors) to open pages.
struct ServeProgram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnbook serve",
        abstract: "Build, serve the site on loopback, rebuild when a lesson changes and reload open pages.",
        version: AttnbookCommand.configuration.version
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        let site = options.site, output = options.output, host = options.host, port = options.port
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
        if options.open { AuthoringLoop.openBrowser(url) }
        loop.run { outcome in
            try? AuthoringLoop.wait { await server.hub.publish(outcome.event) }
        }
    }
}
