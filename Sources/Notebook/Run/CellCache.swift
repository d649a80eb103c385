import Foundation
import LessonScript

/// Results of cells from earlier builds, so an unchanged cell is not run again (DESIGN §9).
///
/// A cell's key hashes everything its result can depend on: the cache format and the attnbook
/// executable (a rebuilt tool, perhaps with another engine, misses everything), the lesson's
/// path, the session's precision and budget, the cell's options and source, and for each name the
/// cell refers to, the content of the value bound to it (and the call behind it, for `explain
/// name`, without its locations) — or that it is unbound. So a cell re-runs exactly when it or
/// what it reads changed; a prose edit runs no cell, even one that moves the cells below it: the
/// key leaves out the cell's line, and a hit at another line moves every location in the replayed
/// outputs and effects by the difference (`Entry.firstLine`). Cells that report an error are never stored.
///
/// Entries live in `.attnbook/cells/<slug>.json` beside the lessons folder, one file per lesson
/// holding the entries its last build used. A missing, unreadable, corrupt, truncated or
/// older-format file is the same as an empty one: its cells are run. Writes are atomic.
public final class CellCache: @unchecked Sendable {
    /// Bumped when what an entry holds, or how keys are made, changes.
    public static let formatVersion = 6

    /// The folder holding `cells/`, or nil when caching is off.
    public let directory: String?
    /// Part of every key: the format and the executable's identity (see `init`).
    public let version: String

    /// - Parameters:
    ///   - directory: the cache folder (`.attnbook` beside `lessons/`), or nil for no cache.
    ///   - version: the engine/format version in every key; by default the format version and
    ///     the running executable's size and modification time.
    ///   - remembers: keep each lesson's entries in memory between builds (`memory`): for a
    ///     process that builds again (`serve`, `watch`); a one-shot build would only hold every
    ///     lesson's values to the end.
    public init(directory: String?, version: String = CellCache.defaultVersion, remembers: Bool = false) {
        self.directory = directory
        self.version = version
        self.memory = remembers ? FileMemo() : nil
        self.referencedNames = remembers ? ReferencedNamesMemo() : nil
    }

    /// The cache folder for a lessons folder: `.attnbook` in its parent.
    public static func directory(besideLessons lessons: String) -> String {
        let parent = URL(fileURLWithPath: lessons).standardizedFileURL.deletingLastPathComponent().path
        return (parent == "/" ? "" : parent) + "/.attnbook"
    }

