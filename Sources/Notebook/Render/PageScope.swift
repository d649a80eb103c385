import LessonScript

/// The bindings as a reader meets them going down a page: after each cell, the values it bound,
/// and how many times each name has been bound so far (its generation). A table, a figure and an
/// inline value of the same expression and generation show the same value, so the page links
/// them; a name bound again later starts a new generation and links apart.
struct PageScope {
    private var values: [String: Value] = [:]
    private var generations: [String: Int] = [:]

    /// Takes in what `cell` bound.
    mutating func enter(_ cell: RunCell) {
        for (name, value) in cell.bound {
            values[name] = value
            generations[name, default: 0] += 1
        }
    }

    /// How many times `name` has been bound so far (0 if never, or no name).
    func generation(_ name: String?) -> Int {
        name.flatMap { generations[$0] } ?? 0
    }

    /// ` data-gen="N"` when `name` was bound more than once so far, else nothing: links of a
    /// name bound once need no generation, which keeps the page small.
    func generationAttribute(_ name: String?) -> String {
        let g = generation(name)
        return g > 1 ? " data-gen=\"\(g)\"" : ""
    }

    /// The value a path leads to (`mh`, `.heads`, `[1]`): fields and positions of records only.
    func value(at path: [InlineOrigin.Component]) -> Value? {
        guard case .name(let name)? = path.first, var value = values[name] else { return nil }
        for component in path.dropFirst() {
            guard case .record(let r) = value else { return nil }
            switch component {
            case .field(let f):
                guard let next = r[f] else { return nil }
                value = next
            case .index(let k):
                guard k.count == 1, k[0] < r.fields.count else { return nil }
                value = r.fields[k[0]].value
            case .name:
                return nil
            }
        }
        return value
    }
}
