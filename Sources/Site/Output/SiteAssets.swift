import Foundation

/// Our stylesheet and script. (Math needs no assets: it is typeset to MathML at build time.)
enum SiteAssets {
    /// `assets/attnbook.css` and `assets/attnbook.js`, from the templates folder.
    static func ownAssets() throws -> [SiteFile] {
        guard let folder = SiteTemplates.folder?.appendingPathComponent("assets") else { return [] }
        return try ["attnbook.css", "attnbook.js"].map { name in
            SiteFile(path: "assets/\(name)", contents: try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }
}
