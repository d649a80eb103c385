import Foundation
import Notebook

/// The build's record of what it wrote into an output folder, kept there as `.attnbook-manifest`.
///
/// A build may remove a file only when an earlier build's manifest lists it and its bytes are still
/// the ones that build wrote; everything else in the folder belongs to the user and is never
/// touched. (mdBook and Hugo clean their whole output folder instead; ours is committed beside
/// the user's own files, so the build has to know what is its own.)
///
/// The format is text, one entry a line, sorted by path so it is deterministic:
/// `file␉<hash of the bytes, hex>␉<owner>␉<path>` or `dir␉-␉<owner>␉<path>` for a folder the
/// build created (fields separated by tabs, so names may hold spaces), after two comment lines:
/// the header, and `# hash: words64`, which names the hash (`hash(_:)`). A manifest without that
/// line is an older attnbook's, with FNV-1a hashes (`legacyHash`): the writer reads it as such
/// once and writes the new kind (`OutputWriter.begin`). The owner is a lesson's slug or `site`;
/// the entries of a lesson that failed to build are carried over, so its previous pages stay owned.
struct OutputManifest: Equatable {
    static let fileName = ".attnbook-manifest"
    static let header = "# attnbook: the files this build wrote; a later build removes only these, and only while unchanged"
    /// The line that names the hash of this format.
    static let hashLine = "# hash: words64"

    /// The hash a manifest's entries were made with.
    enum Hashing: Equatable {
        /// `hash(_:)`: this attnbook's.
        case words64
        /// `legacyHash(_:)`: a manifest written before the hash was named.
        case fnv1a
    }
    /// What this manifest's hashes are (a parsed one says; a new one is `words64`).
    var hashing = Hashing.words64

    enum Kind: String { case file, dir }

    struct Entry: Equatable {
        var kind: Kind
        /// The contents' hash (files only), of the manifest's `hashing`.
        var hash: UInt64
        var owner: String
    }

    /// The owner of the site's own pages and assets (no lesson file can be called so).
    static let siteOwner = ":site"

    /// An owner name for a lesson slug, safe in the tab-separated format.
    static func owner(_ slug: String) -> String {
        // (Asked for every lesson several times a build: the slug itself when it has none of them.)
        guard slug.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return slug }
        return String(slug.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? "_" : $0 })
    }

    /// Entries by path, relative to the output folder.
    var entries: [String: Entry] = [:]

    /// The manifest's text.
    /// (Built as bytes: it is made after every build, and string interpolation line by line was
    /// 2.5% of a one-lesson rebuild.)
    var serialized: Data {
        let paths = entries.keys.sorted()
        var out: [UInt8] = []
        out.reserveCapacity(Self.header.utf8.count + 1 + paths.count * 64)
        out += Self.header.utf8
        out.append(0x0A)
        out += Self.hashLine.utf8
        out.append(0x0A)
        let digits = Array("0123456789abcdef".utf8)
        for path in paths {
            let e = entries[path]!
            switch e.kind {
            case .file:
                out += "file\t".utf8
                for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((e.hash >> UInt64(shift)) & 0xF)]) }
            case .dir:
                out += "dir\t-".utf8
            }
            out.append(0x09)
            out += e.owner.utf8
            out.append(0x09)
            out += path.utf8
            out.append(0x0A)
        }
        return Data(out)
    }

    /// Reads a manifest's text; lines that do not parse are skipped (the build then owns less, never more).
    /// (On the bytes: splitting the decoded text by `Character` was most of a one-lesson build's `begin`.)
    init(parsing data: Data) {
        let bytes = [UInt8](data)
        hashing = .fnv1a
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            if line.elementsEqual(Self.hashLine.utf8) { hashing = .words64 }
            guard !line.isEmpty, line.first != UInt8(ascii: "#") else { continue }
            let parts = line.split(separator: 0x09, maxSplits: 3, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 4, let kind = Kind(rawValue: parts[0]), !parts[2].isEmpty,
                  let path = Self.safeRelativePath(parts[3]) else { continue }
            let hash: UInt64
            switch kind {
            case .file: guard let h = UInt64(parts[1], radix: 16) else { continue }; hash = h
            case .dir: hash = 0
            }
            entries[path] = Entry(kind: kind, hash: hash, owner: String(parts[2]))
        }
    }

    init() {}

    /// `path` if it is a plain relative path inside the folder (no `..`, no absolute path, no empty part).
    /// (On the bytes: `String.contains` went through Foundation and was a sixth of a warm rebuild.)
    static func safeRelativePath(_ path: String) -> String? {
        let bytes = path.utf8
        guard !bytes.isEmpty, bytes.first != UInt8(ascii: "/"), !bytes.contains(0x09), !bytes.contains(0x0A) else { return nil }
        for part in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if part.isEmpty || part.elementsEqual([0x2E]) || part.elementsEqual([0x2E, 0x2E]) { return nil }
        }
        return path
    }

    /// The bytes' hash in the manifest (`WordHash`). Every page, Markdown file, figure and search
    /// file of a rebuilt lesson is hashed: FNV-1a, a byte at a time, took a third of a millisecond
    /// for an edited lesson's files; this takes about a tenth of that.
    static func hash(_ data: Data) -> UInt64 { WordHash.of(data) }

    /// FNV-1a, 64 bits: the hash of manifests written before `hashLine` (read, never written).
    static func legacyHash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            return h
        }
    }

    /// This manifest with `words64` hashes: each file the legacy hash says is as written gets the
    /// hash of its bytes; a file edited since (or unreadable) gets a value its bytes do not hash
    /// to, so it still counts as edited; a missing one keeps its entry (nothing to remove).
    func upgraded(root: String) -> OutputManifest {
        guard hashing == .fnv1a else { return self }
        var upgraded = OutputManifest()
        for (path, entry) in entries {
            var entry = entry
            if entry.kind == .file, let data = FileManager.default.contents(atPath: root + "/" + path) {
                let now = Self.hash(data)
                entry.hash = Self.legacyHash(data) == entry.hash ? now : now ^ 1
            }
            upgraded.entries[path] = entry
        }
        return upgraded
    }
}
