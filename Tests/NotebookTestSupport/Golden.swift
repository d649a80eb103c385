import Foundation
import Testing

/// Compares `actual` with `<folder>/<name>`; with `ATTNBOOK_RECORD=1` (or when the golden is
/// missing) writes it instead. A mismatch fails with a line diff.
/// - Parameters:
///   - folder: the goldens folder, e.g. `Goldens` beside the calling test file.
public func assertGolden(_ actual: String, _ name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = folder.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["ATTNBOOK_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if !record { Issue.record("recorded missing golden \(name); run again", sourceLocation: sourceLocation) }
        return
    }
    if expected != actual {
        Issue.record("\(name) differs from its golden (re-record with ATTNBOOK_RECORD=1):\n\(lineDiff(expected, actual))",
                     sourceLocation: sourceLocation)
    }
}

/// The differing lines, `-` expected and `+` actual, at most 40.
public func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(a.count, b.count) where out.count < 40 {
        let x = i < a.count ? a[i] : nil, y = i < b.count ? b[i] : nil
        if x != y {
            if let x { out.append("\(i + 1) - \(x)") }
            if let y { out.append("\(i + 1) + \(y)") }
        }
    }
    return out.joined(separator: "\n")
}
