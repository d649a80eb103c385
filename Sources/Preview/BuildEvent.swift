import Foundation
import LessonScript

/// What the rebuild loop tells open pages, as one server-sent event.
public enum BuildEvent: Equatable, Sendable {
    /// A build succeeded; `changed` are the output files it rewrote (paths relative to the output
    /// folder), so a page reloads only when it, or something every page uses, changed.
    case built(changed: [String])
    /// A build reported errors: the text is exactly what the terminal shows (without colour),
    /// `files` the lessons it names. The other lessons still built: `changed` are their rewritten
    /// files, so their open pages reload while the broken lesson's page keeps its last good build.
    case failed(text: String, files: [String], changed: [String] = [])

    /// The SSE event name (`error` is EventSource's own connection-error event, so not that).
    public var name: String {
        switch self {
        case .built: return "built"
        case .failed: return "build-error"
        }
    }

    /// The event's JSON payload, keys sorted so the wire bytes are deterministic.
    public var json: String {
        let object: [String: Any]
        switch self {
        case .built(let changed): object = ["changed": changed]
        case .failed(let text, let files, let changed): object = ["text": text, "files": files, "changed": changed]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The event as it goes on the wire (`text/event-stream`): one `data:` line, a blank line.
    public var wire: String { "event: \(name)\ndata: \(json)\n\n" }

    /// The event for a page that connects later: the same error, nothing to reload (its page is
    /// already the newest; replaying `changed` would reload it on every connection, forever).
    public var replayed: BuildEvent {
        if case .failed(let text, let files, _) = self { return .failed(text: text, files: files) }
        return self
    }

    /// The same event, with `files` also listed as rewritten (a build it superseded wrote them).
    func alsoChanged(_ files: [String]) -> BuildEvent {
        guard !files.isEmpty else { return self }
        func merged(_ changed: [String]) -> [String] {
            Array(Set(changed + files)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        switch self {
        case .built(let changed): return .built(changed: merged(changed))
        case .failed(let text, let names, let changed): return .failed(text: text, files: names, changed: merged(changed))
        }
    }

    /// The overlay's text for a set of diagnostics: each one as `DiagnosticFormatter` prints it to
    /// the terminal, without colour; only errors (a warning does not stop a page from building).
    public static func failure(_ diagnostics: [Diagnostic], failed: [String], changed: [String] = []) -> BuildEvent {
        let errors = diagnostics.filter { $0.severity == .error }
        var text = DiagnosticFormatter.format(errors, color: false)
        if text.isEmpty { text = "error: the build failed: \(failed.joined(separator: ", ")) (the terminal says why)\n" }
        var files: [String] = []
        for d in errors where !files.contains(d.location.file) { files.append(d.location.file) }
        return .failed(text: text, files: files.isEmpty ? failed : files, changed: changed)
    }
}
