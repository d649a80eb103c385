/// Why the build could not start at all (no lessons folder, no templates): nothing was built.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    /// What could not be used: the lessons folder, `templates`.
    public var subject: String
    public var message: String
    public var description: String { message }

    public init(subject: String, _ message: String) {
        self.subject = subject
        self.message = message
    }
}
