import Foundation
import Notebook

/// A lesson's `RenderMemo` entries on disk: `.attnbook/renders/<slug>.tsv`, a line per entry
/// (key, a tab, the text, both with `TSVField`'s escapes), sealed (`SealedText`). A missing,
/// damaged or cut file reads as nothing stored: the cells are rendered again.
enum RenderMemoFile {
    static func path(cacheDirectory: String, slug: String) -> String {
        cacheDirectory + "/renders/" + String(slug.map { $0 == "/" || $0 == "\0" ? "_" : $0 }) + ".tsv"
    }

    static func read(_ path: String) -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path), let body = SealedText.open(data) else { return nil }
        var entries: [String: String] = [:]
        for line in body.split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09), let key = TSVField.unescape(line[..<tab]),
                  let text = TSVField.unescape(line[(tab + 1)...]) else { return nil }
            entries[key] = text
        }
        return entries
    }

    static func write(_ entries: [String: String], to path: String) {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 } + 1024)
        for key in entries.keys.sorted() {
            escape(key, into: &out)
            out.append(0x09)
            escape(entries[key]!, into: &out)
            out.append(0x0A)
        }
        CacheFile.write(SealedText.seal(out), to: path)
    }

    /// `TSVField.escape` on the bytes (the pieces are whole pages' worth of HTML).
    private static func escape(_ s: String, into out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: out.append(b)
            }
        }
    }
}
