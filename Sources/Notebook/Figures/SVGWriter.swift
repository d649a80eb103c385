/// Accumulates one SVG document: the root element with its accessible name, then elements.
struct SVGWriter {
    private var body: [String] = []
    private let width: Double, height: Double, label: String

    init(width: Double, height: Double, label: String) {
        self.width = width.rounded(.up)
        self.height = height.rounded(.up)
        self.label = label
    }

    mutating func desc(_ text: String) { body.append("<desc>\(text.htmlEscaped)</desc>") }
    mutating func raw(_ element: String) { body.append(element) }

    /// A text element; `text` is escaped here.
    mutating func text(_ text: String, x: Double, y: Double, size: Double, extra: String = "") {
        let attributes = extra.isEmpty ? "" : " " + extra
        body.append("<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" font-size=\"\(svgNumber(size))\"\(attributes)>\(text.htmlEscaped)</text>")
    }

    func finish() -> String {
        let w = svgNumber(width), h = svgNumber(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" aria-label=\"\(label.htmlEscaped)\" font-family=\"\(svgFontFamily)\" fill=\"#222\" color=\"#444\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
