import Foundation
import Notebook

/// The build cache's small text files (`lessons.tsv`, `search/*.tsv`, `renders/*.tsv`): lines,
/// then a last line `end2`, a tab and the `ContentHasher` hash of the lines before, so a file cut
/// or changed by anything but the build is noticed and dropped whole. (`end` and FNV-1a before:
/// a byte at a time, it was most of reading the search entries; such files read as damaged.)
enum SealedText {
    static let marker = Array("end2\t".utf8)

    /// `body` with its check line.
    static func seal(_ body: [UInt8]) -> Data {
        Data(body + marker + Array((hash(body[...]) + "\n").utf8))
    }

    /// The lines before the check line, or nil when the check fails.
    static func open(_ data: Data) -> ArraySlice<UInt8>? {
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A else { return nil }
        let endLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard bytes[endLine...].starts(with: marker),
              bytes[(endLine + marker.count)..<(bytes.count - 1)].elementsEqual(hash(bytes[..<endLine]).utf8)
        else { return nil }
        return bytes[..<endLine]
    }

    private static func hash(_ body: ArraySlice<UInt8>) -> String {
        var h = ContentHasher()
        body.withUnsafeBytes { h.add($0) }
        return h.hex
    }
}

/// A field of a tab-separated cache line: backslash, tab, newline and carriage return escaped.
enum TSVField {
    static func escape(_ s: String) -> String {
        // Most fields (paths, titles, hashes) have nothing to escape: no copy, scalar by scalar.
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `nil` for a dangling or unknown escape, or bytes that are not UTF-8 (a corrupt line).
    static func unescape<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaping = false
        for b in bytes {
            if escaping {
                switch b {
                case UInt8(ascii: "\\"): out.append(b)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: return nil
                }
                escaping = false
            } else if b == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(b)
            }
        }
        return escaping ? nil : String(validating: out, as: UTF8.self)
    }
}
