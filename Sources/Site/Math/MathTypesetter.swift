import Foundation
import Notebook

/// Typesets the site's math at build time: every `$…$`/`$$…$$` of every lesson becomes MathML,
/// so the pages as committed show formulas with no script, stylesheet or font of ours (Chromium,
/// Firefox and Safari render MathML Core natively, and screen readers read it).
///
/// KaTeX (Debian's `libjs-katex`) does the typesetting in one `node` process per build, fed every
/// formula not yet in the cache (`render-math.js` beside the templates). Results are cached in
/// `.attnbook/math-cache.tsv` beside the lessons folder, keyed by the formula and by a hash of
/// KaTeX's code, so a warm build never starts node. A malformed cache line is ignored and its
/// formula typeset again; a failed formula is never cached, so its error is reported on every build.
struct MathTypesetter {
    /// `katex.js` as installed by `libjs-katex` (the UMD build, which node can `require`).
    let katexScript: URL
    /// The cache file; `nil` to typeset without one (nothing is read or written).
    let cacheFile: URL?
    /// `false` in `check` mode: the cache is read but never written.
    var writesCache = true
    /// The node executable; `nil` when there is none (only cached formulas are typeset).
    var node: String? = MathTypesetter.findNode()

    /// A formula's MathML, or why KaTeX refused it.
    enum Result: Equatable {
        case mathml(String)
        case error(String)
    }

    /// Typesets `spans`, from the cache where possible.
    /// - Returns: a result per distinct span (a span is missing when KaTeX or node is unavailable),
    ///   and a note to log when the math could not be typeset at all.
    func typeset(_ spans: Set<MathSpan>) -> (table: [MathSpan: Result], note: String?) {
        // KaTeX is known by its file's identity (inode, size, times), as the executable is: reading
        // and hashing its 270 KB cost every build about 0.45 ms. Reinstalling it changes the identity.
        let identity = FileIdentity.of(katexScript.path)
        guard identity != FileIdentity.missing, FileManager.default.isReadableFile(atPath: katexScript.path) else {
            return ([:], "KaTeX not found at \(katexScript.path) (install libjs-katex); math shows as TeX source")
        }
        let version = "katex-" + identity
        let cached = loadCache(version: version, wanted: spans)
        var table: [MathSpan: Result] = [:]
        var missing: [MathSpan] = []
        for span in spans.sorted(by: Self.order) {
            if let mathml = cached[span] { table[span] = .mathml(mathml) } else { missing.append(span) }
        }
        guard !missing.isEmpty else { return (table, nil) }
        guard let node else {
            return (table, "node not found (install nodejs); \(missing.count) formulas show as TeX source")
        }
        let results: [Result]
        do { results = try runNode(node, missing) } catch {
            return (table, "typesetting math with node failed (\(error)); \(missing.count) formulas show as TeX source")
        }
        var added: [MathSpan: String] = [:]
        for (span, result) in zip(missing, results) {
            table[span] = result
            if case .mathml(let mathml) = result { added[span] = mathml }
        }
        if !added.isEmpty { saveCache(loadCache(version: version).merging(added) { $1 }, version: version) }
        return (table, nil)
    }

    /// Spans in a fixed order (display last), so the cache file and the node batch are deterministic.
    static func order(_ a: MathSpan, _ b: MathSpan) -> Bool {
        a.display != b.display ? !a.display : a.source.utf8.lexicographicallyPrecedes(b.source.utf8)
    }

    // MARK: node

    private struct Request: Encodable { var tex: String; var display: Bool }
    private struct Response: Decodable {
        struct Item: Decodable { var mathml: String?; var error: String? }
        var results: [Item]
    }

    private func runNode(_ node: String, _ spans: [MathSpan]) throws -> [Result] {
        guard let script = SiteTemplates.folder?.appendingPathComponent("render-math.js") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "render-math.js"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [script.path, katexScript.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // node reads all of its input before it writes anything, so writing first cannot deadlock.
        let request = try JSONEncoder().encode(spans.map { Request(tex: $0.source, display: $0.display) })
        input.fileHandleForWriting.write(request)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "node exited with \(process.terminationStatus): \(message)"])
        }
        let response = try JSONDecoder().decode(Response.self, from: data)
        guard response.results.count == spans.count else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "node returned \(response.results.count) results for \(spans.count) formulas"])
        }
        return response.results.map { item in
            if let mathml = item.mathml, mathml.hasPrefix("<math"), mathml.hasSuffix("</math>") { return .mathml(mathml) }
            return .error(item.error ?? "KaTeX returned no MathML")
        }
    }

    /// `ATTNBOOK_NODE`, else `node` or `nodejs` on the `PATH`.
    static func findNode() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["ATTNBOOK_NODE"] { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in ["node", "nodejs"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    // MARK: cache

    private static let header = "attnbook math cache 1"

    /// One line per formula: `i` or `d`, the TeX, the MathML, separated by tabs, with `\`, tab and
    /// newline escaped. The first line names the format and KaTeX's file identity; any other version is ignored.
    /// The cache's entries for `wanted` (others are skipped unread: a one-lesson build needs a few
    /// dozen of the site's formulas), or for every span when `wanted` is nil.
    private func loadCache(version: String, wanted: Set<MathSpan>? = nil) -> [MathSpan: String] {
        guard let cacheFile, let data = FileManager.default.contents(atPath: cacheFile.path) else { return [:] }
        // Bytes, not Characters: splitting 150 KB by grapheme clusters cost more than the lookups.
        let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == "\(Self.header)\t\(version)" else { return [:] }
        var entries: [MathSpan: String] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0].count == 1, fields[0].first == UInt8(ascii: "i") || fields[0].first == UInt8(ascii: "d"),
                  let tex = TSVField.unescape(fields[1]) else { continue }
            let span = MathSpan(source: tex, display: fields[0].first == UInt8(ascii: "d"))
            if let wanted, !wanted.contains(span) { continue }
            guard let mathml = TSVField.unescape(fields[2]), mathml.hasPrefix("<math"), mathml.hasSuffix("</math>") else { continue }
            entries[span] = mathml
        }
        return entries
    }

    private func saveCache(_ entries: [MathSpan: String], version: String) {
        guard let cacheFile, writesCache else { return }
        var text = "\(Self.header)\t\(version)\n"
        for span in entries.keys.sorted(by: Self.order) {
            text += "\(span.display ? "d" : "i")\t\(TSVField.escape(span.source))\t\(TSVField.escape(entries[span]!))\n"
        }
        CacheFile.write(Data(text.utf8), to: cacheFile.path)
    }

}
