import Foundation
import Notebook

/// A string-to-string map as a sealed cache file: a line per entry, key and value separated by a
/// tab and escaped with `TSVField`, keys in UTF-8 order (the same map, the same bytes), sealed with
/// `SealedText`. Page fingerprints and stored cell renderings are kept this way.
enum SealedMap {
    static func serialize(_ map: [String: String]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(map.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 } + 64)
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            TSVField.append(key, to: &out)
            out.append(0x09)
            TSVField.append(map[key]!, to: &out)
            out.append(0x0A)
        }
        return SealedText.seal(out)
    }

    /// The map of a file `serialize` wrote, or nil when its seal or a line does not check.
    static func parse(_ data: Data) -> [String: String]? {
        guard let body = SealedText.open(data) else { return nil }
        var map: [String: String] = [:]
        for line in body.split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09), let key = TSVField.unescape(line[..<tab]),
                  let value = TSVField.unescape(line[(tab + 1)...]) else { return nil }
            map[key] = value
        }
        return map
    }
}
