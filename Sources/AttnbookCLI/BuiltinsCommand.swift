import ArgumentParser
import Foundation
import LessonScript

/// `attnbook builtins`: every builtin of the script language with its signature and summary, by group.
struct BuiltinsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builtins",
        abstract: "List the script language's builtins with their signatures."
    )

    @Flag(help: "Also print each builtin's full documentation.")
    var verbose = false

    func run() throws {
        FileHandle.standardOutput.write(Data(BuiltinsCommand.listing(verbose: verbose).utf8))
    }

    /// The listing as text.
    static func listing(_ registry: BuiltinRegistry = .standard, verbose: Bool = false) -> String {
        var out = ""
        for group in registry.groups {
            out += group.name + "\n"
            let width = group.builtins.map(\.signature.count).max() ?? 0
            for b in group.builtins {
                out += "  " + b.signature + String(repeating: " ", count: width - b.signature.count) + "  " + b.summary + "\n"
                if verbose, !b.doc.isEmpty { out += "      " + b.doc + "\n" }
            }
            out += "\n"
        }
        out += "Score functions (written with a leading dot, passed as `score:`)\n"
        out += "  " + ScoreFunctionCatalog.signatures.joined(separator: "  ") + "\n"
        return out
    }
}
