import Foundation

/// Substring search over UTF-8 bytes. Rendering (placeholders, headings, prose tables) and the
/// site's post-processing (math, search text) scan every page a few times; Foundation's `String.range(of:)` bridges to UTF-16 on Linux and cost more
/// than the rest of the build together.
///
/// Everything is `@inlinable`: the site's module calls these in its inner loops, and across a module
/// boundary a generic (`unescapeHTML`) runs unspecialised and a small one (`matches`) is a call
/// each time (moving them here from Site doubled `TypesetMath.apply` until they were inlinable).
public enum ByteSearch {
    /// The first index ≥ `start` where `pattern` occurs in `bytes`.
    @inlinable public static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        bytes.withUnsafeBufferPointer { find(pattern, in: $0, from: start, to: end) }
    }

    /// The same in bytes held elsewhere (a `String`'s own UTF-8, without a copy).
    @inlinable public static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? bytes.count, bytes.count)
        guard let first = pattern.first, let base = bytes.baseAddress, start >= 0, end - start >= pattern.count else { return nil }
        return pattern.withUnsafeBufferPointer { p -> Int? in
            var i = start
            let last = end - pattern.count
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + k, p.baseAddress!, pattern.count) == 0 { return k }
                i = k + 1
            }
            return nil
        }
    }

    /// `bytes[at...]` starts with `pattern`.
    @inlinable public static func matches(_ pattern: [UInt8], in bytes: [UInt8], at: Int) -> Bool {
        at >= 0 && at + pattern.count <= bytes.count && bytes[at..<(at + pattern.count)].elementsEqual(pattern)
    }

    /// Undoes `htmlEscaped` (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`) on UTF-8 bytes.
    @inlinable public static func unescapeHTML<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let entities: [([UInt8], UInt8)] = [(Array("&amp;".utf8), 0x26), (Array("&lt;".utf8), 0x3C), (Array("&gt;".utf8), 0x3E),
                                            (Array("&quot;".utf8), 0x22), (Array("&#39;".utf8), 0x27)]
        outer: while i < bytes.endIndex {
            if bytes[i] == 0x26 {
                for (entity, byte) in entities where bytes[i...].starts(with: entity) {
                    out.append(byte)
                    i = bytes.index(i, offsetBy: entity.count)
                    continue outer
                }
            }
            out.append(bytes[i])
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
