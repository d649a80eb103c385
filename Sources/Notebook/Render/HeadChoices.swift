import AttentionEngine
import LessonScript

/// The other heads of a multi-head record, carried by a heatmap of one of them
/// (`heatmap mh.heads[0]`, `heatmap mh.mean`) so the page script can offer a head selector: one
/// head, all heads side by side, or the mean (as bertviz lets a reader pick a head). The static
/// figure stays as the lesson drew it; the selector only recolours it.
///
/// The data is every head's value labels exactly as the heatmap prints them, so the page shows
/// the same digits whichever head is picked: heads split by `|`, rows by `;`, entries by spaces.
struct HeadChoices: Equatable {
    /// The record's path: `mh`, `dec.crossAttention`.
    var base: String
    /// The fields the choices are read from, in order: `heads[0]`, `heads[1]`, …, then `mean`.
    var names: [String]
    /// Value labels: `labels[k][i][j]` for choice `k`.
    var labels: [[[String]]]

    /// The choices for `heatmap`, or nil unless it shows exactly one head (or the mean) of a
    /// multi-head record bound on the page, all heads having the figure's shape.
    static func of(_ heatmap: HeatmapOutput, scope: PageScope) -> HeadChoices? {
        guard let p = heatmap.provenance, p.binding != nil,
              var path = InlineOrigin.components(p.expression), path.count >= 2 else { return nil }
        // `….heads[k]` or `….mean`: the record is what comes before.
        if case .index? = path.last, path.count >= 3, path[path.count - 2] == .field("heads") {
            path.removeLast(2)
        } else if path.last == .field("mean") {
            path.removeLast()
        } else {
            return nil
        }
        guard case .record(let record)? = scope.value(at: path),
              case .record(let heads)? = record["heads"], heads.fields.count >= 2 else { return nil }
        var names: [String] = [], matrices: [Matrix] = []
        for (k, field) in heads.fields.enumerated() {
            guard case .matrix(let m) = field.value else { return nil }
            names.append("heads[\(k)]")
            matrices.append(m)
        }
        if case .matrix(let mean)? = record["mean"] {
            names.append("mean")
            matrices.append(mean)
        }
        let shown = heatmap.values
        guard matrices.allSatisfy({ m in m.rows == shown.count && shown.allSatisfy { $0.count == m.cols } }),
              matrices.contains(where: { m in (0..<m.rows).map { m.row($0).values } == shown }) else { return nil }
        let labels = matrices.map { m in
            (0..<m.rows).map { i in m.row(i).values.map { HeatmapRenderer.valueLabel($0, precision: heatmap.precision) } }
        }
        return HeadChoices(base: path.map(\.text).joined(), names: names, labels: labels)
    }

    /// The `data-` attributes of the figure: ` data-head-base="mh" data-head-names="…" data-head-values="…"`.
    var attributes: String {
        let values = labels.map { $0.map { $0.joined(separator: " ") }.joined(separator: ";") }.joined(separator: "|")
        return " data-head-base=\"\(base.htmlEscaped)\" data-head-names=\"\(names.joined(separator: " ").htmlEscaped)\""
            + " data-head-values=\"\(values.htmlEscaped)\""
    }
}
