import Foundation

/// Writing a file of the build cache (`.attnbook/`): to a temporary file in the same folder, then
/// renamed, so a reader never sees half of it. Best effort: a cache that cannot be written only
/// costs time on the next build. (Pages go through the site's `OutputWriter`, which reports errors.)
public enum CacheFile {
    public static func write(_ data: Data, to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-" + (path as NSString).lastPathComponent
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
