import Foundation

/// Where the site's own inputs live, for tools that watch them (`attnbook serve`/`watch`).
public enum SiteSources {
    /// The folder the page templates and assets are read from at every build (the `Templates`
    /// resource copied beside the executable), or nil when the resource is missing.
    public static var templatesFolder: String? { SiteTemplates.folder?.path }

    /// The folder of the running executable (`/proc/self/exe`, links resolved, so an `attnbook`
    /// reached through a link on the PATH still finds what was built beside it).
    public static let executableFolder: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0
            ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments[0]
        return executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? "."
    }()
}
