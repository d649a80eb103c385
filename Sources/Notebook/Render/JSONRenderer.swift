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
    /// - Parameter memo: the last rendering of this lesson in this process: the JSON is the same
    ///   when every cell has the same render key (prose binds nothing) and the title is the same,
    ///   with the cells' lines moved when lines of prose were added or removed.
    public static func render(_ document: NotebookDocument, memo: LessonRenderMemo? = nil) -> String {
        let cells = document.blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
        guard let memo, let last = cells.last?.renderKey, cells.allSatisfy({ $0.renderKey != nil }) else { return make(document) }
        let key = "j" + last + "\u{0}" + document.frontMatter.title + "\u{0}\(document.frontMatter.precision)\u{0}"
            + document.bindings.map(\.name).joined(separator: "\u{0}")
        return memo.text(for: key, lines: cells.map(\.firstLine), move: MovedRendering.json) { make(document) }
    }

    private static func make(_ document: NotebookDocument) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 << 10)
        out += "{\n  \"lesson\": ".utf8
        JSONWriter.string(document.slug, into: &out)
        out += ",\n  \"title\": ".utf8
        JSONWriter.string(document.frontMatter.title, into: &out)
        out += ",\n  \"precision\": \(document.frontMatter.precision),\n  \"bindings\": ".utf8
        JSONWriter.writeBindings(document.bindings, level: 1, into: &out)
        out += ",\n  \"cells\": [".utf8
        var first = true
        for case .cell(let cell) in document.blocks {
            out += "\(first ? "" : ",")\n    {\n      \"line\": \(cell.firstLine),\n      \"bound\": ".utf8
            JSONWriter.writeBindings(cell.bound, level: 3, into: &out)
            out += "\n    }".utf8
            first = false
        }
        out += (first ? "]\n}\n" : "\n  ]\n}\n").utf8
        return String(decoding: out, as: UTF8.self)
    }
}
