import Foundation
import Testing
@testable import AttentionEngine

/// Vectors and matrices in the build cache: numbers packed as their bits, read back exactly.
@Suite struct PackedNumbersTests {
    static let awkward: [Double] = [0, -0.0, 1, -1.5, .pi, 1e-310, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                    .infinity, -.infinity, .nan, Double(bitPattern: 0x7FF8_0000_0000_1234), 0.1 + 0.2]

    @Test func everyBitPatternSurvives() throws {
        let back = try #require(PackedNumbers.unpack(PackedNumbers.pack(Self.awkward)))
        #expect(back.map(\.bitPattern) == Self.awkward.map(\.bitPattern))
        #expect(PackedNumbers.unpack(PackedNumbers.pack([])) == [])
        // Eight bytes per number: a cut string is refused.
        #expect(PackedNumbers.unpack(String(PackedNumbers.pack([1, 2]).dropLast(4))) == nil)
        #expect(PackedNumbers.unpack("not base64!") == nil)
    }

    @Test func packedOnlyWhenAskedAndReadEitherWay() throws {
        let m = Matrix(rows: 2, cols: 3, storage: [1, -0.0, 3, .nan, 5, 6], rowLabels: ["a", "b"], colLabels: nil)
        let v = Vector(Self.awkward.filter { !$0.isNaN && $0.isFinite }, labels: nil)
        let plain = JSONEncoder()
        let packed = JSONEncoder()
        packed.userInfo[.packedNumbers] = true
        // Default: numbers as JSON numbers (the training benchmark's PyTorch twin reads them).
        let plainText = String(decoding: try plain.encode(v), as: UTF8.self)
        #expect(plainText.contains("[0,"))
        let packedMatrix = try packed.encode(m)
        #expect(!String(decoding: packedMatrix, as: UTF8.self).contains("[1,"))
        let decoded = try JSONDecoder().decode(Matrix.self, from: packedMatrix)
        #expect(decoded.storage.map(\.bitPattern) == m.storage.map(\.bitPattern) && decoded.rowLabels == ["a", "b"])
        #expect(try JSONDecoder().decode(Vector.self, from: try plain.encode(v)) == v)
        #expect(try JSONDecoder().decode(Vector.self, from: try packed.encode(v)).values.map(\.bitPattern) == v.values.map(\.bitPattern))
    }

    @Test func aMatrixWhoseNumbersDoNotFitItsShapeIsADecodingError() {
        let bad = #"{"rows":2,"cols":2,"storage":[1,2,3]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(bad.utf8)) }
        let labels = #"{"rows":1,"cols":2,"storage":[1,2],"colLabels":["x"]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(labels.utf8)) }
        let vector = #"{"values":[1,2],"labels":["x"]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vector.self, from: Data(vector.utf8)) }
    }
}
