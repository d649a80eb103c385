import Foundation
import Training

/// What `scripts/train_torch.py` needs to train the same model: sizes and settings, the initial
/// weights and every epoch's batches in training order.
struct TwinSpec: Codable {
    var names: [String]
    var configuration: TrainingConfiguration
    var initial: Seq2SeqParameters
    var schedule: [[Batch]]
    var repeats: Int
}

/// What the twin prints.
struct TwinResult: Decodable {
    init(reason: String) { self.reason = reason }

    var torch: String?
    var reason: String?
    var threads: Int?
    var medianSeconds: Double?
    var epochLosses: [Double]?
    var final: [String: [Double]]?
}

enum TorchTwin {
    /// The twin script, found from this file's place in the repository.
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/train_torch.py")
    }

    /// Writes the spec to a temporary file, runs the twin on it, and decodes its answer.
    /// - Throws: when the spec does not survive a JSON round trip bit for bit, or python3 fails.
    static func run(_ spec: TwinSpec) throws -> TwinResult {
        let data = try JSONEncoder().encode(spec)
        // The comparison is only meaningful if the weights arrive exactly.
        guard try JSONDecoder().decode(TwinSpec.self, from: data).initial == spec.initial else {
            throw BenchError("the initial weights do not survive a JSON round trip")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-train-twin-\(getpid()).json")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { return TwinResult(reason: "python3 was not found") }   // env: command not found
        guard process.terminationStatus == 0 else { throw BenchError("\(script.path) exited with status \(process.terminationStatus)") }
        return try JSONDecoder().decode(TwinResult.self, from: answer)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
