import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build asks of its process's environment, read without Foundation's `ProcessInfo`:
/// a one-lesson rebuild is ~20 ms of process, and `ProcessInfo.environment` (a dictionary of every
/// variable, made on first use) and `activeProcessorCount` (which reads the cgroup files through
/// `URL` and `Data`) cost about 0.45 and 0.5 ms of it (perf, 30 one-shot builds after an edit).
public enum ProcessEnvironment {
    /// The variable `name`, or nil (`getenv`).
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The CPUs online (`sysconf`), fewer when a cgroup CPU quota says so (`cpu.max`, or
    /// `cpu.cfs_quota_us` / `cpu.cfs_period_us`), as `activeProcessorCount` counts them.
    public static let cores: Int = {
        var count = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let quota = quotaCores() { count = min(count, quota) }
        return count
    }()

    /// Whole CPUs a cgroup quota allows (at least 1), or nil without a quota.
    static func quotaCores() -> Int? {
        if let line = read("/sys/fs/cgroup/cpu.max") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let quota = Double(parts[0]), let period = Double(parts[1]), period > 0 {
                return max(1, Int((quota / period).rounded(.up)))
            }
            return nil  // "max …": no quota
        }
        if let quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").flatMap(Double.init), quota > 0,
           let period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us").flatMap(Double.init), period > 0 {
            return max(1, Int((quota / period).rounded(.up)))
        }
        return nil
    }

    /// A small file's first line, trimmed (one `read`).
    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[..<n], as: UTF8.self)
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// `read(2)`, under a name the enum's own `read` does not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
