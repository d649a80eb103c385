import AttentionEngine
import Foundation
import LessonScript

/// Runs a lesson's cells top to bottom in one `Session` and evaluates inline values, producing
/// the document the renderers read.
public enum NotebookRunner {
    /// Runs `lesson`.
    /// - Returns: the document.
    /// - Throws: `LessonError` with the first failing cell's diagnostics (later cells depend on
    ///   it, so they are not run), a cell marked `expect-error` that succeeded, or failing inline values.
    public static func run(_ lesson: Lesson) throws(LessonError) -> NotebookDocument {
        try run(lesson, kernel: Session(file: lesson.path, precision: lesson.frontMatter.precision))
    }

    /// Runs `lesson` with `kernel` (a `Session`, or a stand-in in tests), taking unchanged cells'
    /// results from `cache` when the kernel can replay them.
    public static func run(_ lesson: Lesson, kernel session: CellKernel,
                           cache: LessonCellCache? = nil) throws(LessonError) -> NotebookDocument {
        var keys = CellKeys(lesson: lesson, plain: session, cache: cache)
        let precision = lesson.frontMatter.precision
        var blocks: [DocumentBlock] = []
        var diagnostics: [Diagnostic] = []
        var names = FigureNames()
        func withSource(_ d: Diagnostic) -> Diagnostic {
            var d = d
            if d.sourceLine == nil, d.location.line >= 1, d.location.line <= lesson.sourceLines.count {
                d.sourceLine = lesson.sourceLines[d.location.line - 1]
            }
            return d
        }

        var cellNumber = 0
        // What a later build needs to put the page together without running (`PageRecord`).
        var record: PageRecord? = keys.kernel != nil && cache?.isEnabled == true ? PageRecord() : nil
        // The running hash behind each cell's `renderKey`; nil from the first cell without a key.
        var renderChain: ContentHasher? = {
            var h = ContentHasher()
            h.add(lesson.slug)
            h.add(lesson.path)
            return h
        }()
        for block in lesson.blocks {
            switch block {
            case .prose(let prose):
                let pieces = renderedPieces(prose, file: lesson.path) { expression, location, bound in
                    switch session.evaluate(expression, at: location) {
                    case .success(let value):
                        let text = ValueFormatter.inline(value, precision: precision, bound: bound)
                        let origin = InlineOrigin.of(expression, value: value, line: location.line)
                        record?.values[PageRecord.valueKey(cellsBefore: cellNumber, expression: expression, bound: bound)]
                            = .init(text: text, origin: origin)
                        return .value(text, origin: origin)
                    case .failure(let d): diagnostics.append(withSource(d)); return .value("?")
                    }
                }!
                blocks.append(.prose(pieces))
            case .cell(let cell):
                let before = session.bindings
                let generationsBefore = session.bindingGenerations
                let (result, key) = keys.run(cell)
                if let key, result.diagnostics.isEmpty { renderChain?.add(key) } else { renderChain = nil }
                let errors = result.diagnostics.filter { $0.severity == .error }.map(withSource)
                cellNumber += 1
                var outputs: [CellOutput] = result.outputs.map { names.output(for: $0.stamped(lesson: lesson.slug, cell: cellNumber)) }
                if cell.options.expectError {
                    if errors.isEmpty {
                        diagnostics.append(withSource(Diagnostic(
                            at: SourceLocation(file: lesson.path, line: cell.firstLine - 1, column: 1),
                            id: "expected-error-missing",
                            "this cell is marked `expect-error` but ran without an error",
                            fix: "remove `expect-error`, or make the cell fail as the lesson intends")))
                    } else {
                        // The page names the file alone, so it reads the same however `--lessons` was spelled.
                        let shown = errors.map { d -> Diagnostic in
                            var d = d
                            d.location.file = (d.location.file as NSString).lastPathComponent
                            return d
                        }
                        outputs.append(.error(DiagnosticFormatter.format(shown).trimmingCharacters(in: .newlines)))
                    }
                } else if !errors.isEmpty {
                    throw LessonError(diagnostics + errors)
                }
                if cell.options.hideOutput { outputs = [] }
                // What the cell bound: new names, and rebound names whose value changed. Only the
                // names whose binding count moved are compared, so this is linear in the bindings.
                let generations = session.bindingGenerations
                let bound = session.bindings.enumerated().filter { i, binding in
                    i >= generationsBefore.count || (generations[i] != generationsBefore[i] && before[i].value != binding.value)
                }.map(\.element)
                let renderKey = renderChain?.hex
                if let renderKey {
                    record?.cells.append(.init(renderKey: renderKey, bound: bound.map(\.name),
                                               figures: outputs.compactMap { if case .figure(let f) = $0 { f.file } else { nil } }))
                } else {
                    record = nil
                }
                blocks.append(.cell(RunCell(source: cell.displaySource, firstLine: cell.firstLine, options: cell.options,
                                            outputs: outputs, bound: bound, renderKey: renderKey)))
            }
        }
        if !diagnostics.isEmpty { throw LessonError(diagnostics) }
        var document = NotebookDocument(slug: lesson.slug, path: lesson.path, frontMatter: lesson.frontMatter,
                                        blocks: blocks, bindings: session.bindings)
        if var record, let kernel = keys.kernel, let cache {
            record.bindings = session.bindings.map(\.name)
            document.pageRecord = (PageRecord.skeleton(lesson, version: cache.version, salt: kernel.cacheSalt), record)
        }
        return document
    }

