import Foundation
import Notebook

/// A lesson's `RenderMemo` entries on disk: `.attnbook/renders/<slug>.tsv`, a `SealedMap`. A
/// missing, damaged or cut file reads as nothing stored: the cells are rendered again.
enum RenderMemoFile {
    static func path(cacheDirectory: String, slug: String) -> String {
        cacheDirectory + "/renders/" + String(slug.map { $0 == "/" || $0 == "\0" ? "_" : $0 }) + ".tsv"
    }

    static func read(_ path: String) -> [String: String]? {
        FileManager.default.contents(atPath: path).flatMap(SealedMap.parse)
    }

    static func write(_ entries: [String: String], to path: String) {
        CacheFile.write(SealedMap.serialize(entries), to: path)
    }
}
