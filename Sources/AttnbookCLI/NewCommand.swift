import ArgumentParser
import Preview

/// `attnbook new "Title"`: the next numbered lesson from a template that builds.
public struct NewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create lessons/NN-slug.md, the next numbered lesson, from a small template that builds."
    )

    @Argument(help: "The lesson's title; its ASCII words name the file.")
    public var title: String

    @Option(help: "The folder holding the lesson files.")
    public var lessons = "lessons"

    @Option(help: "The file name's words, when the title has none in ASCII (e.g. a title in Chinese).")
    public var slug: String?

    public init() {}

    public func run() throws {
        do {
            let path = try LessonScaffold.create(title: title, slug: slug, in: lessons)
            print(path)
        } catch {
            StandardError.print(error.description)
            throw ExitCode(1)
        }
    }
}
