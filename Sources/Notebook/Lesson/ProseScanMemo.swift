import Foundation
import LessonScript

/// Prose blocks as `ProseScanner` split them, by file and text, for a process that parses the
/// same lesson again after every save (`serve`, `watch`): an edit changes one block, and the
/// others are not scanned again. A block that moved keeps its pieces with its inline values'
/// lines shifted (a block starts at the start of a line, so columns do not move).
///
/// Each file keeps only the blocks of its last parse, so memory stays one lesson's prose per file.
public final class ProseScanMemo: @unchecked Sendable {
    private let lock = NSLock()
    /// A file's blocks by their text, as last scanned.
    typealias Kept = [BlockText: (firstLine: Int, pieces: [ProsePiece])]
    private var files: [String: Kept] = [:]

    /// A block's text as a dictionary key compared and hashed by its UTF-8 bytes. `String`'s own
    /// hashing and equality normalise non-ASCII text first (lessons are full of α and 机器), which
    /// made looking the blocks up a visible part of every re-parse; the same bytes are the same
    /// block, which is all the memo needs.
    struct BlockText: Hashable {
        let text: String
        /// Compared with `memcmp` on the strings' own bytes: `elementsEqual` on the UTF-8 views went
        /// a byte at a time, and every unchanged block of every re-parse is compared once.
        static func == (a: BlockText, b: BlockText) -> Bool {
            guard a.digest == b.digest, a.text.utf8.count == b.text.utf8.count else { return false }
            let same = a.text.utf8.withContiguousStorageIfAvailable { x in
                b.text.utf8.withContiguousStorageIfAvailable { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
            return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
        }
        /// A word-at-a-time digest of every byte (`WordHash`), made once per block, as the dictionary
        /// hashes a key again whenever it grows: `Hasher.combine(bytes:)` over every byte of every
        /// block, each time, was a tenth of a re-parse. Blocks that differ anywhere hash apart.
        let digest: UInt64

        init(text: String) {
            self.text = text
            var text = text
            digest = text.withUTF8 { WordHash.of(UnsafeRawBufferPointer($0)) }
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    }

    public init() {}

    /// The pieces of `prose` in `file`, remembered or scanned; `kept` collects what this parse used.
    func pieces(_ prose: Prose, file: String, kept: inout Kept) -> [ProsePiece] {
        let key = BlockText(text: prose.text)
        lock.lock()
        let known = files[file]?[key]
        lock.unlock()
        let pieces: [ProsePiece]
        if let known {
            let shift = prose.firstLine - known.firstLine
            pieces = shift == 0 ? known.pieces : known.pieces.map { piece in
                guard case .value(let expression, var location) = piece else { return piece }
                location.line += shift
                return .value(expression, location)
            }
        } else {
            pieces = ProseScanner.scan(prose, file: file)
        }
        kept[key] = (prose.firstLine, pieces)
        return pieces
    }

    /// Keeps `kept` as the blocks of `file`'s last parse.
    func keep(_ kept: Kept, for file: String) {
        lock.lock(); files[file] = kept; lock.unlock()
    }
}
