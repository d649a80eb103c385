import AttnbookCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `attnbook build` with only switches skips ArgumentParser (see `QuickBuild`).
if let status = QuickBuild.run(CommandLine.arguments) { exit(status) }
AttnbookCommand.main()
