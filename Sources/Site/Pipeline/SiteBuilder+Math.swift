import Foundation
import LessonScript
import Notebook

extension SiteBuilder {
    /// Typesets the math of every lesson in one batch (one node process at most, none when the
    /// cache has every formula), before any page is rendered. A formula KaTeX refuses is a warning
    /// at its place in the lesson, and keeps its TeX source on the page.
    func typesetMath(_ lessons: [Lesson]) -> TypesetMath {
        let (math, messages) = Self.typeset(lessons, options: options, memory: memory)
        for message in messages { log(message) }
        return math
    }

    /// `typesetMath(lessons)` started on a thread of its own, so node typesets while the cells
    /// run; the caller logs `messages` (on its thread) before any lesson's progress line.
    func startTypesettingMath(_ lessons: [Lesson]) -> PendingMath {
        let (options, memory) = (options, memory)
        return PendingMath { Self.typeset(lessons, options: options, memory: memory) }
    }

    /// The math of `lessons` and the lines to log about it (warnings, a note when node failed).
    private static func typeset(_ lessons: [Lesson], options: Options, memory: BuildMemory) -> (math: TypesetMath, messages: [String]) {
        // Finding the spans scans every lesson's prose: on `jobs` threads, gathered in lesson order.
        let perLesson = lessons.parallelMap(jobs: options.jobs) { $0.mathSpans }
        var spans: Set<MathSpan> = []
        for lessonSpans in perLesson { spans.formUnion(lessonSpans) }
        guard !spans.isEmpty else { return (TypesetMath(), []) }
        var messages: [String] = []
        // In a process that built before (serve, watch), formulas it typeset are not looked up again.
        let katexIdentity = FileIdentity.of(options.katexDirectory + "/katex.js")
        let table: [MathSpan: MathTypesetter.Result]
        if options.useCache, let known = memory.typeset(spans, katex: katexIdentity) {
            table = known
        } else {
            let note: String?
            (table, note) = typesetAfresh(spans, options: options)
            if let note { messages.append("note: \(note)") }
            // Only complete results: a span node could not typeset (no node, no KaTeX) is tried again.
            if options.useCache { memory.remember(table, katex: katexIdentity) }
        }
        var math = TypesetMath()
        for span in table.keys.sorted(by: MathTypesetter.order) {  // warnings in a fixed order
            switch table[span]! {
            case .mathml(let mathml): math.mathml[span] = mathml
            case .error(let message):
                for (lesson, lessonSpans) in zip(lessons, perLesson) where lessonSpans.contains(span) {
                    messages.append(String(DiagnosticFormatter.format(Self.mathDiagnostic(span, message, in: lesson), color: options.color).dropLast()))
                }
            }
        }
        return (math, messages)
    }

    /// Every span through `MathTypesetter` (its cache file, then node for the rest).
    private static func typesetAfresh(_ spans: Set<MathSpan>, options: Options) -> (table: [MathSpan: MathTypesetter.Result], note: String?) {
        let lessonsFolder = URL(fileURLWithPath: options.lessons).standardizedFileURL
        var typesetter = MathTypesetter(
            katexScript: URL(fileURLWithPath: options.katexDirectory).appendingPathComponent("katex.js"),
            // `--no-cache` ignores the typeset-math cache too.
            cacheFile: options.useCache ? lessonsFolder.deletingLastPathComponent().appendingPathComponent(".attnbook/math-cache.tsv") : nil)
        typesetter.writesCache = options.write   // `check` writes nothing, not even the cache
        return typesetter.typeset(spans)
    }

    /// A warning at the first place `span` is written in `lesson`.
    static func mathDiagnostic(_ span: MathSpan, _ message: String, in lesson: Lesson) -> Diagnostic {
        let delimiter = span.display ? "$$" : "$"
        let firstLine = span.source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var location = SourceLocation(file: lesson.path, line: 1, column: 1)
        var sourceLine: String?
        for (k, line) in lesson.sourceLines.enumerated() {
            if let r = line.range(of: delimiter + firstLine) ?? line.range(of: firstLine), !firstLine.isEmpty {
                location = SourceLocation(file: lesson.path, line: k + 1, column: line.distance(from: line.startIndex, to: r.lowerBound) + 1)
                sourceLine = line
                break
            }
        }
        return Diagnostic(.warning, at: location, id: "math", "math: \(message)", sourceLine: sourceLine)
    }
}
