import Foundation
import Notebook
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of the site, relative to the output folder.
public struct SiteFile: Equatable, Sendable {
    public var path: String
    public var contents: Data
    /// `OutputManifest.hash(contents)`, when the thread that made the file worked it out already
    /// (the writer does otherwise).
    var hash: UInt64?

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    /// The same file with its hash worked out now (on the thread that made it).
    func hashed() -> SiteFile {
        var file = self
        file.hash = OutputManifest.hash(contents)
        return file
    }

    /// Path and bytes (the hash is only a cache of the bytes').
    public static func == (a: SiteFile, b: SiteFile) -> Bool { a.path == b.path && a.contents == b.contents }
}

/// A file the build could not write or remove: the path and the system's reason.
public struct OutputError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var reason: String
    public var description: String { "cannot write `\(path)`: \(reason)" }
    public var errorDescription: String? { description }

    init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The reason for the current `errno`.
    static func system(_ path: String, _ what: String = "") -> OutputError {
        OutputError(path, what + String(cString: strerror(errno)))
    }
}

/// Writes the site into the output folder, owning only what it wrote.
///
/// - Each file goes to a temporary file in its folder, then is renamed over the old one, so a
///   reader (or a crash) never sees half a page; unchanged files are left alone.
/// - One build at a time: `begin()` takes an exclusive lock on `.attnbook.lock` in the folder,
///   waiting (and saying so) while another build holds it.
/// - Temporary files left by a killed build (`.attnbook-tmp-…`) are removed when the next one begins
///   (the lock file is marked while a build writes, so the next one knows to look).
/// - `finish()` removes what an earlier build wrote and this one did not (a deleted lesson, a figure
///   no longer drawn), as listed in `.attnbook-manifest`, and only if its bytes are unchanged;
///   nothing else is ever deleted. Writes never go through a symbolic link inside the folder.
public final class OutputWriter {
    static let lockName = ".attnbook.lock"
    static let temporaryPrefix = ".attnbook-tmp-"
    /// What the lock file holds while a build writes (see `begin()`).
    static let buildingMark = "building\n"

    public let root: String
    /// `false` in `check` mode: nothing touches the disk.
    let enabled: Bool
    /// Notes for the user (a wait for the lock, a file left in place).
    let log: (String) -> Void

    private var lockDescriptor: Int32 = -1
    /// Paths (relative to the root) whose bytes this build wrote or removed, in the order it did.
    public private(set) var changedPaths: [String] = []
    private var previous = OutputManifest()
    /// `previous` is the manifest file's content (from this process's memo): no need to compare.
    private var previousMatchesDisk = false
    /// The previous build's files and folders by owner, for `stillHas` and `keep`.
    private var previousByOwner: [String: [String]] = [:]
    private var current = OutputManifest()

    /// The manifest as this process last left it (a `serve` loop's builder passes one).
    private let memo: FileMemo<OutputManifest>?
    /// Folders seen whole after this process's last build (a `serve` loop's builder passes them).
    private let folderStamps: OutputFolderStamps?
    /// Those stamps, when they speak for `previous`; and per folder whether it is still as seen.
    private var knownFolders: [String: OutputFolderStamps.Stamp] = [:]
    /// Owner → the folders of its files in `previous`, with `knownFolders`.
    private var ownerFolders: [String: [String]] = [:]
    private var folderHolds: [String: Bool] = [:]

    /// For files of this build that other threads put on disk before `write` is given them
    /// (see `WriteAhead`); set by `begin()`, nil when nothing is written.
    private(set) var ahead: WriteAhead?

    init(root: String, enabled: Bool, log: @escaping (String) -> Void = { _ in }, memo: FileMemo<OutputManifest>? = nil,
         folderStamps: OutputFolderStamps? = nil) {
        self.root = root
        self.enabled = enabled
        self.log = log
        self.memo = memo
        self.folderStamps = folderStamps
    }

    deinit { unlock() }

