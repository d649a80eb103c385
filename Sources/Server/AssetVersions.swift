import Foundation
import Notebook
import Site

/// Puts each local stylesheet and script a served page's head links under a versioned address,
/// so a reload takes them from the browser's cache without asking the server at all.
///
/// A page reloaded after an edit needs its stylesheet before it can show and its script before
/// `DOMContentLoaded`. Even answered `304` (`FileValidator`), the two questions cost a round trip
/// through the browser's network process on the page's critical path. The page itself is never
/// kept, so the server can name, in the copy it sends, the version of each asset as it is now:
/// `assets/attnbook.css?v=<stamp>`. An address whose stamp is the file's current one is sent
/// `immutable`; a rebuilt asset gets a new stamp, hence a new address on the next page load, so a
/// kept copy is never stale. Only the served copy changes; `output/` keeps the plain links.
public enum AssetVersions {
    /// The query parameter that carries the stamp.
    public static let parameter = "v"

    /// `Cache-Control` for a file asked for with `query`, whose current stamp is `tag`.
    public static func cacheControl(query: String, tag: String) -> String {
        query == parameter + "=" + bare(tag) ? "max-age=31536000, immutable" : "no-cache"
    }

    /// `html`, the page served at `requestPath`, with `?v=<stamp>` after every `href` and `src` in
    /// its head that names a `.css` or `.js` file of the output folder `root` by a relative or
    /// root-relative path without a query.
    public static func stamp(_ html: Data, requestPath: String, root: String) -> Data {
        let bytes = [UInt8](html)
        guard let headEnd = ByteSearch.find(Array("</head>".utf8), in: bytes, from: 0) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 128)
        var copied = 0
        var at = 0
        while at < headEnd {
            let href = ByteSearch.find(Array(" href=\"".utf8), in: bytes, from: at, to: headEnd)
            let src = ByteSearch.find(Array(" src=\"".utf8), in: bytes, from: at, to: headEnd)
            guard let next = [href.map { $0 + 7 }, src.map { $0 + 6 }].compactMap({ $0 }).min() else { break }
            guard let close = bytes[next..<headEnd].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let value = String(decoding: bytes[next..<close], as: UTF8.self)
            if let tag = tag(of: value, requestPath: requestPath, root: root) {
                out.append(contentsOf: bytes[copied..<close])
                out.append(contentsOf: Array(("?" + parameter + "=" + bare(tag)).utf8))
                copied = close
            }
            at = close + 1
        }
        if copied == 0 { return html }
        out.append(contentsOf: bytes[copied...])
        return Data(out)
    }

    /// The stamp of the asset `value` names from the page at `requestPath`, or nil when it is no
    /// local stylesheet or script under `root`.
    static func tag(of value: String, requestPath: String, root: String) -> String? {
        guard value.hasSuffix(".css") || value.hasSuffix(".js"), !value.hasPrefix("//"),
              !value.contains(where: { ":?#\\".contains($0) }) else { return nil }
        let base = value.hasPrefix("/") ? [] : requestPath.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var segments: [Substring] = []
        for segment in base + value.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..": if segments.popLast() == nil { return nil }
            default: segments.append(segment)
            }
        }
        guard case .file(let file) = SafePath.resolve("/" + segments.joined(separator: "/"), root: root) else { return nil }
        return FileValidator.tag(of: file)
    }

    /// The tag without its quotes: the stamp as it appears in an address.
    static func bare(_ tag: String) -> String {
        tag.replacingOccurrences(of: "\"", with: "")
    }
}
