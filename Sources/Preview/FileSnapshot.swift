import Foundation

/// What a folder looked like: every file under it with its modification time and size.
///
/// The watcher polls and compares two snapshots instead of asking the kernel for change
/// notifications. mdBook's `watch/poller.rs` gives the reason, which holds here too: native
/// notifications disappoint across platforms and editors (inotify misses atomic-rename saves
/// unless the parent is watched, runs out of watches, says nothing on network and container
/// mounts), and swift-docc compiles its watcher out on Linux altogether. A stat of a few dozen
/// files and folders per poll (`isCurrent`) costs a few microseconds each and never misses a save.
public struct FileSnapshot: Equatable, Sendable {
    /// Modification time (nanoseconds since 1970) and size of a file.
    public struct Stamp: Equatable, Sendable {
        public var modified: Int64
        public var size: Int64

        /// What a watched folder that does not exist has.
        static let missing = Stamp(modified: -1, size: -1)

        init(modified: Int64, size: Int64) {
            self.modified = modified
            self.size = size
        }

        init(_ info: stat) {
            self.init(modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), size: Int64(info.st_size))
        }
    }

    /// Path (as `folder/relative/name`) → stamp.
    public private(set) var files: [String: Stamp] = [:]
    /// Every folder read (the watched ones and those under them) → its stamp; a watched folder
    /// that is missing has `Stamp.missing`.
    public private(set) var folders: [String: Stamp] = [:]

    public init() {}

    /// Reads every regular file under `folders`, recursively, skipping hidden names (editor swap
    /// files, `.attnbook/`); a missing folder contributes nothing.
    public init(of folders: [String]) {
        for folder in folders {
            if self.folders[folder] == nil { self.folders[folder] = Self.stamp(folder) ?? .missing }
            scan(folder)
        }
    }

    /// Whether every file and folder still has the stamp it had: a `stat` of each, without
    /// reading a folder. A save over a file changes the file's stamp; creating, removing or
    /// renaming a file (an editor's atomic save too) changes its folder's. The watcher asks this
    /// on each poll and reads the folders again only when it says no: an idle poll then costs a
    /// few dozen `stat` calls and no allocation.
    public func isCurrent() -> Bool {
        for (path, stamp) in folders where (Self.stamp(path) ?? .missing) != stamp { return false }
        for (path, stamp) in files where Self.stamp(path) != stamp { return false }
        return true
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changes(since earlier: FileSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where earlier.files[path] != stamp { changed.append(path) }
        for path in earlier.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private mutating func scan(_ folder: String) {
        for name in Self.names(in: folder) where name.utf8.first != UInt8(ascii: ".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                folders[path] = Stamp(info)
                scan(path)
            case S_IFREG, S_IFLNK:
                // A link is followed for its target's stamp; a plain file's `lstat` already is one.
                if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 { continue }
                files[path] = Stamp(info)
            default: continue
            }
        }
    }

    /// The stamp of `path` (its target's, for a link), or nil when it does not exist.
    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        return stat(path, &info) == 0 ? Stamp(info) : nil
    }

    /// The entries of `folder` (POSIX `readdir`: `FileManager.contentsOfDirectory` made an idle
    /// 25 ms poll cost a tenth of a core).
    static func names(in folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