    /// The page of `lesson` put together from its last rendering (`memo`) without running,
    /// replaying or decoding a cell, when its cells are all as they were then (`PageRecord`) and
    /// every inline value was shown then; else nil. The cells carry their render keys, the names
    /// they bound (with placeholder values) and their figures' files, but no outputs: render the
    /// document with `memo.strict` on, and throw the rendering away if the memo missed a piece.
    public static func replay(_ lesson: Lesson, version: String, salt: String, memo: LessonRenderMemo) -> NotebookDocument? {
        guard let text = memo.recall(PageRecord.skeleton(lesson, version: version, salt: salt)),
              let record = PageRecord(text: text) else { return nil }
        let placeholder = Value.number(0)
        var blocks: [DocumentBlock] = []
        var cellNumber = 0
        for block in lesson.blocks {
            switch block {
            case .prose(let prose):
                guard let pieces = renderedPieces(prose, file: lesson.path, value: { expression, location, bound in
                    let key = PageRecord.valueKey(cellsBefore: cellNumber, expression: expression, bound: bound)
                    return record.values[key].map { entry in
                        var origin = entry.origin
                        origin?.line = location.line  // as shown here (the record's may be from lines ago)
                        return .value(entry.text, origin: origin)
                    }
                }) else { return nil }
                blocks.append(.prose(pieces))
            case .cell(let cell):
                guard cellNumber < record.cells.count else { return nil }
                let entry = record.cells[cellNumber]
                cellNumber += 1
                // Figures by file name only: their SVG, like the cell's HTML and Markdown, comes from the memo.
                let outputs = entry.figures.map { CellOutput.figure(Figure(kind: .heatmap, file: $0, title: "")) }
                blocks.append(.cell(RunCell(source: cell.displaySource, firstLine: cell.firstLine, options: cell.options,
                                            outputs: outputs, bound: entry.bound.map { ($0, placeholder) }, renderKey: entry.renderKey)))
            }
        }
        guard cellNumber == record.cells.count else { return nil }
        return NotebookDocument(slug: lesson.slug, path: lesson.path, frontMatter: lesson.frontMatter,
                                blocks: blocks, bindings: record.bindings.map { ($0, placeholder) })
    }

    /// A prose block's pieces as the page shows them, each inline value made by `value` from its
    /// expression, location and the bound the words before it state ("within {= x }": rounded
    /// outward so the printed bound holds). Nil as soon as `value` gives nil.
    private static func renderedPieces(_ prose: Prose, file: String,
                                       value: (String, SourceLocation, ValueFormatter.Bound?) -> RenderedPiece?) -> [RenderedPiece]? {
        var pieces: [RenderedPiece] = []
        for piece in prose.pieces(file: file) {
            switch piece {
            case .markdown(let m): pieces.append(.markdown(m))
            case .math(let m, let display): pieces.append(.math(m, display: display))
            case .value(let expression, let location):
                var before = ""
                if case .markdown(let m)? = pieces.last { before = m }
                guard let made = value(expression, location, ValueFormatter.bound(after: before)) else { return nil }
                pieces.append(made)
            }
        }
        return pieces
    }
}