    /// Creates the folder, takes the lock, removes leftovers of killed builds, reads the manifest.
    public func begin() throws {
        guard enabled else { return }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw OutputError(root, "cannot create the folder (\((error as NSError).localizedFailureReason ?? "\(error)"))")
        }
        let lockPath = root + "/" + Self.lockName
        lockDescriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard lockDescriptor >= 0 else { throw OutputError.system(lockPath) }
        if flock(lockDescriptor, LOCK_EX | LOCK_NB) != 0 {
            log("note: another attnbook build is writing to `\(root)`; waiting for it to finish")
            while flock(lockDescriptor, LOCK_EX) != 0 {
                if errno != EINTR { throw OutputError.system(lockPath, "cannot lock: ") }
            }
        }
        // The lock file holds a mark from `begin()` to `finish()`: found here, it says a build
        // stopped half-way (killed, or failed to write) and may have left temporary files, so the
        // folder is searched for them. A folder whose last build finished is not walked (that
        // walk was ~170 `stat`s and 21 folder reads for the 19 lessons, in every build).
        var lockInfo = stat()
        let unfinished = fstat(lockDescriptor, &lockInfo) != 0 || lockInfo.st_size != 0
        let manifestPath = root + "/" + OutputManifest.fileName
        if let known = memo?.value(at: manifestPath) {
            // The folder as this process's last build left it (no leftovers: it finished).
            previous = known
            previousMatchesDisk = true
            if let look = folderStamps?.stamps(for: known) {
                knownFolders = look.stamps
                ownerFolders = look.ownerFolders
                previousByOwner = look.ownerPaths
                // Each folder is looked at now, before this build writes into it (which moves its
                // stamp): the question is whether the last build's files survived until this one.
                for folder in knownFolders.keys { _ = holds(folder) }
            }
        } else {
            if unfinished { removeTemporaryFiles(in: root) }
            // (A manifest of an older attnbook is read with its own hash, once.)
            if let data = FileManager.default.contents(atPath: manifestPath) { previous = OutputManifest(parsing: data).upgraded(root: root) }
        }
        if !unfinished { _ = pwrite(lockDescriptor, Self.buildingMark, Self.buildingMark.utf8.count, 0) }
        if previousByOwner.isEmpty {
            for (path, entry) in previous.entries { previousByOwner[entry.owner, default: []].append(path) }
        }
        ahead = WriteAhead(root: root, previous: previous.entries)
    }

    /// Writes `files` (paths relative to the output folder), recording them as `owner`'s.
    /// - Returns: the paths whose bytes changed on disk (the others were already up to date), so
    ///   a `serve` loop knows which pages to reload.
    @discardableResult
    public func write(_ files: [SiteFile], owner: String) throws -> [String] {
        guard enabled else { return [] }
        var changed: [String] = []
        for file in files {
            guard let relative = OutputManifest.safeRelativePath(file.path) else {
                throw OutputError(file.path, "not a path inside the output folder")
            }
            try makeFolders(for: relative, owner: owner)
            let path = root + "/" + relative
            let hash = file.hash ?? OutputManifest.hash(file.contents)
            current.entries[relative] = .init(kind: .file, hash: hash, owner: owner)
            if isSymbolicLink(path) {
                throw OutputError(path, "it is a symbolic link; the build does not write through links (remove it or build into another folder)")
            }
            if let done = ahead?.take(relative, hash: hash) {
                if done.changed { changed.append(relative) }
                continue
            }
            if Self.isOnDisk(file, hash: hash, at: path, recorded: previous.entries[relative]) { continue }
            try Self.writeAtomically(file.contents, to: path)
            changed.append(relative)
        }
        changedPaths += changed
        return changed
    }

    /// Whether `file`'s bytes are already at `path`. Bytes other than those the last build recorded
    /// there (`recorded`) are not: they are written without reading the old file first; otherwise
    /// the file on disk is compared (someone may have edited it, or there is no record).
    static func isOnDisk(_ file: SiteFile, hash: UInt64, at path: String, recorded: OutputManifest.Entry?) -> Bool {
        guard recorded.map({ $0.hash == hash }) ?? true, let old = FileManager.default.contents(atPath: path) else { return false }
        return old == file.contents
    }

    /// Whether the previous build wrote files for `owner` and every one of them is still there.
    func stillHas(owner: String) -> Bool {
        // Every folder of the owner's files as the stamps saw it: they are all there.
        if !knownFolders.isEmpty, let folders = ownerFolders[owner], !folders.isEmpty, folders.allSatisfy(holds) { return true }
        let paths = (previousByOwner[owner] ?? []).filter { previous.entries[$0]?.kind == .file }
        guard !paths.isEmpty else { return false }
        for path in paths {
            if !knownFolders.isEmpty, holds(folder(of: path)) { continue }
            var info = stat()
            guard !pathCrossesLink(path, remembering: true), lstat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        }
        return true
    }

    /// Whether `folder` and every folder above it have the stamps `OutputFolderStamps` recorded
    /// after the last build: then every file the last build left in it is still there.
    private func holds(_ folder: String) -> Bool {
        if let known = folderHolds[folder] { return known }
        let above = folder.isEmpty ? true : holds(self.folder(of: folder))
        let answer = above && knownFolders[folder].map { OutputFolderStamps.Stamp(folder.isEmpty ? root : root + "/" + folder) == $0 } == true
        folderHolds[folder] = answer
        return answer
    }

    /// The folder of `relative` ("" for the output folder itself).
    private func folder(of relative: String) -> String {
        relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relative[..<$0]) } ?? ""
    }

    /// Folders that `stillHas` found to be no link in this build (each page's search file is asked
    /// about alone, and `assets` and `assets/search` were looked at again every time).
    private var plainFolders: Set<String> = []

    /// The content hash of the file at `relative` as this build leaves it (written or kept), if any.
    func fileHash(_ relative: String) -> UInt64? {
        guard let entry = current.entries[relative], entry.kind == .file else { return nil }
        return entry.hash
    }

    /// Keeps `owner`'s files from the previous build as they are (its lesson failed this time).
    public func keep(owner: String) {
        for path in previousByOwner[owner] ?? [] where current.entries[path] == nil {
            current.entries[path] = previous.entries[path]
        }
    }

    /// Removes what the previous build wrote and this one did not, writes the manifest, unlocks.
    public func finish() throws {
        guard enabled else { return }
        defer { unlock() }
        // Written ahead for a lesson that then failed to write its page: on disk all the same.
        for (path, done) in ahead?.leftovers() ?? [] where done.changed {
            current.entries[path] = .init(kind: .file, hash: done.hash, owner: done.owner)
            changedPaths.append(path)
        }
        let stale = previous.entries.filter { current.entries[$0.key] == nil }
        // Files first, then folders deepest first, so a folder is empty when its turn comes.
        for (path, entry) in stale.sorted(by: { $0.key < $1.key }) where entry.kind == .file {
            removeIfUnchanged(path, entry)
        }
        for (path, _) in stale.filter({ $0.value.kind == .dir }).sorted(by: { $0.key.count > $1.key.count }) {
            let full = root + "/" + path
            guard !pathCrossesLink(path), (try? FileManager.default.contentsOfDirectory(atPath: full))?.isEmpty == true else {
                if FileManager.default.fileExists(atPath: full) { current.entries[path] = stale[path] }
                continue
            }
            rmdir(full)
        }
        let manifestPath = root + "/" + OutputManifest.fileName
        if !(previousMatchesDisk && current == previous) {
            let data = current.serialized
            // (When the previous manifest is the file's content, the new one differs from it.)
            if previousMatchesDisk || FileManager.default.contents(atPath: manifestPath) != data {
                try Self.writeAtomically(data, to: manifestPath)
            }
        }
        memo?.remember(current, at: manifestPath)
        folderStamps?.verify(current, root: root)
        _ = ftruncate(lockDescriptor, 0)  // finished: no temporary files are left
    }

    // MARK: Details

    private func unlock() {
        if lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    private func removeIfUnchanged(_ path: String, _ entry: OutputManifest.Entry) {
        let full = root + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else { return }  // already gone
        guard !pathCrossesLink(path), (info.st_mode & S_IFMT) == S_IFREG else {
            log("note: left `\(full)` in place: it is no longer a plain file the build wrote")
            return
        }
        guard let data = FileManager.default.contents(atPath: full), OutputManifest.hash(data) == entry.hash else {
            log("note: left `\(full)` in place: it changed since the build wrote it")
            return
        }
        if unlink(full) != 0 {
            log("note: could not remove stale `\(full)`: \(String(cString: strerror(errno)))")
        } else {
            changedPaths.append(path)
        }
    }

    /// Creates the folders above `relative` that are missing, refusing to pass through a link.
    /// Every folder holding a file of the build is recorded: when none of its files is left it
    /// goes too, but only if it is then empty.
    private func makeFolders(for relative: String, owner: String) throws {
        let parts = relative.split(separator: "/").dropLast()
        var sofar = ""
        for part in parts {
            sofar += (sofar.isEmpty ? "" : "/") + part
            let full = root + "/" + sofar
            var info = stat()
            if lstat(full, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    throw OutputError(root + "/" + relative, "`\(full)` is a symbolic link; the build does not write through links (remove it or build into another folder)")
                }
                if (info.st_mode & S_IFMT) != S_IFDIR { throw OutputError(full, "a file is in the way of a folder the build needs") }
                current.entries[sofar] = current.entries[sofar] ?? .init(kind: .dir, hash: 0, owner: owner)
                continue
            }
            if mkdir(full, 0o755) != 0 && errno != EEXIST { throw OutputError.system(full, "cannot create the folder: ") }
            current.entries[sofar] = current.entries[sofar] ?? .init(kind: .dir, hash: 0, owner: owner)
        }
    }

    /// Whether any folder between the output folder and `relative` is a symbolic link.
    /// - Parameter remembering: take folders found plain earlier in this build as plain, and
    ///   remember those found now (for `stillHas`, which only decides whether to write again;
    ///   a removal always looks).
    private func pathCrossesLink(_ relative: String, remembering: Bool = false) -> Bool {
        var sofar = root
        for part in relative.split(separator: "/").dropLast() {
            sofar += "/" + part
            if remembering, plainFolders.contains(sofar) { continue }
            if isSymbolicLink(sofar) { return true }
            if remembering { plainFolders.insert(sofar) }
        }
        return false
    }

    private func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Puts `data` at `path` through a temporary file in its folder (any thread: the temporary
    /// name is the file's own, and one file is written by one thread at a time).
    static func writeAtomically(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = folder + "/" + Self.temporaryPrefix + "\(getpid())-" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw OutputError.system(path) }
        var failure: OutputError?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = OutputError.system(path)
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == nil { failure = OutputError.system(path) }
        if failure == nil, !FileReplace.move(temporary, to: path) { failure = OutputError.system(path) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Removes `.attnbook-tmp-…` files (and the `.NAME.tmp-PID` files of older versions) left by a
    /// build that was killed; called under the lock, so no other build is writing them.
    private func removeTemporaryFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: removeTemporaryFiles(in: path)
            case S_IFREG where name.hasPrefix(Self.temporaryPrefix) || Self.isOldTemporaryName(name): unlink(path)
            default: break
            }
        }
    }

    /// `.page.html.tmp-1234`, the name earlier versions gave their temporary files.
    static func isOldTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let r = name.range(of: ".tmp-", options: .backwards) else { return false }
        let digits = name[r.upperBound...]
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// `write(2)`, under a name that the writer's own `write` does not shadow.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
