import ArgumentParser
import Foundation
import Notebook
import Site

/// `attnbook build`: lessons → site.
public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Run every lesson and write the site (HTML, Markdown, SVG, JSON)."
    )

    @OptionGroup public var site: SiteOptions

    @Option(help: "The folder the site is written to.")
    public var output = "output"

    public init() {}

    public func run() throws {
        try site.runBuilder(output: output, write: true)
    }
}

/// `attnbook check`: everything `build` does, writing nothing.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every lesson and report errors without writing anything."
    )

    @OptionGroup public var site: SiteOptions

    public init() {}

    public func run() throws {
        try site.runBuilder(output: "output", write: false)
    }
}

/// Options shared by `build` and `check`.
public struct SiteOptions: ParsableArguments {
    @Option(help: "The folder holding the lesson files (NN-slug.md).")
    public var lessons = "lessons"

    @Flag(name: .shortAndLong, help: "Print only errors.")
    public var quiet = false

    @Flag(name: .shortAndLong, help: "Print each stage of each lesson.")
    public var verbose = false

    @Option(name: [.customShort("j"), .long],
            help: "How many lessons to run at once, 1–\(SiteBuilder.maximumJobs) (default: the number of cores, \(SiteBuilder.defaultJobs) here). The output is the same for any number.")
    public var jobs: Int?

    @Flag(help: "Run every cell, ignoring (and not updating) the cell cache in .attnbook/.")
    public var noCache = false

    public init() {}

    public func validate() throws {
        if let jobs, !(1...SiteBuilder.maximumJobs).contains(jobs) {
            throw ValidationError("--jobs takes 1–\(SiteBuilder.maximumJobs), got \(jobs)")
        }
    }

    func runBuilder(output: String, write: Bool) throws {
        let options = Self.builderOptions(lessons: lessons, output: output, write: write, quiet: quiet, verbose: verbose,
                                          jobs: jobs, noCache: noCache)
        if !Self.build(options) { throw ExitCode(1) }
    }

    /// What the builder is given for these flags (one place for `build`, `check` and `QuickBuild`).
    static func builderOptions(lessons: String, output: String, write: Bool, quiet: Bool, verbose: Bool,
                               jobs: Int?, noCache: Bool) -> SiteBuilder.Options {
        let color = isatty(2) != 0 && ProcessEnvironment.value("NO_COLOR") == nil
        var options = SiteBuilder.Options(lessons: lessons, output: output, write: write, quiet: quiet, verbose: verbose,
                                          color: color, jobs: jobs ?? SiteBuilder.defaultJobs)
        options.useCache = !noCache
        return options
    }

    /// Builds with `options`, reporting to standard error; whether the build succeeded.
    static func build(_ options: SiteBuilder.Options) -> Bool {
        SiteBuilder(options: options, log: StandardError.print).build().succeeded
    }
}

/// `attnbook build` run without ArgumentParser when it is given nothing but switches: the command
/// an author's edit-and-rebuild loop runs, where parsing cost 15% of the whole process.
///
/// `AttnbookCommand.parseAsRoot` resolves the protocol conformances of every subcommand's options
/// on first use (each lookup scans the static binary's ~6,800 conformance records): about 3 ms of
/// CPU per run, against ~20 ms for a whole build after a one-lesson edit (perf record over 30
/// edits of lesson 2). Anything but `build` followed by distinct `-q`, `-v`, `--no-cache` (an
/// option with a value, `--help`, an unknown or repeated switch) goes through ArgumentParser as
/// before, so messages and help stay its own. `BuildCommandTests` checks that both readings of
/// every accepted combination give the same builder options.
public enum QuickBuild {
    /// The builder options for `arguments` (without the program name), or nil when they are not
    /// plain `build` with switches.
    static func options(_ arguments: ArraySlice<String>) -> SiteBuilder.Options? {
        guard arguments.first == "build" else { return nil }
        var quiet = false, verbose = false, noCache = false
        for argument in arguments.dropFirst() {
            // Each switch once: a repeated one is ArgumentParser's to accept or refuse.
            switch argument {
            case "-q", "--quiet": if quiet { return nil } else { quiet = true }
            case "-v", "--verbose": if verbose { return nil } else { verbose = true }
            case "--no-cache": if noCache { return nil } else { noCache = true }
            default: return nil
            }
        }
        // The defaults of `SiteOptions.lessons` and `BuildCommand.output`.
        return SiteOptions.builderOptions(lessons: "lessons", output: "output", write: true, quiet: quiet,
                                          verbose: verbose, jobs: nil, noCache: noCache)
    }

    /// Runs the build when `arguments` (the whole command line) are plain `build` with switches,
    /// returning its exit status; nil when ArgumentParser must read them.
    public static func run(_ arguments: [String]) -> Int32? {
        guard let options = options(arguments.dropFirst()) else { return nil }
        return SiteOptions.build(options) ? 0 : 1
    }
}

/// `attnbook clean`: removes the cell cache.
public struct CleanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the cell cache (.attnbook/ beside the lessons folder); the next build runs every cell."
    )

    @Option(help: "The folder holding the lesson files; the cache is beside it.")
    public var lessons = "lessons"

    public init() {}

    public func run() throws {
        let folder = CellCache.directory(besideLessons: lessons)
        guard FileManager.default.fileExists(atPath: folder) else {
            print("nothing to clean: no cache at \(folder)")
            return
        }
        do { try FileManager.default.removeItem(atPath: folder) } catch {
            FileHandle.standardError.write(Data("error: cannot remove \(folder): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        print("removed \(folder)")
    }
}
