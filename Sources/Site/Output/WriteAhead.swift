import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files of a build put on disk from other threads before the build's thread hands them to
/// `OutputWriter.write(_:owner:)`, which then only records them.
///
/// A one-lesson rebuild (an edit in `serve`) makes the page's Markdown, JSON and figures on a
/// second thread while the HTML is made, and cuts the page's search entries while the HTML is
/// written; writing those files where they are made takes their writes (about 0.1 ms each) off
/// the build's thread. Nothing is decided here that the writer would decide otherwise:
/// - only a plain file (or none) in a folder that is already there and crosses no link is
///   written; anything else is left for `write`, which makes the folder or says what is in the way;
/// - bytes the last build recorded at that path are compared with the file on disk, as `write` does;
/// - a file that cannot be written is left for `write`, which tries again and reports it.
///
/// A file written ahead whose lesson then fails to reach `write` (its HTML could not be written)
/// is still recorded by `OutputWriter.finish()` under its owner, so the manifest says what is on disk.
final class WriteAhead: @unchecked Sendable {
    /// A file put on disk (or found there already) with these bytes.
    struct Done: Equatable {
        var hash: UInt64
        var owner: String
        /// Whether its bytes on disk changed.
        var changed: Bool
    }

    private let root: String
    /// The last build's record, as `OutputWriter.begin()` read it.
    private let previous: [String: OutputManifest.Entry]
    private let lock = NSLock()
    private var done: [String: Done] = [:]

    init(root: String, previous: [String: OutputManifest.Entry]) {
        self.root = root
        self.previous = previous
    }

    /// Writes `files` (their hashes worked out already, or here) for `owner`. Any thread.
    func write(_ files: [SiteFile], owner: String) {
        for file in files {
            guard let relative = OutputManifest.safeRelativePath(file.path), foldersArePlain(above: relative) else { continue }
            let path = root + "/" + relative
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG { continue }
            let hash = file.hash ?? OutputManifest.hash(file.contents)
            let changed = !OutputWriter.isOnDisk(file, hash: hash, at: path, recorded: previous[relative])
            if changed, (try? OutputWriter.writeAtomically(file.contents, to: path)) == nil { continue }
            lock.withLock { done[relative] = Done(hash: hash, owner: owner, changed: changed) }
        }
    }

    /// What was done at `relative`, when it was done with the bytes of `hash`; forgotten either way
    /// (bytes other than those are the writer's to write).
    func take(_ relative: String, hash: UInt64) -> Done? {
        guard let found = lock.withLock({ done.removeValue(forKey: relative) }) else { return nil }
        return found.hash == hash ? found : nil
    }

    /// What was written and never taken, by path (sorted, for a deterministic manifest and log).
    func leftovers() -> [(path: String, done: Done)] {
        lock.withLock { done.map { ($0.key, $0.value) } }.sorted { $0.path < $1.path }
    }

    /// Whether every folder between the output folder and `relative` exists and is a folder (no link).
    private func foldersArePlain(above relative: String) -> Bool {
        var sofar = root
        for part in relative.split(separator: "/").dropLast() {
            sofar += "/" + part
            var info = stat()
            guard lstat(sofar, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        }
        return true
    }
}
