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

/// Values a long-lived process derived from files (a parsed manifest, decoded cache entries), each
/// kept with its file's `FileIdentity` at the time and handed back only while the file still has
/// it: a `serve` loop re-reads a file only when someone else changed it.
public final class FileMemo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: (identity: String, value: Value)] = [:]

    public init() {}

    /// The value remembered for `path`, if the file is unchanged since.
    public func value(at path: String) -> Value? {
        let identity = FileIdentity.of(path)
        lock.lock(); defer { lock.unlock() }
        guard identity != FileIdentity.missing, let entry = known[path], entry.identity == identity else { return nil }
        return entry.value
    }

    /// Remembers `value` for the file at `path` as it is now (forgets it when the file is missing).
    public func remember(_ value: Value, at path: String) {
        let identity = FileIdentity.of(path)
        lock.lock(); defer { lock.unlock() }
        known[path] = identity == FileIdentity.missing ? nil : (identity, value)
    }
}
