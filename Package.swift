// swift-tools-version:6.0
// attnbook: lesson notebooks on seq2seq attention -> a static tutorial site.
//
// Dependencies, and why each is worth its build time:
// - swift-argument-parser: subcommands, --help, --version; hand-rolling that is more code than the CLI.
// - Yams: YAML front matter (DESIGN.md §2 names it); a YAML subset parser would mis-handle quoting.
// - swift-mustache: HTML templates live outside the Swift code (DESIGN.md §5), logic-less.
// - FlyingFox: the HTTP server of `attnbook serve`. Pure Swift over BSD sockets with async/await,
//   chunked bodies (server-sent events) and nothing else below it: a first build of a few tens of
//   seconds, where Hummingbird pulls SwiftNIO and its friends (minutes on two cores, every CI run).
import PackageDescription
import Foundation

let package = Package(
    name: "attnbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attnbook", targets: ["attnbook"]),
        .executable(name: "attnbook-serve", targets: ["attnbook-serve"]),
        .executable(name: "attnbook-bench", targets: ["attnbook-bench"]),
        .executable(name: "attnbook-train-bench", targets: ["attnbook-train-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // Matrices, RNG, scores, softmax, attention variants, RNN cells, decoders, traces. No I/O.
        .target(name: "AttentionEngine"),
        // Reverse-mode autodiff over engine matrices, Adam, the toy corpus and the trainable
        // Bahdanau encoder-decoder (DESIGN.md §10). Above the engine, which stays forward-only.
        .target(name: "Training", dependencies: ["AttentionEngine"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Scanner, parser, interpreter, builtins registry, diagnostics.
        .target(name: "LessonScript", dependencies: ["AttentionEngine", "Training"]),
        // The C library, seen through pkg-config (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // One Linux system call Swift's Glibc module does not show (`renameat2`'s exchange), used to
        // put a written file in place of the old one; a header only, nothing to build or link.
        .systemLibrary(name: "CFileReplace"),
        // Lesson parsing, running cells, renderers (HTML, Markdown, SVG, JSON).
        .target(
            name: "Notebook",
            dependencies: ["LessonScript", "CCmarkGFM", "CFileReplace", .product(name: "Yams", package: "Yams")]
        ),
        // Lesson discovery, ordering, index, navigation, templates, assets, atomic writes.
        .target(
            name: "Site",
            dependencies: ["Notebook", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        // What `watch` and `serve` share: the polling watcher, the rebuild loop and its events
        // (DESIGN.md §1), and the `new` lesson scaffold. No networking.
        .target(name: "Preview", dependencies: ["Site", "LessonScript"]),
        // `serve`'s HTTP side: loopback server, live reload and the error overlay.
        .target(
            name: "Server",
            dependencies: ["Preview", "Site", "Notebook", "LessonScript", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        // The command line as a library, so tests can drive it. It does not link the server.
        .target(
            name: "AttnbookCLI",
            dependencies: ["Site", "Notebook", "Preview", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "attnbook", dependencies: ["AttnbookCLI"]),
        // `attnbook serve` runs this program (found next to `attnbook`): FlyingFox imports
        // FoundationNetworking, which links libcurl and 30-odd shared objects, and loading them
        // costs every `attnbook build` about 7 ms of start-up (10.5 ms → 3.5 ms) for a command
        // it does not run. Git and Cargo do the same with their `git-*`/`cargo-*` programs.
        .executableTarget(name: "attnbook-serve", dependencies: ["AttnbookCLI", "Server"]),
        .executableTarget(
            name: "attnbook-bench",
            dependencies: ["AttentionEngine"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
        .executableTarget(name: "attnbook-train-bench", dependencies: ["Training"]),

        .testTarget(name: "AttentionEngineTests", dependencies: ["AttentionEngine"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training"]),
        .testTarget(name: "LessonScriptTests", dependencies: ["LessonScript"], resources: [.copy("Fixtures")]),
        // What the notebook and site tests share: a stand-in kernel and golden-file comparison.
        .target(name: "NotebookTestSupport", dependencies: ["Notebook"], path: "Tests/NotebookTestSupport"),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "NotebookTestSupport"], resources: [.copy("Goldens")]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "NotebookTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AttnbookCLITests", dependencies: ["AttnbookCLI"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Preview"]),
    ]
)

// libFuzzer targets (`scripts/fuzz`): only with ATTNBOOK_FUZZ=1, because they have no `main` of
// their own (libFuzzer's comes with `-sanitize=fuzzer`) and would not link in an ordinary build.
if ProcessInfo.processInfo.environment["ATTNBOOK_FUZZ"] == "1" {
    package.products += [
        .executable(name: "attnbook-fuzz-script", targets: ["FuzzScript"]),
        .executable(name: "attnbook-fuzz-lesson", targets: ["FuzzLesson"]),
    ]
    package.targets += [
        .executableTarget(name: "FuzzScript", dependencies: ["LessonScript"], path: "Fuzz/FuzzScript"),
        .executableTarget(name: "FuzzLesson", dependencies: ["Notebook"], path: "Fuzz/FuzzLesson"),
    ]
}
