import Foundation
import Mustache
import Notebook

/// The Mustache templates and our own assets, shipped as the `Templates` resource folder.
struct SiteTemplates: Sendable {
    let library: MustacheLibrary
    /// A hash of every file in the templates folder (templates, assets, the math script): part of
    /// every page's fingerprint, since they are read at run time, not compiled into the executable.
    var identity = ""

    static let folder: URL? = Bundle.module.url(forResource: "Templates", withExtension: nil)

    static func load() throws -> SiteTemplates {
        guard let folder else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates"]) }
        var library = MustacheLibrary()
        for name in ["page", "index", "head", "header", "foot"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            try library.register(text, named: name)
        }
        return SiteTemplates(library: library, identity: contentIdentity(of: folder))
    }

    /// Every regular file under `folder`, by relative path in byte order, path and contents hashed.
    static func contentIdentity(of folder: URL) -> String {
        var hasher = ContentHasher()
        let root = folder.path
        let names = (FileManager.default.subpaths(atPath: root) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            guard let data = FileManager.default.contents(atPath: root + "/" + name) else { continue }
            hasher.add(name)
            data.withUnsafeBytes { hasher.add($0) }
        }
        return hasher.hex
    }

    func render(_ context: [String: Any], with template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// The title every page carries after its own.
let siteTitle = "attnbook: seq2seq attention, every number worked"
