import CFileReplace
import Foundation

/// Puts a fully written temporary file in place of a file, so a reader sees the old bytes or the
/// new ones and never half of either.
///
/// Over an existing regular file the two names are swapped (`renameat2` with `RENAME_EXCHANGE`)
/// and the old bytes, now under the temporary name, are unlinked; a plain `rename` over the file
/// would do the same for a reader, but ext4 (its default `auto_da_alloc`) starts writing the new
/// file's blocks to the disk inside a `rename` that replaces a file, and frees the old file's
/// blocks there too. Measured on this machine's ext4 with a 120 KB file: `rename` over it 240–320 µs,
/// the swap 9 µs and the unlink 22 µs. A page, its Markdown, its search file and the manifest are
/// replaced on every edit in `serve`, so this is about a millisecond of each rebuild. A process
/// killed between the swap and the unlink leaves the old bytes under the temporary name, as one
/// killed while writing leaves the new ones: in the output folder the next build removes them
/// (`OutputWriter`'s clean-up of temporary files); in `.attnbook/` they are never read. Where the
/// swap is unsupported (another file system, another kernel), or nothing is there yet, it is a
/// plain `rename`.
public enum FileReplace {
    /// Moves `temporary` to `path`. True when `path` now has the temporary file's bytes and
    /// `temporary` is gone; false (errno set, `temporary` left for the caller) otherwise.
    public static func move(_ temporary: String, to path: String) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, attnbook_exchange(temporary, path) == 0 {
            // `temporary` now names the old file. Should the unlink fail, the new bytes are in
            // place all the same; the old ones go with the temporary files at the next clean-up.
            unlink(temporary)
            return true
        }
        return rename(temporary, path) == 0
    }
}
