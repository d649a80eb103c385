import Foundation
import Mustache
import Notebook

/// The Mustache templates and our own assets, shipped as the `Templates` resource folder.
struct SiteTemplates: Sendable {
    let library: MustacheLibrary
    /// A hash of every file in the templates folder (templates, assets, the math script) by its
    /// `FileIdentity`: part of every page's fingerprint, since they are read at run time, not
    /// compiled into the executable. Identities, not contents, as for the executable itself
    /// (`CellCache.defaultVersion`): reading and hashing the ~100 KB of files cost every process
    /// about 0.35 ms, and a file touched without a change only makes pages build once more.
    var identity = ""

    static let folder: URL? = {
        let beside = SiteSources.executableFolder + "/attnbook_Site.resources/Templates"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: beside, isDirectory: &isFolder), isFolder.boolValue {
            return URL(fileURLWithPath: beside, isDirectory: true)
        }
        return Bundle.module.url(forResource: "Templates", withExtension: nil)
    }()

    static func load() throws -> SiteTemplates {
        guard let folder else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates"]) }
        var library = MustacheLibrary()
        for name in ["page", "index", "head", "header", "foot"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            try library.register(text, named: name)
        }
        return SiteTemplates(library: library, identity: filesIdentity(of: folder))
    }

    /// Everything under `folder`, by relative path in byte order, path and identity hashed.
    static func filesIdentity(of folder: URL) -> String {
        var hasher = ContentHasher()
        let root = folder.path
        let names = (FileManager.default.subpaths(atPath: root) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            hasher.add(name)
            hasher.add(FileIdentity.of(root + "/" + name))
        }
        return hasher.hex
    }

    func render(_ context: [String: Any], with template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// The title every page carries after its own.
let siteTitle = "attnbook: seq2seq attention, every number worked"
