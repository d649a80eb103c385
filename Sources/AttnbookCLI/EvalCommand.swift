import ArgumentParser
import Foundation
import LessonScript

/// `attnbook eval FILE|- [--json]`: runs one script and prints what it shows, then its bindings.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run one lesson script and print its outputs and bindings.",
        discussion: "Diagnostics go to stderr as `file:line:column: error: …`; the exit status is 1 on any error."
    )

    @Argument(help: "The script to run, or `-` for standard input.")
    var file: String

    @Flag(help: "Print only one JSON object mapping each name to its value.")
    var json = false

    @Option(help: "Digits after the point in tables and explanations (0 to 12).")
    var precision = 4

    @Option(help: ArgumentHelp("Multiply the script's budget (numbers bound, work done) by this (1 to \(Budget.maximumScale)).",
                               valueName: "N"))
    var budget = 1

    func validate() throws {
        guard (0...12).contains(precision) else {
            throw ValidationError("--precision must be a whole number from 0 to 12, found \(precision)")
        }
        guard (1...Budget.maximumScale).contains(budget) else {
            throw ValidationError("--budget must be a whole number from 1 to \(Budget.maximumScale), found \(budget)")
        }
    }

    func run() throws {
        let source: String
        let name: String
        if file == "-" {
            name = "<stdin>"
            source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            name = file
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read `\(file)`: no such file or not readable\n".utf8))
                throw ExitCode(1)
            }
            source = String(decoding: data, as: UTF8.self)
        }
        let result = EvalCommand.evaluate(source: source, file: name, json: json, precision: precision,
                                          budget: .scaled(budget), color: TerminalColor.enabled(forStandardError: true))
        FileHandle.standardOutput.write(Data(result.stdout.utf8))
        FileHandle.standardError.write(Data(result.stderr.utf8))
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    /// The command's core, without I/O: what it would print and its exit status.
    static func evaluate(source: String, file: String, json: Bool, precision: Int = 4, budget: Budget = .standard,
                         color: Bool = false) -> (stdout: String, stderr: String, exitCode: Int32) {
        let session = Session(file: file, precision: precision, budget: budget)
        let result = session.run(source)
        if !result.diagnostics.isEmpty {
            // Outputs before a runtime error still print (they happened); --json prints nothing.
            let shown = json ? "" : result.outputs.map { OutputText.render($0) + "\n\n" }.joined()
            return (shown, DiagnosticFormatter.format(result.diagnostics, color: color), 1)
        }
        if json { return (JSONWriter.bindingsJSON(session.bindings), "", 0) }
        var out = result.outputs.map { OutputText.render($0) + "\n\n" }.joined()
        out += session.bindings.map { OutputText.binding($0.name, $0.value, precision: precision) + "\n" }.joined()
        return (out, "", 0)
    }
}
