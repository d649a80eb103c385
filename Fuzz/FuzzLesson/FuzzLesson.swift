// libFuzzer target: one whole lesson file, parsed (front matter, cells, prose), run, and rendered
// to HTML, Markdown, JSON and SVG in memory, as `attnbook build` does for each lesson.
// Built only with ATTNBOOK_FUZZ=1 and `-sanitize=fuzzer` (see `scripts/fuzz`).
import LessonScript
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lesson: Lesson
    do { lesson = try LessonParser.parse(source, path: "lessons/01-fuzz.md") } catch {
        _ = DiagnosticFormatter.format(error.diagnostics)
        return 0
    }
    do {
        let document = try NotebookRunner.run(lesson)
        _ = HTMLRenderer.render(document)
        _ = MarkdownRenderer.render(document)
        _ = JSONRenderer.render(document)
        for case .cell(let cell) in document.blocks {
            for case .figure(let figure) in cell.outputs { _ = FigureRenderer.svg(figure, id: "fuzz") }
        }
    } catch {
        _ = DiagnosticFormatter.format(error.diagnostics)
    }
    return 0
}

// SwiftPM links an executable's entry point as `<Module>_main`; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzLesson_main")
public func fuzzlessonMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    // A lesson-sized training takes most of the 10 s per input under AddressSanitizer; tiny
    // models (a few epochs, a few units) still train, so `train` and its errors are fuzzed too.
    Limits.maximumTrainingWork = 1_000_000
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzLesson(data, size) }
}
