import Foundation
import Testing
@testable import Site

/// `.attnbook-manifest`: its text, its hash, and a manifest of an older attnbook (FNV-1a hashes).
@Suite struct OutputManifestTests {
    let fm = FileManager.default

    @Test func theManifestTextIsSortedAndPaddedAsWritten() {
        var manifest = OutputManifest()
        let entries: [(String, OutputManifest.Entry)] = [
            ("b.html", .init(kind: .file, hash: 0x1f, owner: "b")),
            ("a/figure.svg", .init(kind: .file, hash: 0xfedc_ba98_7654_3210, owner: "a")),
            ("a", .init(kind: .dir, hash: 0, owner: "a")),
            ("a.html", .init(kind: .file, hash: 0, owner: ":site")),
            ("Z.md", .init(kind: .file, hash: 1 << 63, owner: "z")),
        ]
        for (path, entry) in entries { manifest.entries[path] = entry }
        // Written out plainly: the header, then one line a path in `String` order.
        func plain(_ m: OutputManifest) -> String {
            var text = OutputManifest.header + "\n" + OutputManifest.hashLine + "\n"
            for path in m.entries.keys.sorted() {
                let e = m.entries[path]!
                let hex = String(e.hash, radix: 16)
                text += "\(e.kind.rawValue)\t\(e.kind == .file ? String(repeating: "0", count: 16 - hex.count) + hex : "-")\t\(e.owner)\t\(path)\n"
            }
            return text
        }
        #expect(String(decoding: manifest.serialized, as: UTF8.self) == plain(manifest))
        #expect(String(decoding: manifest.serialized, as: UTF8.self).contains("file\t000000000000001f\tb\tb.html\n"))
        #expect(OutputManifest(parsing: manifest.serialized) == manifest)
        // Paths beyond ASCII keep `String`'s order.
        manifest.entries["é.md"] = .init(kind: .file, hash: 2, owner: "e")
        manifest.entries["e\u{301}x.md"] = .init(kind: .file, hash: 3, owner: "e")
        manifest.entries["ë.md"] = .init(kind: .file, hash: 4, owner: "e")
        #expect(String(decoding: manifest.serialized, as: UTF8.self) == plain(manifest))
        #expect(OutputManifest(parsing: manifest.serialized) == manifest)
    }

    /// The hash, written a second way: words put together from single bytes, lanes in an array.
    static func plainHash(_ bytes: [UInt8]) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F, seed: UInt64 = 0x6174_746E_626F_6F6B
        func rot(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
        func round(_ lane: UInt64, _ w: UInt64) -> UInt64 { rot(lane &+ w &* p2, 31) &* p1 }
        func word(_ at: Int, _ count: Int = 8) -> UInt64 {
            (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) }
        }
        var lanes = [seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1]
        let stripes = bytes.count / 32
        for s in 0..<stripes { for k in 0..<4 { lanes[k] = round(lanes[k], word(32 * s + 8 * k)) } }
        var h = rot(lanes[0], 1) &+ rot(lanes[1], 7) &+ rot(lanes[2], 12) &+ rot(lanes[3], 18)
        var at = 32 * stripes
        while at + 8 <= bytes.count { h = round(h, word(at)); at += 8 }
        if at < bytes.count { h = round(h, word(at, bytes.count - at)) }
        var k = h ^ UInt64(bytes.count)
        k ^= k >> 33; k = k &* 0xFF51_AFD7_ED55_8CCD; k ^= k >> 33; k = k &* 0xC4CE_B9FE_1A85_EC53; k ^= k >> 33
        return k
    }

    @Test func theHashIsItsDefinitionAndTellsEveryOneByteChange() {
        var seed: UInt64 = 7
        func next() -> UInt8 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: seed >> 40)
        }
        for length in Array(0...100) + [255, 256, 257, 1000, 4099] {
            let bytes = (0..<length).map { _ in next() }
            let hash = OutputManifest.hash(Data(bytes))
            #expect(hash == Self.plainHash(bytes), "length \(length)")
            // (Hashed from a slice that does not start on a word boundary: the same.)
            let shifted = Data([0] + bytes).dropFirst()
            #expect(OutputManifest.hash(Data(shifted)) == hash)
            var seen: Set<UInt64> = [hash]
            for at in stride(from: 0, to: length, by: max(1, length / 40)) {
                var changed = bytes
                changed[at] ^= 1 << UInt8(at % 8)
                #expect(seen.insert(OutputManifest.hash(Data(changed))).inserted, "flip at \(at) of \(length)")
            }
        }
        // A byte added (a zero) is another text.
        #expect(OutputManifest.hash(Data([1, 2, 3])) != OutputManifest.hash(Data([1, 2, 3, 0])))
        #expect(OutputManifest.hash(Data()) != OutputManifest.hash(Data([0])))
    }

    /// An output folder last built by an attnbook that hashed with FNV-1a and did not say so.
    @Test func aManifestOfAnOlderAttnbookIsReadWithItsHashOnce() throws {
        let root = NSTemporaryDirectory() + "manifest-legacy-" + UUID().uuidString
        try fm.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: root) }
        func fnv(_ text: String) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { h ^= UInt64(byte); h = h &* 0x100_0000_01b3 }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        let files = ["a.html": "page", "a.md": "markdown", "a/f.svg": "<svg/>", "b.html": "other"]
        for (path, text) in files { try text.write(toFile: root + "/" + path, atomically: false, encoding: .utf8) }
        var old = OutputManifest.header + "\n" + "dir\t-\ta\ta\n"
        for path in files.keys.sorted() { old += "file\t\(fnv(files[path]!))\t\(path.hasPrefix("a") ? "a" : "b")\t\(path)\n" }
        try old.write(toFile: root + "/" + OutputManifest.fileName, atomically: false, encoding: .utf8)
        #expect(OutputManifest(parsing: Data(old.utf8)).hashing == .fnv1a)
        // The user edits one of lesson a's files; then lesson a is gone and b builds with the same bytes.
        try "my notes".write(toFile: root + "/a.md", atomically: false, encoding: .utf8)
        var notes: [String] = []
        let writer = OutputWriter(root: root, enabled: true, log: { notes.append($0) })
        try writer.begin()
        #expect(try writer.write([SiteFile(path: "b.html", text: "other")], owner: "b") == [])
        try writer.finish()
        #expect(!fm.fileExists(atPath: root + "/a.html") && !fm.fileExists(atPath: root + "/a/f.svg"))
        #expect(try String(contentsOfFile: root + "/a.md", encoding: .utf8) == "my notes")
        #expect(notes.contains { $0.contains("a.md") && $0.contains("changed since the build wrote it") })
        let now = try #require(fm.contents(atPath: root + "/" + OutputManifest.fileName))
        #expect(String(decoding: now, as: UTF8.self).hasPrefix(OutputManifest.header + "\n" + OutputManifest.hashLine + "\n"))
        let manifest = OutputManifest(parsing: now)
        #expect(manifest.hashing == .words64)
        #expect(manifest.entries["b.html"]?.hash == OutputManifest.hash(Data("other".utf8)))
    }
}
