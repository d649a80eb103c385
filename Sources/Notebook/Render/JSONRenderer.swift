import AttentionEngine
import LessonScript

/// Writes every value a lesson computed as JSON (`<slug>.json`), deterministically: keys in the
/// order the lesson bound them, numbers in Swift's shortest round-trip form, two-space indent.
///
/// Shape:
/// ```
/// { "lesson": slug, "title": …, "precision": 4,
///   "bindings": { name: value, … },                 // at the end, first-bound order
///   "cells": [ { "line": 12, "bound": { name: value, … } }, … ] }  // what each cell (re)bound
/// ```
/// Values: numbers; arrays for vectors and token lists; arrays of arrays for matrices; objects
/// for records (their fields in order); `{"score": name, …arguments}` for score functions.
public enum JSONRenderer {
    public static func render(_ document: NotebookDocument) -> String {
        var cells: [JSON] = []
        for block in document.blocks {
            if case .cell(let cell) = block {
                cells.append(.object([("line", .number(Double(cell.firstLine))),
                                      ("bound", .object(cell.bound.map { ($0.name, JSON($0.value)) }))]))
            }
        }
        let root = JSON.object([
            ("lesson", .string(document.slug)),
            ("title", .string(document.frontMatter.title)),
            ("precision", .number(Double(document.frontMatter.precision))),
            ("bindings", .object(document.bindings.map { ($0.name, JSON($0.value)) })),
            ("cells", .array(cells)),
        ])
        return root.text(indent: "") + "\n"
    }
}

/// A JSON value with ordered object keys.
indirect enum JSON {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([(String, JSON)])

    init(_ value: Value) {
        switch value {
        case .number(let x): self = .number(x)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .vector(let v): self = .array(v.values.map(JSON.number))
        case .matrix(let m): self = .array(m.rowVectors.map { .array($0.values.map(JSON.number)) })
        case .tokens(let t): self = .array(t.map(JSON.string))
        case .record(let r): self = .object(r.fields.map { ($0.name, JSON($0.value)) })
        case .scoreFunction(let f):
            self = .object([("score", .string(f.name))] + f.arguments.enumerated().map { k, a in (a.label ?? "\(k)", JSON(a.value)) })
        }
    }

    func text(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x):
            guard x.isFinite else { return "null" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            // Arrays of scalars stay on one line: a matrix reads row by row.
            if items.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                return "[" + items.map { $0.text(indent: inner) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + JSON.quote($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // `<`, `>` and `&` escaped so the JSON can be inlined in a page safely.
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

import Foundation