/// Runs cells through the cache: computes each cell's key, replays a hit, records a miss.
struct CellKeys {
    let lesson: Lesson
    let plain: CellKernel
    let kernel: CachingKernel?
    let cache: LessonCellCache?
    /// Content hashes of bound values, by name and binding count, so each is hashed once.
    private var valueHashes: [String: (generation: Int, hash: String)] = [:]
    private var indexOfName: [String: Int] = [:]

    init(lesson: Lesson, plain: CellKernel, cache: LessonCellCache?) {
        self.lesson = lesson
        self.plain = plain
        self.kernel = plain as? CachingKernel
        self.cache = cache
    }

    /// The cell's result, and its cache key (nil when it has none: no cache, or values too large to key).
    mutating func run(_ cell: Cell) -> (CellResult, key: String?) {
        guard let kernel, let cache, cache.isEnabled, let key = key(cell, kernel) else {
            return (plain.run(cell.source, firstLine: cell.firstLine), nil)
        }
        if let entry = cache.lookup(key) {
            // The same cell, perhaps moved by lines added or removed above it: its locations move with it.
            let shift = cell.firstLine - entry.firstLine
            let move = { (l: SourceLocation) in SourceLocation(file: l.file, line: l.line + shift, column: l.column) }
            kernel.replay(shift == 0 ? entry.effects : entry.effects.mappingLocations(move))
            adopt(entry.valueHashes, kernel)
            let outputs = shift == 0 ? entry.outputs : entry.outputs.map { $0.mappingLocations(move) }
            return (CellResult(outputs: outputs, diagnostics: []), key)
        }
        let (result, effects) = kernel.runRecording(cell.source, firstLine: cell.firstLine)
        // A cell that binds very large values is cheaper to run again than to encode and decode.
        guard result.diagnostics.isEmpty else { return (result, key) }
        // Results that point outside the cell (at another cell, which may move on its own) are not
        // those of the cell's source and inputs alone: not stored, and no key (so no rendering
        // of this cell or the ones after it is taken from the render memo either).
        guard Self.locationsAreInside(cell, outputs: result.outputs, effects: effects, file: lesson.path) else { return (result, nil) }
        if effects.entries <= LessonCellCache.maximumEntries {
            var hashes: [String: String] = [:]
            for name in Set(effects.bindings.map(\.name)) {
                if let hash = valueHash(name, kernel) { hashes[name] = hash }
            }
            cache.store(key, .init(outputs: result.outputs, effects: effects, valueHashes: hashes, firstLine: cell.firstLine))
        }
        return (result, key)
    }

    /// Whether every location in a cell's results is in the cell itself, so that the results of
    /// the cell moved by n lines are these with every location moved by n lines. A location
    /// elsewhere (another cell's, or another file's) would not move with this cell. (The script
    /// session records none today: a named call's locations are its `let` line's, `let v = w`
    /// does not carry w's call over, worked arithmetic and values carry no locations, and the
    /// diagnostics that quote another cell's line are errors, which are never stored.)
    static func locationsAreInside(_ cell: Cell, outputs: [Output], effects: CellEffects, file: String) -> Bool {
        let lastLine = cell.firstLine + cell.source.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        var inside = true
        let check = { (l: SourceLocation) -> SourceLocation in
            if l.file != file || l.line < cell.firstLine || l.line > lastLine { inside = false }
            return l
        }
        _ = effects.mappingLocations(check)
        for output in outputs { _ = output.mappingLocations(check) }
        return inside
    }

    /// Takes the stored hashes of the values a replayed cell bound (they are its values' hashes:
    /// the entry's key fixed what it binds).
    private mutating func adopt(_ hashes: [String: String]?, _ kernel: CachingKernel) {
        guard let hashes, !hashes.isEmpty else { return }
        let generations = kernel.bindingGenerations
        for (name, hash) in hashes {
            if let i = index(of: name, kernel) { valueHashes[name] = (generations[i], hash) }
        }
    }

