import Foundation
import Mustache

/// The Mustache templates and our own assets, shipped as the `Templates` resource folder.
struct SiteTemplates: Sendable {
    let library: MustacheLibrary

    static var folder: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    static func load() throws -> SiteTemplates {
        guard let folder else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates"]) }
        var library = MustacheLibrary()
        for name in ["page", "index", "head", "header", "foot"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            try library.register(text, named: name)
        }
        return SiteTemplates(library: library)
    }

    func render(_ context: [String: Any], with template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// The title every page carries after its own.
let siteTitle = "attnbook: seq2seq attention, every number worked"
