import Foundation

/// A 64-bit hash of bytes, a word at a time: enough to tell bytes apart (the output manifest's
/// "the bytes we wrote" against "edited since", prose blocks in the parser's memo), not a defence
/// against chosen collisions, with no dependency.
///
/// Four lanes take a little-endian 64-bit word each in turn (multiply, rotate, multiply: the round
/// of xxHash64), the bytes left over go a word at a time through one lane, then the length and
/// MurmurHash3's 64-bit finaliser, through which every input bit reaches every output bit. About a
/// byte a third of a cycle, against 4 cycles a byte for FNV-1a, which goes a byte at a time.
/// (`@inlinable`: called from other modules on every page of a rebuild.)
public enum WordHash {
    @inlinable
    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    @inlinable
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var a = seed &+ prime1 &+ prime2, b = seed &+ prime2, c = seed, d = seed &- prime1
        var i = 0
        while i + 32 <= n {
            a = round(a, word(bytes, i)); b = round(b, word(bytes, i + 8))
            c = round(c, word(bytes, i + 16)); d = round(d, word(bytes, i + 24))
            i += 32
        }
        var h = rotated(a, 1) &+ rotated(b, 7) &+ rotated(c, 12) &+ rotated(d, 18)
        while i + 8 <= n {
            h = round(h, word(bytes, i))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in 0..<(n - i) { tail |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            h = round(h, tail)
        }
        return finalised(h ^ UInt64(n))
    }

    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let seed: UInt64 = 0x6174_746E_626F_6F6B  // "attnbook"

    @inlinable @inline(__always)
    static func word(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inlinable @inline(__always)
    static func round(_ lane: UInt64, _ w: UInt64) -> UInt64 { rotated(lane &+ w &* prime2, 31) &* prime1 }

    @inlinable @inline(__always)
    static func rotated(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    /// MurmurHash3's `fmix64`.
    @inlinable
    static func finalised(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}
