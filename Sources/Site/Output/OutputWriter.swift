import Foundation

/// A file of the site, relative to the output folder.
public struct SiteFile: Equatable, Sendable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Writes site files atomically: each to a temporary file in the same folder, then renamed over
/// the old one, so a reader (or a crash) never sees half a page. Unchanged files are left alone.
struct OutputWriter {
    let root: String
    /// `false` in `check` mode: nothing touches the disk.
    let enabled: Bool

    func write(_ files: [SiteFile]) throws {
        guard enabled else { return }
        let fm = FileManager.default
        for file in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
            let folder = url.deletingLastPathComponent()
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            if let old = fm.contents(atPath: url.path), old == file.contents { continue }
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard fm.createFile(atPath: temporary.path, contents: file.contents) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
            }
            if rename(temporary.path, url.path) != 0 {
                let code = errno
                try? fm.removeItem(at: temporary)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
        }
    }

    /// Removes files in the lesson's figure folder that this build did not produce (a figure the
    /// lesson no longer draws); called only after the lesson built.
    func removeStale(in folder: String, keeping produced: Set<String>) throws {
        guard enabled else { return }
        let fm = FileManager.default
        let path = URL(fileURLWithPath: root).appendingPathComponent(folder).path
        guard let names = try? fm.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() where !produced.contains(folder + "/" + name) {
            try fm.removeItem(atPath: path + "/" + name)
        }
        if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try fm.removeItem(atPath: path) }
    }

    /// Removes the pages of lessons that no longer exist (their source file was deleted or renamed),
    /// as mdBook does by rebuilding its output folder. Only lesson-shaped entries go: a top-level
    /// `<stem>.html/.md/.json` whose stem is no lesson and no site page, and a folder of `.svg`
    /// files of the same kind. Anything else a user keeps in the output folder is left alone.
    /// - Parameter slugs: every lesson found in the lessons folder, built or failed.
    func removeOrphans(keeping slugs: Set<String>) throws {
        guard enabled else { return }
        let fm = FileManager.default
        let reserved = LessonLoader.reservedSlugs
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = root + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                guard !slugs.contains(name), !reserved.contains(name),
                      let inside = try? fm.contentsOfDirectory(atPath: path),
                      inside.allSatisfy({ $0.hasSuffix(".svg") }) else { continue }
                try fm.removeItem(atPath: path)
            } else {
                let url = URL(fileURLWithPath: name)
                let stem = url.deletingPathExtension().lastPathComponent
                guard ["html", "md", "json"].contains(url.pathExtension),
                      !slugs.contains(stem), !reserved.contains(stem) else { continue }
                try fm.removeItem(atPath: path)
            }
        }
    }
}