    private mutating func key(_ cell: Cell, _ kernel: CachingKernel) -> String? {
        let find = { kernel.referencedNames(in: cell.source, firstLine: cell.firstLine) }
        guard let names = cache?.referencedNames.map({ $0.names(cell.source, find: find) }) ?? find() else { return nil }
        var hasher = ContentHasher()
        hasher.add(cache?.version ?? "")
        hasher.add(kernel.cacheSalt)
        hasher.add(lesson.path)
        // Not the cell's line: a cell moved by a prose edit above it is the same cell (its entry's
        // locations are moved on replay).
        hasher.add("\(cell.options.hideCode) \(cell.options.hideOutput) \(cell.options.expectError)")
        hasher.add(cell.source)
        for name in names {
            hasher.add(name)
            guard index(of: name, kernel) != nil else { hasher.add("unbound"); continue }
            // Hashing a very large value costs more than running the cell: such cells just run.
            guard let hash = valueHash(name, kernel) else { return nil }
            hasher.add(hash)
        }
        return hasher.hex
    }

    /// Where `name` is in the session's bindings (which only grow: new names are indexed as they appear).
    private mutating func index(of name: String, _ kernel: CachingKernel) -> Int? {
        let bindings = kernel.bindings
        for i in indexOfName.count..<bindings.count { indexOfName[bindings[i].name] = i }
        return indexOfName[name]
    }

    /// The content hash of the value bound to `name` and of the call behind it, without the
    /// call's locations (a cell reading it does not depend on where the call is written: only an
    /// `explain` error quotes that line, and cells that report errors are not stored), nil when
    /// the value is too large to be worth hashing, or cannot be encoded. Computed once per binding.
    private mutating func valueHash(_ name: String, _ kernel: CachingKernel) -> String? {
        guard let i = index(of: name, kernel) else { return nil }
        let bindings = kernel.bindings
        let generations = kernel.bindingGenerations
        if let memo = valueHashes[name], memo.generation == generations[i] { return memo.hash }
        if bindings[i].value.entryCount > LessonCellCache.maximumEntries { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[.packedNumbers] = true  // the same bits, hashed without printing every number
        guard let data = try? encoder.encode(bindings[i].value) else { return nil }
        var h = ContentHasher()
        h.add(data)
        if let call = kernel.namedCall(name), let callData = try? encoder.encode(call.valueIdentity) { h.add(callData) } else { h.add("no call") }
        valueHashes[name] = (generations[i], h.hex)
        return h.hex
    }
}

extension Output {
    /// The output with its provenance completed by the lesson and the cell (1-based) it is in.
    func stamped(lesson: String, cell: Int) -> Output {
        mappingProvenance {
            $0.lesson = lesson
            $0.cell = cell
        }
    }
}

/// Gives each figure a file name unique within its lesson: `step-alpha.svg`, `step-alpha-2.svg`.
struct FigureNames {
    private var used: Set<String> = []

    mutating func output(for output: Output) -> CellOutput {
        switch output {
        case .table(let t): return .table(t)
        case .text(let s): return .text(s)
        case .value(let label, let v, let precision): return .text(OutputText.inline(label, v, precision: precision))
        case .explanation(let w, let precision): return .explanation(w, precision: precision)
        case .heatmap(var h):
            h.precision = h.digits   // the figure renderers print `precision` digits
            return .figure(Figure(kind: .heatmap, file: file(Self.stem(h.name)), title: h.title, heatmap: h))
        case .attentionLines(var h):
            h.precision = h.digits
            return .figure(Figure(kind: .attentionLines, file: file(Self.stem(h.name) + "-lines"), title: h.title, heatmap: h))
        case .bars(let b):
            return .figure(Figure(kind: .bars, file: file(Self.stem(b.name) + "-bars"), title: b.title, bars: b))
        case .lineChart(let c):
            return .figure(Figure(kind: .lineChart, file: file(Self.stem(c.name) + "-plot"), title: c.title, lineChart: c))
        }
    }

    /// A file-name stem from what a figure is named after: `step.alpha` → `step-alpha`, at most 40
    /// characters (before the kind's suffix and the counter), `figure` when nothing is left.
    static func stem(_ expression: String) -> String {
        let out = String(Slug.words(expression).prefix(40))
        return out.isEmpty ? "figure" : out
    }

    private mutating func file(_ name: String) -> String {
        var stem = Slug.words(name, asciiOnly: true, lowercase: true)
        if stem.isEmpty { stem = "figure" }
        var candidate = stem
        var k = 2
        while used.contains(candidate) { candidate = "\(stem)-\(k)"; k += 1 }
        used.insert(candidate)
        return candidate + ".svg"
    }
}
