import Foundation

/// A file's identity without reading it: inode, size, and modification and change times in
/// nanoseconds. A rename of a new file changes the inode, any write changes the change time (which
/// no tool can set back), so an equal identity means the bytes are the ones seen before.
public enum FileIdentity {
    /// What `of` returns for a path that does not exist.
    public static let missing = "-"

    public static func of(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return missing }
        return "\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }
}
