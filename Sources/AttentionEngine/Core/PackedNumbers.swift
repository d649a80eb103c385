import Foundation

extension CodingUserInfoKey {
    /// Set to `true` in an encoder's `userInfo` to have vectors and matrices write their numbers
    /// packed (`PackedNumbers`) instead of as JSON number arrays. The build cache does: printing and
    /// parsing every number took most of the time of reading a lesson's cached cells. Decoding
    /// accepts both forms.
    public static let packedNumbers = CodingUserInfoKey(rawValue: "attnbook.packedNumbers")!
}

/// Doubles as one base64 string of their IEEE 754 bits, little-endian: exact (−0, NaN and
/// infinities included), a third of the size of JSON numbers, and fast to read.
public enum PackedNumbers {
    public static func pack(_ values: [Double]) -> String {
        var bytes = [UInt8](repeating: 0, count: values.count * 8)
        for (k, x) in values.enumerated() {
            var bits = x.bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { raw in
                for b in 0..<8 { bytes[k * 8 + b] = raw[b] }
            }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The numbers of a `pack` string, or nil when it is not one.
    public static func unpack(_ text: String) -> [Double]? {
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { k in
                var bits: UInt64 = 0
                for b in (0..<8).reversed() { bits = bits << 8 | UInt64(raw[k * 8 + b]) }
                return Double(bitPattern: bits)
            }
        }
    }

    /// Whether `encoder` asked for packed numbers.
    public static func wanted(by encoder: Swift.Encoder) -> Bool { encoder.userInfo[.packedNumbers] as? Bool == true }

    /// Numbers under `key`, packed or as an array.
    public static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, forKey key: K) throws -> [Double] {
        if let packed = try? container.decode(String.self, forKey: key) {
            guard let values = unpack(packed) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not packed numbers")
            }
            return values
        }
        return try container.decode([Double].self, forKey: key)
    }

    public static func encode<K: CodingKey>(_ values: [Double], into container: inout KeyedEncodingContainer<K>, forKey key: K, encoder: Swift.Encoder) throws {
        if wanted(by: encoder) { try container.encode(pack(values), forKey: key) } else { try container.encode(values, forKey: key) }
    }
}

extension Vector {
    private enum CodingKeys: String, CodingKey { case values, labels }

    public init(from decoder: Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        values = try PackedNumbers.decode(c, forKey: .values)
        labels = try c.decodeIfPresent([String].self, forKey: .labels)
        if let labels, labels.count != values.count {
            throw DecodingError.dataCorruptedError(forKey: .labels, in: c, debugDescription: "\(labels.count) labels for \(values.count) entries")
        }
    }

    public func encode(to encoder: Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try PackedNumbers.encode(values, into: &c, forKey: .values, encoder: encoder)
        try c.encodeIfPresent(labels, forKey: .labels)
    }
}

extension Matrix {
    private enum CodingKeys: String, CodingKey { case rows, cols, storage, rowLabels, colLabels }

    public init(from decoder: Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode(Int.self, forKey: .rows), cols = try c.decode(Int.self, forKey: .cols)
        let storage = try PackedNumbers.decode(c, forKey: .storage)
        let rowLabels = try c.decodeIfPresent([String].self, forKey: .rowLabels)
        let colLabels = try c.decodeIfPresent([String].self, forKey: .colLabels)
        // Checked, so a damaged cache file is an error to recover from, never a trap later.
        guard rows >= 0, cols >= 0, rows.multipliedReportingOverflow(by: cols).partialValue == storage.count,
              !rows.multipliedReportingOverflow(by: cols).overflow,
              rowLabels.map({ $0.count == rows }) ?? true, colLabels.map({ $0.count == cols }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .storage, in: c, debugDescription: "storage or labels do not match \(rows)×\(cols)")
        }
        self.init(rows: rows, cols: cols, storage: storage, rowLabels: rowLabels, colLabels: colLabels)
    }

    public func encode(to encoder: Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(cols, forKey: .cols)
        try PackedNumbers.encode(storage, into: &c, forKey: .storage, encoder: encoder)
        try c.encodeIfPresent(rowLabels, forKey: .rowLabels)
        try c.encodeIfPresent(colLabels, forKey: .colLabels)
    }
}
