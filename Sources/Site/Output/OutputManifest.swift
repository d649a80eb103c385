import Foundation

/// The build's record of what it wrote into an output folder, kept there as `.attnbook-manifest`.
///
/// A build may remove a file only when an earlier build's manifest lists it and its bytes are still
/// the ones that build wrote; everything else in the folder belongs to the user and is never
/// touched. (mdBook and Hugo clean their whole output folder instead; ours is committed beside
/// the user's own files, so the build has to know what is its own.)
///
/// The format is text, one entry a line, sorted by path so it is deterministic:
/// `file␉<fnv1a-64 of the bytes, hex>␉<owner>␉<path>` or `dir␉-␉<owner>␉<path>` for a folder the
/// build created (fields separated by tabs, so names may hold spaces). The owner is a lesson's slug or `site`; the entries of a lesson that failed to
/// build are carried over, so its previous pages stay owned.
struct OutputManifest: Equatable {
    static let fileName = ".attnbook-manifest"
    static let header = "# attnbook: the files this build wrote; a later build removes only these, and only while unchanged"

    enum Kind: String { case file, dir }

    struct Entry: Equatable {
        var kind: Kind
        /// FNV-1a 64 of the contents (files only).
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
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
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

    /// FNV-1a, 64 bits: enough to tell "the bytes we wrote" from "edited since", with no dependency.
    static func hash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            return h
        }
    }
}
