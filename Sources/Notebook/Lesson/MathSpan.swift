/// The math a lesson's prose contains, so a site can typeset every formula of every lesson in one
/// batch before any page is rendered.
public struct MathSpan: Hashable, Sendable {
    /// The TeX between the delimiters.
    public var source: String
    /// `$$…$$` (a display formula) rather than `$…$`.
    public var display: Bool

    public init(source: String, display: Bool) {
        self.source = source
        self.display = display
    }
}

extension Lesson {
    /// Every math span of the prose, in document order, repeats included.
    public var mathSpans: [MathSpan] {
        var spans: [MathSpan] = []
        for case .prose(let prose) in blocks {
            for case .math(let source, let display) in prose.pieces(file: path) {
                spans.append(MathSpan(source: source, display: display))
            }
        }
        return spans
    }
}
