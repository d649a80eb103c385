import Foundation

// attnbook-bench: medians of the engine's hot paths, side by side with numpy when available.
// Run with `swift run -c release attnbook-bench [--repeats N] [--no-numpy]`.

let arguments = CommandLine.arguments
var repeats = 7
if let i = arguments.firstIndex(of: "--repeats"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 { repeats = n }
let useNumpy = !arguments.contains("--no-numpy")

/// Runs `python3` with `args`; returns stdout when it exits with 0.
func python(_ args: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + args
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// The numpy script, found next to this package whether run from the root or elsewhere.
func numpyScript() -> String? {
    let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/bench_numpy.py").path
    for path in ["scripts/bench_numpy.py", fromSource] where FileManager.default.fileExists(atPath: path) { return path }
    return nil
}

/// `text` padded with spaces to `width` characters (String(format:) pads by UTF-16 units, and "×" breaks it).
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}
func ms(_ x: Double) -> String { String(format: "%.2f", x) }

print("attnbook-bench: median of \(repeats) runs (after one warm-up), milliseconds")
// The machine is shared: say how busy it was, so a reader can judge the figures.
if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
    print("load average at start: \(load.split(separator: " ").prefix(3).joined(separator: " ")) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
}
var swiftResults: [(BenchCase, Double)] = []
for benchCase in registeredCases() {
    do {
        let (median, checksum) = try medianMilliseconds(repeats: repeats, benchCase.run)
        swiftResults.append((benchCase, median))
        print("  " + pad(benchCase.name, 46) + pad(ms(median), 10, right: true) + " ms   (checksum \(String(format: "%.6g", checksum)))")
    } catch {
        print("  \(benchCase.name): failed: \(error)")
    }
}

var numpy: [String: Double] = [:]
if useNumpy, python(["-c", "import numpy"]) != nil, let script = numpyScript() {
    print("running \(script) with the same sizes…")
    if let output = python([script, "--repeats", String(repeats)]),
       let json = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] {
        for (key, value) in json { if let ms = value as? Double { numpy[key] = ms } }
    } else {
        print("  numpy script failed; Swift figures only")
    }
} else if useNumpy {
    print("python3 with numpy not importable: Swift figures only")
}

if !numpy.isEmpty {
    print("")
    print(pad("case", 46) + pad("Swift ms", 12, right: true) + pad("numpy ms", 12, right: true) + pad("Swift/numpy", 14, right: true))
    for (benchCase, swiftMs) in swiftResults {
        if let key = benchCase.key, let reference = numpy[key] {
            print(pad(benchCase.name, 46) + pad(ms(swiftMs), 12, right: true) + pad(ms(reference), 12, right: true)
                  + pad(String(format: "%.2f×", swiftMs / reference), 14, right: true))
        } else {
            print(pad(benchCase.name, 46) + pad(ms(swiftMs), 12, right: true) + pad("—", 12, right: true) + pad("—", 14, right: true))
        }
    }
}
