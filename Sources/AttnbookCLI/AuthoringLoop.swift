import ArgumentParser
import Foundation
import Site

/// What `serve` and `watch` share: the builder's options and the bridge to async code.
public enum AuthoringLoop {
    /// The builder's options from the flags `build` also takes (`--lessons`, `-q`, `-v`, `--no-cache`).
    public static func options(_ site: SiteOptions, output: String) -> SiteBuilder.Options {
        let color = isatty(2) != 0 && ProcessEnvironment.value("NO_COLOR") == nil
        var options = SiteBuilder.Options(lessons: site.lessons, output: output, write: true, quiet: site.quiet,
                                          verbose: site.verbose, color: color, jobs: site.jobs ?? SiteBuilder.defaultJobs)
        options.useCache = !site.noCache
        return options
    }

    /// Stops early, with the builder's own words, when there is no lessons folder to watch.
    public static func requireLessons(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            StandardError.print("error: no lessons folder at `\(folder)`; pass one with --lessons DIR")
            throw ExitCode(1)
        }
    }

    /// Runs `body` on the concurrency pool and blocks this thread until it finishes: the rebuild
    /// loop is synchronous and owns the main thread, the server lives on the pool.
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    public static func openBrowser(_ url: String) {
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
