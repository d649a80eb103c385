import Foundation
import Testing
@testable import LessonScript

/// Every builtin is called with every label its signature documents, by the lessons, the script
/// fixtures or `Fixtures/scripts/every-label.attn`, and those calls run. With the assertion in
/// `BuiltinCall.argument(_:)` (a builtin reading an undeclared label stops), this checks that the
/// one declaration — the signature — agrees with what each builtin accepts and reads.
@Suite struct EveryBuiltinTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `attn` cells of every lesson, each lesson's cells as one script, and every script fixture.
    static func scripts() throws -> [(name: String, source: String)] {
        var out: [(String, String)] = []
        let lessons = root.appendingPathComponent("lessons")
        for name in try FileManager.default.contentsOfDirectory(atPath: lessons.path).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOf: lessons.appendingPathComponent(name), encoding: .utf8)
            var cells: [String] = [], current: [String]?
            for line in text.components(separatedBy: "\n") {
                if current == nil, line.hasPrefix("```attn") { current = [] } else if current != nil, line.hasPrefix("```") {
                    cells.append(current!.joined(separator: "\n")); current = nil
                } else { current?.append(line) }
            }
            out.append((name, cells.joined(separator: "\n")))
        }
        let fixtures = root.appendingPathComponent("Tests/LessonScriptTests/Fixtures/scripts")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() where name.hasSuffix(".attn") {
            out.append((name, try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)))
        }
        return out
    }

    func calls(in source: String) -> [(callee: String, labels: [String])] {
        let (tokens, _) = Scanner.scan(source, file: "x")
        var parser = Parser(tokens: tokens)
        var found: [(String, [String])] = []
        func walk(_ e: Expr) {
            switch e {
            case .number, .string, .bool, .name: break
            case .list(let items, _): items.forEach(walk)
            case .negate(let x, _), .field(let x, _, _): walk(x)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            case .call(let callee, _, let arguments, _):
                found.append((callee, arguments.compactMap(\.label)))
                arguments.forEach { walk($0.value) }
            case .index(let x, let i, _): walk(x); i.forEach(walk)
            case .scoreFunction(_, let arguments, _): (arguments ?? []).forEach { walk($0.value) }
            case .labelled(let x, let r, let c, _): walk(x); r.map(walk); c.map(walk)
            }
        }
        for statement in parser.parseScript() {
            switch statement {
            case .let(_, _, let e), .show(let e), .explain(let e): walk(e)
            case .heatmap(let e, let t), .lines(let e, let t), .bars(let e, let t): walk(e); t.map(walk)
            case .plot(let e, let t, let x, let y): walk(e); for part in [t, x, y] { part.map(walk) }
            }
        }
        return found
    }

    @Test func everyDocumentedLabelOfEveryBuiltinIsCalledAndRuns() throws {
        var used: [String: Set<String>] = [:]
        for (name, source) in try Self.scripts() {
            // Lessons hold cells that fail on purpose (`expect-error`); only fixture scripts must run clean.
            if name.hasSuffix(".attn") {
                let result = Session(file: name).run(source)
                #expect(result.diagnostics.isEmpty, "\(name): \(result.diagnostics.map(\.message))")
            }
            for (callee, labels) in calls(in: source) { used[callee, default: []].formUnion(labels) }
        }
        for builtin in BuiltinRegistry.standard.builtins {
            #expect(used[builtin.name] != nil, "`\(builtin.name)` is never called")
            let missing = Set(builtin.labels).subtracting(used[builtin.name] ?? [])
            #expect(missing.isEmpty, "`\(builtin.name)`: documented labels never called: \(missing.sorted())")
        }
    }

    @Test func signaturesDeclareLabelsAndPositions() {
        let r = BuiltinRegistry.standard
        #expect(r["random"]?.labels == ["seed"] && r["random"]?.positional == 1...2)
        #expect(r["stack"]?.positional == 1...64)
        #expect(Set(r["localAttention"]?.labels ?? []) == ["keys", "D", "t", "Wp", "vp", "score", "values", "gaussian"])
        #expect(Set(r["hardSample"]?.labels ?? []) == ["seed", "u", "values"])
        #expect(Builtin.parse("f(a, b:) · f(c:)") == [[.unlabelled("a"), .labelled("b")], [.labelled("c")]])
    }
}
