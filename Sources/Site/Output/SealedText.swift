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
