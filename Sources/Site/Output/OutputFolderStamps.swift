import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which output folders were last seen holding every file the manifest lists in them, by the
/// folder's stamp then, so a builder that builds again (`serve`, `watch`) can answer
/// `OutputWriter.stillHas` with one `stat` per folder instead of one per file.
///
/// A folder's modification time changes whenever a name in it is created, removed or renamed, so
/// while its stamp (device, inode, modification and change times) is the one seen, no file of it
/// went away, and no folder above it became a link (its parent's stamp would have moved). Two
/// cautions make that exact:
/// - The file system takes times from a clock that ticks every few milliseconds, so a change made
///   in the same tick as the look leaves the stamp as it was. A folder is therefore recorded only
///   when its stamp is older than `settle` at the time of the look; `verify` runs `settle` after
///   the build (off the rebuild's path), once the build's own writes have aged.
/// - The look checks the files of one manifest; the stamps answer only for that manifest (the one
///   the next build starts from), never for files a later build added.
///
/// Without a look on record (a one-shot build, a folder changed since) every file is checked as before.
final class OutputFolderStamps: @unchecked Sendable {
    struct Stamp: Equatable {
        var device: UInt64, inode: UInt64, modified: Int64, changed: Int64

        init?(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }
    }

    /// How old a folder's times must be when it is looked at. Linux stamps files from a clock
    /// that ticks every 1–10 ms (CONFIG_HZ); 20 ms is past any tick.
    static let settle: Int64 = 20_000_000

    /// What a look after a build found, for one manifest.
    struct Look {
        /// Folder (relative; "" is the output folder) → stamp, for the folders holding all their files.
        var stamps: [String: Stamp]
        /// Owner → the folders its files are in (worked out here, off the rebuild's path: asking
        /// folder by folder for each of 200 files was 4% of a rebuild).
        var ownerFolders: [String: [String]]
        /// Owner → the paths of its entries (files and folders).
        var ownerPaths: [String: [String]]
    }

    private let lock = NSLock()
    /// The manifest the last look speaks for, and what it found.
    private var recorded: (manifest: OutputManifest, look: Look)?
    private let queue = DispatchQueue(label: "attnbook.output-folders", qos: .utility)

    /// The last look, when it speaks for `manifest`.
    func stamps(for manifest: OutputManifest) -> Look? {
        lock.withLock { recorded.flatMap { $0.manifest == manifest ? $0.look : nil } }
    }

    /// After a build that left `manifest` in `root`: forgets what was recorded, then, `settle`
    /// later on a background thread, looks at every file it lists and records each folder whose
    /// files are all there as plain files (no link on the way) and whose stamp held still.
    func verify(_ manifest: OutputManifest, root: String) {
        lock.withLock { recorded = nil }
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(Self.settle))) { [self] in
            var paths: [String: [String]] = [:]
            for (path, entry) in manifest.entries { paths[entry.owner, default: []].append(path) }
            let look = Look(stamps: Self.look(manifest, root: root), ownerFolders: Self.ownerFolders(manifest), ownerPaths: paths)
            lock.withLock { recorded = (manifest, look) }
        }
    }

    /// Each owner of files in `manifest` → the folders they are in (relative; "" is the output
    /// folder), each once, sorted.
    static func ownerFolders(_ manifest: OutputManifest) -> [String: [String]] {
        var folders: [String: Set<String>] = [:]
        for (path, entry) in manifest.entries where entry.kind == .file {
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            folders[entry.owner, default: []].insert(slash.map { String(path[..<$0]) } ?? "")
        }
        return folders.mapValues { $0.sorted() }
    }

    /// The folders of `manifest` whose listed files are all there, with their stamps.
    static func look(_ manifest: OutputManifest, root: String) -> [String: Stamp] {
        var files: [String: [String]] = [:]
        for (path, entry) in manifest.entries where entry.kind == .file {
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            files[slash.map { String(path[..<$0]) } ?? "", default: []].append(path)
        }
        // The folders above those too (they hold no file of the build, but a link there would count).
        for folder in Array(files.keys) {
            var above = folder
            while !above.isEmpty {
                above = above.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(above[..<$0]) } ?? ""
                if files[above] == nil { files[above] = [] }
            }
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let horizon = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - settle
        var found: [String: Stamp] = [:]
        for (folder, paths) in files {
            let full = folder.isEmpty ? root : root + "/" + folder
            guard let before = Stamp(full), before.modified < horizon, before.changed < horizon else { continue }
            let whole = paths.allSatisfy { path in
                var info = stat()
                return lstat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            }
            guard whole, Stamp(full) == before else { continue }
            found[folder] = before
        }
        return found
    }
}
