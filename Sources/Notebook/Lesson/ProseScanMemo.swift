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
    private var files: [String: [String: (firstLine: Int, pieces: [ProsePiece])]] = [:]

    public init() {}

    /// The pieces of `prose` in `file`, remembered or scanned; `kept` collects what this parse used.
    func pieces(_ prose: Prose, file: String, kept: inout [String: (firstLine: Int, pieces: [ProsePiece])]) -> [ProsePiece] {
        lock.lock()
        let known = files[file]?[prose.text]
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
        kept[prose.text] = (prose.firstLine, pieces)
        return pieces
    }

    /// Keeps `kept` as the blocks of `file`'s last parse.
    func keep(_ kept: [String: (firstLine: Int, pieces: [ProsePiece])], for file: String) {
        lock.lock(); files[file] = kept; lock.unlock()
    }
}
