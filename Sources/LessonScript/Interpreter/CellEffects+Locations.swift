/// The source locations a cell's recorded results carry, mapped one by one.
///
/// A cached cell's outputs (`Provenance.location`) and effects (the location of each named call
/// and of its arguments, which `explain` and its diagnostics quote) point into the lesson file. A
/// prose edit above the cell moves it without changing it, so the cell cache replays the same
/// results with every location moved by the same number of lines (DESIGN §9); and hashes that
/// decide values leave locations out (`BuiltinCall.valueIdentity`).
extension CellEffects {
    /// The effects with every location replaced by `move(location)`.
    public func mappingLocations(_ move: (SourceLocation) -> SourceLocation) -> CellEffects {
        var out = self
        out.bindings = bindings.map { b in
            var b = b
            b.call = b.call?.mappingLocations(move)
            return b
        }
        return out
    }
}

extension BuiltinCall {
    /// The call with its location and its arguments' locations replaced by `move(location)`.
    public func mappingLocations(_ move: (SourceLocation) -> SourceLocation) -> BuiltinCall {
        BuiltinCall(name: name, location: move(location),
                    arguments: arguments.map { a in
                        var a = a
                        a.location = move(a.location)
                        return a
                    },
                    declaredLabels: declaredLabels)
    }

    /// The call with every location cleared: what decides the values `explain` shows (the builtin,
    /// the labels and the argument values), not where the call is written.
    public var valueIdentity: BuiltinCall {
        mappingLocations { _ in SourceLocation(file: "", line: 0, column: 0) }
    }
}

extension Output {
    /// The output with its provenance's location replaced by `move(location)`.
    public func mappingLocations(_ move: (SourceLocation) -> SourceLocation) -> Output {
        mappingProvenance { $0.location = move($0.location) }
    }

    /// The output with `change` applied to its provenance, if it has one.
    public func mappingProvenance(_ change: (inout Provenance) -> Void) -> Output {
        func changed(_ p: Provenance?) -> Provenance? {
            guard var p else { return nil }
            change(&p)
            return p
        }
        switch self {
        case .table(var t): t.provenance = changed(t.provenance); return .table(t)
        case .heatmap(var h): h.provenance = changed(h.provenance); return .heatmap(h)
        case .attentionLines(var h): h.provenance = changed(h.provenance); return .attentionLines(h)
        case .bars(var b): b.provenance = changed(b.provenance); return .bars(b)
        case .explanation, .text, .value, .lineChart: return self
        }
    }
}
