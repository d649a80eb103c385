import AttentionEngine
import LessonScript

/// The worked arithmetic of every step of a decoder run, under an attention-lines figure of its
/// alignment (`lines att.alignment`): step t's softmax, exactly as `explain att.steps[t].alpha`
/// prints it. Without a script it is a folded list, one step after another; the page script
/// shows one step's beside the figure as the reader steps through the target words — the source
/// article's animation of the decoder, with the numbers.
enum StepWorkings {
    /// The folded list for `weights`, or nil unless the figure shows the `alignment` of a decoder
    /// run bound on the page (a record whose `steps` explain their weights), row for row.
    static func html(for weights: HeatmapOutput, scope: PageScope) -> String? {
        guard let p = weights.provenance, p.binding != nil,
              var path = InlineOrigin.components(p.expression), path.last == .field("alignment") else { return nil }
        path.removeLast()
        guard case .record(let run)? = scope.value(at: path),
              case .matrix(let alignment)? = run["alignment"],
              (0..<alignment.rows).map({ alignment.row($0).values }) == weights.values,
              case .record(let steps)? = run["steps"], steps.fields.count == weights.values.count else { return nil }
        var out = "<details class=\"step-workings\"><summary>Each step’s weights, worked out (\(steps.fields.count) steps)</summary>\n"
        let format = ArithmeticFormatter(precision: weights.precision)
        for (t, step) in steps.fields.enumerated() {
            guard case .record(let r) = step.value, let explainer = r.trace?.explainer,
                  let w = try? explainer.explain(Explainer.Request(field: "alpha", index: nil))
            else { return nil }
            let word = t < weights.rowLabels.count ? " (\(weights.rowLabels[t]))" : ""
            out += "<div class=\"step-working\" data-step=\"\(t)\"><p>Step \(t)\(word.htmlEscaped): \(format.string(w.title).htmlEscaped)</p>"
                + "<pre>\(format.text(w, includingNote: false).htmlEscaped)</pre></div>\n"
        }
        return out + "</details>"
    }
}
