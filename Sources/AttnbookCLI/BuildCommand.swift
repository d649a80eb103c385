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
        let color = isatty(2) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var options = SiteBuilder.Options(lessons: lessons, output: output, write: write, quiet: quiet, verbose: verbose,
                                          color: color, jobs: jobs ?? SiteBuilder.defaultJobs)
        options.useCache = !noCache
        let report = SiteBuilder(options: options, log: StandardError.print).build()
        if !report.succeeded { throw ExitCode(1) }
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
