import Foundation
import Notebook

/// The validator (`ETag`) the preview gives every file but its pages, and the test of a browser's
/// `If-None-Match` against it.
///
/// A page reloaded after an edit asks again for its stylesheet and script. Sent `no-store`, they
/// came back whole every time, and Chromium fetched, parsed and compiled them again before the
/// page could show. Sent `no-cache` with a validator, the browser keeps its copy and asks with
/// `If-None-Match`; an unchanged file is a `304` with no body, and the reload re-uses the parsed
/// stylesheet and the compiled script. A rebuilt file has a new stamp, so it is never stale.
/// The tag is the file's `FileIdentity` (inode, size, modification and change times), so
/// answering a `304` reads no bytes.
public enum FileValidator {
    /// A strong entity tag for the file at `path`, or nil when it cannot be stat'ed.
    public static func tag(of path: String) -> String? {
        let identity = FileIdentity.of(path)
        return identity == FileIdentity.missing ? nil : "\"" + identity + "\""
    }

    /// Whether an `If-None-Match` header value names `tag`: a comma-separated list of tags (weak
    /// ones, `W/"…"`, compared by their opaque part, as RFC 9110 §13.1.2 asks for this header) or `*`.
    public static func matches(_ ifNoneMatch: String?, tag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        for candidate in ifNoneMatch.split(separator: ",") {
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            if value == tag { return true }
        }
        return false
    }
}
