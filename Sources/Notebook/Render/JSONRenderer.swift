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
        var out = "{\n"
        out += "  \"lesson\": \(JSONWriter.string(document.slug)),\n"
        out += "  \"title\": \(JSONWriter.string(document.frontMatter.title)),\n"
        out += "  \"precision\": \(document.frontMatter.precision),\n"
        out += "  \"bindings\": \(nested(document.bindings, indent: "  ")),\n"
        out += "  \"cells\": ["
        let cells = document.blocks.compactMap { block -> RunCell? in if case .cell(let c) = block { c } else { nil } }
        out += cells.isEmpty ? "]\n" : "\n" + cells.map { cell in
            "    {\n      \"line\": \(cell.firstLine),\n      \"bound\": \(nested(cell.bound, indent: "      "))\n    }"
        }.joined(separator: ",\n") + "\n  ]\n"
        return out + "}\n"
    }

    /// The script's own serialiser (`JSONWriter.bindingsJSON`), re-indented to sit at `indent`.
    private static func nested(_ bindings: [(name: String, value: Value)], indent: String) -> String {
        if bindings.isEmpty { return "{}" }
        var text = JSONWriter.bindingsJSON(bindings)
        if text.hasSuffix("\n") { text.removeLast() }
        return text.replacingOccurrences(of: "\n", with: "\n" + indent)
    }
}