    public static let defaultVersion: String = {
        var info = stat()
        let exe = "/proc/self/exe"
        if stat(exe, &info) == 0 {
            return "cells-\(formatVersion) exe-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return "cells-\(formatVersion) exe-unknown-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    /// The store for one lesson.
    public func lesson(_ slug: String) -> LessonCellCache {
        LessonCellCache(path: directory.map { "\($0)/cells/\(Self.fileName(slug)).json" }, version: version, memory: memory,
                        referencedNames: referencedNames)
    }

    /// Each lesson file's entries as this object last read or wrote them (`FileMemo`), or nil: a
    /// process that builds again (`serve`, `watch`) decodes a file only when someone else changed
    /// it. Decoding was most of a one-lesson rebuild's cache work.
    let memory: FileMemo<[String: LessonCellCache.Entry]>?
    /// The names cells refer to, by source, when this object builds again (else nil).
    let referencedNames: ReferencedNamesMemo?

    static func fileName(_ slug: String) -> String {
        String(slug.map { $0 == "/" || $0 == "\0" ? "_" : $0 })
    }
}

/// One lesson's cached cells: read once, consulted per cell, written back with the entries used.
public final class LessonCellCache: @unchecked Sendable {
    public struct Entry: Codable, Sendable {
        /// What the cell showed, before figure names are given.
        public var outputs: [Output]
        public var effects: CellEffects
        /// The content hash (as in cell keys) of each name the cell bound, so a build that replays
        /// the cell need not encode the values again to key the cells that read them.
        public var valueHashes: [String: String]? = nil
        /// The line the cell started on when it was recorded: a cell found at another line (its
        /// key does not hash the line) has its outputs' and effects' locations moved by the difference.
        /// (Only cells whose results point nowhere outside themselves are stored.)
        public var firstLine: Int
    }

    private struct File: Codable {
        var version: String
        var entries: [String: Entry]
    }

    /// Cells that bind, or read, more numbers than this are not cached: encoding and hashing them
    /// would cost more time and memory than running them (the largest lesson binds 17,000).
    public static let maximumEntries = 100_000

    let path: String?
    let version: String
    private var stored: [String: Entry] = [:]
    private var used: [String: Entry] = [:]
    private var changed = false
    /// How many cells came from the cache and how many ran, for `--verbose` and tests.
    public private(set) var hits = 0
    public private(set) var misses = 0

    private let memory: FileMemo<[String: Entry]>?
    /// Shared with the `CellCache` (see `ReferencedNamesMemo`), or nil.
    let referencedNames: ReferencedNamesMemo?

    init(path: String?, version: String, memory: FileMemo<[String: Entry]>? = nil, referencedNames: ReferencedNamesMemo? = nil) {
        self.path = path
        self.version = version
        self.memory = memory
        self.referencedNames = referencedNames
        if let path, let known = memory?.value(at: path) { stored = known; return }
        guard let path, let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(File.self, from: data), file.version == version else { return }
        stored = file.entries
        memory?.remember(stored, at: path)
    }

    public var isEnabled: Bool { path != nil }

    func lookup(_ key: String) -> Entry? {
        guard let entry = stored[key] else { misses += 1; return nil }
        hits += 1
        used[key] = entry
        return entry
    }

    func store(_ key: String, _ entry: Entry) {
        used[key] = entry
        changed = true
    }

    /// Writes the entries this build used (dropping the rest), if anything changed.
    public func save() {
        guard let path, changed || used.count != stored.count else { return }
        // The same JSON as encoding `File` whole (sorted keys), one entry at a time: encoding the
        // training lesson's 5 MB at once doubled the peak memory of a cold build.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[.packedNumbers] = true  // vectors and matrices as base64 of their bits
        var data = Data("{\"entries\":{".utf8)
        for (k, key) in used.keys.sorted().enumerated() {
            guard let keyJSON = try? encoder.encode(key), let entry = try? encoder.encode(used[key]!) else { return }
            if k > 0 { data.append(UInt8(ascii: ",")) }
            data.append(keyJSON)
            data.append(UInt8(ascii: ":"))
            data.append(entry)
        }
        guard let versionJSON = try? encoder.encode(version) else { return }
        data.append(Data("},\"version\":".utf8))
        data.append(versionJSON)
        data.append(UInt8(ascii: "}"))
        CacheFile.write(data, to: path)
        memory?.remember(used, at: path)
    }
}

/// A 128-bit content hash (two independent 64-bit hashes), stable across runs and machines:
/// cache keys must not collide and must not depend on Swift's per-process hash seed.
public struct ContentHasher {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x9e37_79b9_7f4a_7c15

    public init() {}

    /// Eight bytes at a time (little-endian words, the last one zero-padded), each lane a multiply
    /// and a rotate or shift: a byte at a time the two lanes cost about 8 cycles a byte, and
    /// hashing lesson files, cell values and pages was a visible part of every build.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < n {
            var last: UInt64 = 0
            for k in i..<n { last |= UInt64(bytes[k]) << (UInt64(k - i) * 8) }
            mix(last)
        }
        // Length-delimited, so ("ab", "c") and ("a", "bc") differ (and a zero-padded tail from a zero byte).
        mix(UInt64(n) ^ 0x6c65_6e67_7468_0000)
    }

    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0x9e37_79b9_7f4a_7c15
        a = (a << 31) | (a >> 33)
        b = (b ^ word) &* 0xff51_afd7_ed55_8ccd
        b ^= b >> 29
    }

    public mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }
    public mutating func add(_ text: String) { var t = text; t.withUTF8 { add(UnsafeRawBufferPointer($0)) } }

    public var hex: String {
        // A last avalanche per lane, so nearby inputs give unrelated hashes.
        var a = self.a, b = self.b
        a ^= a >> 33; a = a &* 0xc4ce_b9fe_1a85_ec53; a ^= a >> 33
        b ^= b >> 31; b = b &* 0x94d0_49bb_1331_11eb; b ^= b >> 32
        let h = String(a, radix: 16), l = String(b, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }
}
