import Foundation

/// Whether to colour output: only on a terminal, and never when `NO_COLOR` is set (no-color.org).
enum TerminalColor {
    static func enabled(forStandardError: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(forStandardError ? 2 : 1) == 1
    }
}
