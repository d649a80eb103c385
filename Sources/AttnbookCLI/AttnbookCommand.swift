import ArgumentParser

/// The `attnbook` command: subcommands are added by each feature.
public struct AttnbookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attnbook",
        abstract: "Turn attention lesson notebooks into a tutorial site.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, EvalCommand.self, BuiltinsCommand.self, CleanCommand.self]
    )

    public init() {}
}
