// libFuzzer target: one lesson script, scanned, parsed and run in a fresh session.
// Built only with ATTNBOOK_FUZZ=1 and `-sanitize=fuzzer` (see `scripts/fuzz`).
import LessonScript

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = Session(file: "fuzz.attn")
    let result = session.run(source)
    // Every diagnostic must print (the caret line indexes into the source).
    _ = DiagnosticFormatter.format(result.diagnostics)
    for output in result.outputs { _ = OutputText.render(output) }
    _ = JSONWriter.bindingsJSON(session.bindings)
    return 0
}

// SwiftPM links an executable's entry point as `<Module>_main`; hand control to libFuzzer's driver there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzScript_main")
public func fuzzscriptMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    // A lesson-sized training takes most of the 10 s per input under AddressSanitizer; tiny
    // models (a few epochs, a few units) still train, so `train` and its errors are fuzzed too.
    Limits.maximumTrainingWork = 1_000_000
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzScript(data, size) }
}
