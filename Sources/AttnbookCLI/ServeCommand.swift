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

    @Option(help: "The folder holding the lesson files (NN-slug.md).")
    public var lessons = "lessons"

    @Option(help: "The folder the site is written to and served from.")
    public var output = "output"

    @Flag(help: "Open the site in the default browser (xdg-open).")
    public var open = false

    @Flag(name: .shortAndLong, help: "Print only errors and the server's address.")
    public var quiet = false

    public init() {}

    public func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, got \(port)") }
    }

    public func run() throws {
        let loop = RebuildLoop(options: AuthoringLoop.options(lessons: lessons, output: output, quiet: quiet),
                               log: StandardError.print)
        let first = loop.rebuild(changedSources: [])
        let server: PreviewServer
        do {
            server = try PreviewServer(root: output, host: host, port: UInt16(port))
            try AuthoringLoop.wait { try await server.start() }
        } catch let error as PreviewServer.StartError {
            StandardError.print(error.description)
            throw ExitCode(1)
        }
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

/// What `serve` and `watch` share: the builder's options and the bridge to async code.
enum AuthoringLoop {
    static func options(lessons: String, output: String, quiet: Bool) -> SiteBuilder.Options {
        let color = isatty(2) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return SiteBuilder.Options(lessons: lessons, output: output, write: true, quiet: quiet, color: color)
    }

    /// Runs `body` on the concurrency pool and blocks this thread until it finishes: the rebuild
    /// loop is synchronous and owns the main thread, the server lives on the pool.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        do { try process.run() } catch {
            StandardError.print("note: could not open a browser (\(error.localizedDescription)); open \(url) by hand")
        }
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

/// `attnbook new "Title"`: the next numbered lesson from a template that builds.
public struct NewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create lessons/NN-slug.md, the next numbered lesson, from a small template that builds."
    )

    @Argument(help: "The lesson's title; its ASCII words name the file.")
    public var title: String

    @Option(help: "The folder holding the lesson files.")
    public var lessons = "lessons"

    @Option(help: "The file name's words, when the title has none in ASCII (e.g. a title in Chinese).")
    public var slug: String?

    public init() {}

    public func run() throws {
        do {
            let path = try LessonScaffold.create(title: title, slug: slug, in: lessons)
            print(path)
        } catch {
            StandardError.print(error.description)
            throw ExitCode(1)
        }
    }
}
