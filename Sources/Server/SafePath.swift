import Foundation

/// Maps a request path to a file inside the output folder, and nothing outside it.
///
/// The preview serves a folder the author can also put symlinks in, on a port other programs on
/// the machine (and, with `--host`, the network) can reach; so every request is checked twice:
/// by name (no `..` segment, raw or percent-encoded, no NUL or backslash) and by where the file
/// really is (the resolved path, symlinks followed, must still be under the resolved root).
public enum SafePath {
    public enum Resolution: Equatable, Sendable {
        /// A regular file under the root: its absolute, resolved path.
        case file(String)
        /// A folder asked for without its trailing slash: send the browser to `location`, so the
        /// relative links of its `index.html` resolve against the folder.
        case redirect(String)
        case notFound
    }

    /// - Parameters:
    ///   - requestPath: the path of the request, as sent (percent-encoded), without the query.
    ///   - root: the output folder.
    public static func resolve(_ requestPath: String, root: String) -> Resolution {
        guard requestPath.hasPrefix("/"),
              let decoded = requestPath.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        // `..` never names a page; nor does a hidden name (the build's lock and manifest live there).
        if segments.contains(where: { $0 == ".." || $0.hasPrefix(".") }) { return .notFound }
        guard let realRoot = realPath(root) else { return .notFound }
        let joined = ([realRoot] + segments.map(String.init)).joined(separator: "/")
        guard let real = realPath(joined), real == realRoot || real.hasPrefix(realRoot + "/") else { return .notFound }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            if !decoded.hasSuffix("/") { return .redirect(requestPath + "/") }
            guard let index = realPath(real + "/index.html"), index.hasPrefix(realRoot + "/"),
                  isRegularFile(index) else { return .notFound }
            return .file(index)
        }
        return isRegularFile(real) ? .file(real) : .notFound
    }

    /// The path with every symlink, `.` and `..` resolved (POSIX `realpath`), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
