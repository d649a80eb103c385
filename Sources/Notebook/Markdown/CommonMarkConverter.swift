// The C boundary: the only file that imports cmark-gfm (STYLE.md, after swift-markdown's
// `CommonMarkConverter.swift`). It parses GitHub-flavoured Markdown, walks the C tree for what
// the renderers need (headings), renders HTML in safe mode, and frees everything it allocated.
import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A heading found in the prose, in document order.
public struct Heading: Equatable, Sendable {
    /// 1…6.
    public var level: Int
    /// The heading's plain text (inline markup dropped, code and placeholders kept).
    public var text: String
}

/// Prose rendered by cmark-gfm.
public struct RenderedProse: Sendable {
    /// HTML, with the author's raw HTML filtered (`<!-- raw HTML omitted -->`).
    public var html: String
    /// Every heading, in order; the n-th `<hN>` tag of `html` belongs to the n-th heading.
    public var headings: [Heading]
}

/// Converts GitHub-flavoured Markdown to HTML with cmark-gfm and its GFM extensions.
enum CommonMarkConverter {
    /// The GFM extensions attached to every parser. `tagfilter` keeps `<script>` & co. inert even
    /// if safe mode were ever turned off.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// Parses `markdown` and renders it to HTML in safe mode.
    static func render(_ markdown: String) -> RenderedProse {
        cmark_gfm_core_extensions_ensure_registered()
        // Smart punctuation stays off: `--` and quotes must survive as typed.
        // Safe mode is the default (no CMARK_OPT_UNSAFE): raw HTML and `javascript:` links are dropped.
        let options = CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return RenderedProse(html: "", headings: []) }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            // An empty buffer may have no address; there is nothing to feed then.
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return RenderedProse(html: "", headings: []) }
        defer { cmark_node_free(document) }

        let headings = collectHeadings(document)
        var html = ""
        if let cString = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) {
            html = String(cString: cString)
            free(cString)
        }
        return RenderedProse(html: html, headings: headings)
    }

    /// The author's Markdown for the `.md` page, with what the HTML page filters made inert:
    /// raw HTML (blocks and inline tags) becomes literal text, and links or images whose address
    /// is `javascript:`, `vbscript:`, `data:` or `file:` lose the address. Prose with neither
    /// comes back byte for byte as written; otherwise the edited tree is printed by cmark's
    /// CommonMark renderer (which may re-space some of it).
    static func neutralizeUnsafeMarkup(_ markdown: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return markdown }
        defer { cmark_parser_free(parser) }
        for name in extensionNames where name != "tagfilter" {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return markdown }
        defer { cmark_node_free(document) }

        // Collect first, edit after: the iterator must not see nodes replaced under it.
        var rawHTML: [OpaquePointer] = []
        var unsafeLinks: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    rawHTML.append(node)
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    if let url = cmark_node_get_url(node), isUnsafeURL(String(cString: url)) { unsafeLinks.append(node) }
                default: break
                }
            }
            cmark_iter_free(iterator)
        }
        if rawHTML.isEmpty && unsafeLinks.isEmpty { return markdown }
        for node in unsafeLinks { cmark_node_set_url(node, "") }
        for node in rawHTML {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, isBlock ? literal.trimmingCharacters(in: .newlines) : literal)
            if isBlock, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, text)
                cmark_node_replace(node, paragraph)
            } else {
                cmark_node_replace(node, text)
            }
            cmark_node_free(node)
        }
        guard let cString = cmark_render_commonmark(document, options, 0) else { return markdown }
        defer { free(cString) }
        return String(cString: cString)
    }

    /// Addresses that run code or read local files when followed.
    static func isUnsafeURL(_ url: String) -> Bool {
        let scheme = url.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0.value >= 0x20 }
            .prefix(12).map(Character.init)
        let lowered = String(scheme).lowercased()
        return ["javascript:", "vbscript:", "data:", "file:"].contains { lowered.hasPrefix($0) }
    }

    /// Walks the tree once, collecting headings and their plain text.
    private static func collectHeadings(_ document: OpaquePointer) -> [Heading] {
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var headings: [Heading] = []
        var current: (level: Int, text: String)?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch (event, type) {
            case (CMARK_EVENT_ENTER, CMARK_NODE_HEADING):
                current = (Int(cmark_node_get_heading_level(node)), "")
            case (CMARK_EVENT_EXIT, CMARK_NODE_HEADING):
                if let c = current { headings.append(Heading(level: c.level, text: c.text)) }
                current = nil
            case (CMARK_EVENT_ENTER, CMARK_NODE_TEXT), (CMARK_EVENT_ENTER, CMARK_NODE_CODE):
                if current != nil, let literal = cmark_node_get_literal(node) {
                    current!.text += String(cString: literal)
                }
            case (CMARK_EVENT_ENTER, CMARK_NODE_SOFTBREAK):
                if current != nil { current!.text += " " }
            default:
                break
            }
        }
        return headings
    }
}

