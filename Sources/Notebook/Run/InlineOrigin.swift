import Foundation
import LessonScript

/// What an inline value shows, read from its expression, so a page can link it to the tables and
/// figures of the same thing: `{= step.alpha[1] }` is entry (0, 1) of `step.alpha`,
/// `{= mh.heads[0][1, 3] }` entry (1, 3) of `mh.heads[0]`, `{= att.alignment[2] }` (a row of a
/// matrix) row 2 of `att.alignment`, and `{= qkv.a }` the whole of `qkv.a`. Only a plain path of
/// names, fields and whole-number indices has an origin; arithmetic (`top[2] * (1 - top[2])`)
/// has none.
public struct InlineOrigin: Equatable, Sendable {
    /// The expression as written, trimmed: `step.alpha[1]`.
    public var expression: String
    /// The path whose entry is shown, without spaces: `step.alpha`, `mh.heads[0]`.
    public var path: String
    /// The entry's row (0 for a vector's entry), or nil for the whole of `path`.
    public var row: Int?
    /// The entry's column, or nil for a whole row or the whole of `path`.
    public var column: Int?
    /// The line of the lesson file the value is written on.
    public var line: Int

    /// The name the path starts from: `step`.
    public var binding: String { String(path.prefix { $0 != "." && $0 != "[" }) }

    /// The origin of `expression`, which evaluated to `value`; nil unless it is a plain path.
    public static func of(_ expression: String, value: Value, line: Int) -> InlineOrigin? {
        let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var parts = components(trimmed), !parts.isEmpty, case .name? = parts.first else { return nil }
        var row: Int?, column: Int?
        // The trailing index says which entry; how to read it depends on what came out.
        if case .index(let k)? = parts.last, parts.count > 1 {
            switch (value, k.count) {
            case (.number, 2): row = k[0]; column = k[1]; parts.removeLast()
            case (.number, 1): row = 0; column = k[0]; parts.removeLast()
            case (.vector, 1): row = k[0]; parts.removeLast()
            default: break
            }
        }
        return InlineOrigin(expression: trimmed, path: parts.map(\.text).joined(), row: row, column: column, line: line)
    }

    /// One step of a path (the script's own `PathComponent`).
    typealias Component = PathComponent

    /// `text` split into a path's components, or nil when it is anything else.
    static func components(_ text: String) -> [Component]? { PathComponent.path(text) }
}
