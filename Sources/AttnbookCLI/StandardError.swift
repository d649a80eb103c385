import Foundation

/// Progress and diagnostics go to standard error, so standard output stays clean for data.
public enum StandardError {
    public static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
