import Foundation

/// Our stylesheet and script, and the KaTeX files copied from Debian's packages.
enum SiteAssets {
    /// `assets/attnbook.css` and `assets/attnbook.js`, from the templates folder.
    static func ownAssets() throws -> [SiteFile] {
        guard let folder = SiteTemplates.folder?.appendingPathComponent("assets") else { return [] }
        return try ["attnbook.css", "attnbook.js"].map { name in
            SiteFile(path: "assets/\(name)", contents: try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    /// KaTeX (`libjs-katex`) and its fonts (`fonts-katex`), for `output/assets/katex/`.
    /// - Returns: the files, and what was missing if anything (the build goes on without math rendering).
    static func katexFiles(from directory: String) throws -> ([SiteFile], missing: String?) {
        let fm = FileManager.default
        let source = URL(fileURLWithPath: directory)
        let script = ["contrib/auto-render.min.js", "contrib/auto-render.js"]
            .map { source.appendingPathComponent($0) }.first { fm.fileExists(atPath: $0.path) }
        let core = ["katex.min.js", "katex.min.css"].map { source.appendingPathComponent($0) }
        guard let script, core.allSatisfy({ fm.fileExists(atPath: $0.path) }) else {
            return ([], "\(directory)/katex.min.js, katex.min.css or contrib/auto-render.js; install libjs-katex and fonts-katex")
        }
        // Fonts: beside katex.min.css (Debian links `fonts` to fonts-katex's folder).
        let fontFolder = source.appendingPathComponent("fonts").resolvingSymlinksInPath()
        let fonts = ((try? fm.contentsOfDirectory(atPath: fontFolder.path)) ?? [])
            .filter { $0.hasPrefix("KaTeX_") && ($0.hasSuffix(".woff2") || $0.hasSuffix(".woff") || $0.hasSuffix(".ttf")) }
            .sorted()
        var files = [
            SiteFile(path: "assets/katex/katex.min.js", contents: try Data(contentsOf: core[0])),
            SiteFile(path: "assets/katex/katex.min.css", contents: try Data(contentsOf: core[1])),
            SiteFile(path: "assets/katex/auto-render.js", contents: try Data(contentsOf: script)),
        ]
        for font in fonts {
            files.append(SiteFile(path: "assets/katex/fonts/\(font)", contents: try Data(contentsOf: fontFolder.appendingPathComponent(font))))
        }
        return (files, fonts.isEmpty ? "no KaTeX fonts in \(fontFolder.path); install fonts-katex" : nil)
    }
}
