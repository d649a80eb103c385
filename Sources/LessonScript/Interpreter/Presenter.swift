import AttentionEngine

/// Turns a value into what `show` puts on the page: tables for vectors and matrices (one per
/// record field), a line of text for the rest.
struct Presenter {
    let precision: Int

    func show(_ value: Value, caption: String, origin: Provenance? = nil) -> [Output] {
        switch value {
        case .vector(let v):
            var t = TableOutput(caption: caption, columnLabels: v.labels, rowLabels: nil, values: [v.values], precision: precision)
            t.provenance = origin
            return [.table(t)]
        case .matrix(let m):
            var t = TableOutput(caption: caption, columnLabels: m.colLabels, rowLabels: m.rowLabels,
                                values: (0..<m.rows).map { m.row($0).values }, precision: precision)
            t.provenance = origin
            return [.table(t)]
        case .record(let r):
            var out: [Output] = []
            for field in r.fields {
                let name = "\(caption).\(field.name)"
                let fieldCaption = r.captions[field.name].map { "\(name): \($0)" } ?? name
                let fieldOrigin = origin?.appending(field: field.name)
                switch field.value {
                case .vector, .matrix: out += show(field.value, caption: fieldCaption, origin: fieldOrigin)
                case .record: out += show(field.value, caption: name, origin: fieldOrigin)
                default: out.append(.value(label: name, field.value, precision: precision))
                }
            }
            return out
        case .scoreFunction(let f):
            if let engine = try? ScoreFunctions.engine(f) { return [.text(".\(f.name): e = \(engine.formula)")] }
            return [.value(label: nil, value, precision: precision)]
        default:
            return [.value(label: nil, value, precision: precision)]
        }
    }
}
