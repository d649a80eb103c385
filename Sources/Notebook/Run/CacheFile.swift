import Foundation

/// Writing a file of the build cache (`.attnbook/`): to a temporary file in the same folder, then
/// renamed, so a reader never sees half of it. Best effort: a cache that cannot be written only
/// costs time on the next build. (Pages go through the site's `OutputWriter`, which reports errors.)
public enum CacheFile {
    public static func write(_ data: Data, to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-" + (path as NSString).lastPathComponent
        // POSIX rather than `FileManager.createFile`, which stats, syncs and sets attributes: this
        // runs on every rebuild of a `serve` loop.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let complete = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        close(fd)
        if !complete || !FileReplace.move(temporary, to: path) { unlink(temporary) }
    }
}
