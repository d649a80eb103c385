import Foundation

/// The build cache's small text files (`lessons.tsv`, `search/*.tsv`): lines, then a last line
/// `end`, a tab and the FNV-1a hash of the lines before, so a file cut or changed by anything but
/// the build is noticed and dropped whole.
enum SealedText {
    /// `body` with its check line.
    static func seal(_ body: [UInt8]) -> Data {
        Data(body + Array(("end\t" + String(OutputManifest.hash(Data(body)), radix: 16) + "\n").utf8))
    }

    /// The lines before the check line, or nil when the check fails.
    static func open(_ data: Data) -> ArraySlice<UInt8>? {
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A else { return nil }
        let endLine = bytes.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard bytes[endLine...].starts(with: Array("end\t".utf8)),
              String(decoding: bytes[(endLine + 4)..<(bytes.count - 1)], as: UTF8.self) == String(OutputManifest.hash(Data(bytes[..<endLine])), radix: 16)
        else { return nil }
        return bytes[..<endLine]
    }
}

/// A field of a tab-separated cache line: backslash, tab, newline and carriage return escaped.
enum TSVField {
    static func escape(_ s: String) -> String {
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
