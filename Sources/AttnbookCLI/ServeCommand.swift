import ArgumentParser
import Foundation
import Site

/// `attnbook serve`'s flags. `attnbook` parses them (for `--help` and usage errors) and
/// `attnbook-serve` parses the same words again to run the server.
public struct ServeOptions: ParsableArguments {
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
}

/// `attnbook serve`: build, serve the site on loopback, rebuild on change, reload open pages.
///
/// The server is its own program, `attnbook-serve`, next to `attnbook` (see Package.swift for
/// why): this command checks the flags, then replaces itself with that program, passing on the
/// words that followed `serve` unchanged.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on loopback, rebuild when a lesson changes and reload open pages.",
        discussion: "Errors of a lesson appear over its page in the browser as in the terminal; the last good page stays underneath. The server is the program attnbook-serve, next to attnbook."
    )

    @OptionGroup public var options: ServeOptions

    public init() {}

    public func run() throws {
        let arguments = CommandLine.arguments
        let words = arguments.firstIndex(of: "serve").map { Array(arguments[($0 + 1)...]) } ?? []
        let program = Self.serverProgram()
        if let note = Self.staleNote(server: program) { StandardError.print(note) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + words).map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = String(cString: strerror(errno))
        StandardError.print("""
            error: `attnbook serve` runs the program attnbook-serve, which could not be started at \(program) (\(reason)).
            note: build it beside attnbook: swift build -c release --product attnbook-serve --static-swift-stdlib (scripts/build builds both)
            """)
        throw ExitCode(1)
    }

    /// A note when `server` was linked well before the running `attnbook` (`swift run attnbook`
    /// rebuilds only `attnbook`, so after a code change the server would be the old code).
    static func staleNote(server: String) -> String? {
        var own = stat(), other = stat()
        guard stat("/proc/self/exe", &own) == 0, stat(server, &other) == 0,
              own.st_mtim.tv_sec - other.st_mtim.tv_sec > 60 else { return nil }
        return "note: \(server) was built before attnbook; if the code changed since, rebuild it: swift build --product attnbook-serve (add -c release for a release build)"
    }

    /// `attnbook-serve` in the folder of the running `attnbook` (its real path, so a symlink to
    /// `attnbook` on the PATH still finds the build folder).
    static func serverProgram() -> String {
        SiteSources.executableFolder + "/attnbook-serve"
    }
}
