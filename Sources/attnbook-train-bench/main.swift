import Foundation
import Training

// Trains the lesson's model (TrainingConfiguration's defaults on ToyCorpus()) cold several times
// and prints the median; then, when torch is importable, runs scripts/train_torch.py on the same
// model, data, initial weights, batches and epochs and prints the time ratio and the loss
// differences. Usage: attnbook-train-bench [--repeats N] [--torch-repeats N] [--no-torch]

var repeats = 5, torchRepeats = 3, withTorch = true
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--repeats": repeats = arguments.popFirst().flatMap(Int.init) ?? repeats
    case "--torch-repeats": torchRepeats = arguments.popFirst().flatMap(Int.init) ?? torchRepeats
    case "--no-torch": withTorch = false
    default:
        FileHandle.standardError.write("usage: attnbook-train-bench [--repeats N] [--torch-repeats N] [--no-torch]\n".data(using: .utf8)!)
        exit(2)
    }
}

/// CPU time this process has used, in seconds: unlike wall time, it does not grow when other
/// builds share the cores.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

do {
    let configuration = TrainingConfiguration()
    var times: [Double] = [], cpuTimes: [Double] = [], run: TrainingRun?
    let clock = ContinuousClock()
    for _ in 0..<max(repeats, 1) {
        var result: TrainingRun?
        // Cold: the corpus is drawn and the model initialised inside the timed region.
        let cpuStart = cpuSeconds()
        let elapsed = try clock.measure { result = try Trainer.train(corpus: ToyCorpus(), configuration: configuration) }
        cpuTimes.append(cpuSeconds() - cpuStart)
        if let run, run != result { throw BenchError("two trainings differ: training is not deterministic") }
        run = result; times.append(seconds(elapsed))
    }
    guard let run else { exit(1) }
    let corpus = try ToyCorpus()
    let median = times.sorted()[times.count / 2], cpuMedian = cpuTimes.sorted()[cpuTimes.count / 2]
    let accuracy = try Trainer.accuracy(run.model, run.final, on: corpus.heldOut)
    let c = configuration
    print("the lesson's model: \(run.final.parameterCount) parameters (m=\(c.embedding), H=\(c.encoderHidden), n=\(c.decoderHidden), "
          + "d_a=\(c.attention)), \(corpus.training.count) training pairs, \(c.epochs) epochs, batches ≤ \(c.batchSize), Adam lr \(c.learningRate)")
    print("Swift    median \(f(median)) s over \(times.count) cold runs (min \(f(times.min()!)) s, max \(f(times.max()!)) s; "
          + "CPU time median \(f(cpuMedian)) s), "
          + "all bit-identical; loss epoch 1 \(f(run.epochLosses[0], 6)), epoch \(c.epochs) \(f(run.epochLosses.last!, 6)); "
          + "held-out exact match \(f(100 * accuracy, 1))%; final weights' fingerprint "
          + "0x\(String(run.final.fingerprint, radix: 16))")
    guard withTorch else { exit(0) }
    let schedule = try TrainingSchedule(corpus: corpus, batchSize: c.batchSize, shuffleSeed: c.shuffleSeed)
    let twin = try TorchTwin.run(TwinSpec(names: Seq2SeqParameters.names, configuration: c, initial: run.initial,
                                          schedule: (1...c.epochs).map { schedule.batches(epoch: $0) }, repeats: max(torchRepeats, 1)))
    guard let version = twin.torch, let torchMedian = twin.medianSeconds, let losses = twin.epochLosses, let final = twin.final else {
        print("PyTorch  not importable (\(twin.reason ?? "unknown reason")): no side-by-side comparison. "
              + "Install the CPU build (pip install torch from the configured find-links) to get one.")
        exit(0)
    }
    var weightDifference = 0.0
    for (name, m) in zip(Seq2SeqParameters.names, run.final.list) {
        for (a, b) in zip(m.storage, final[name] ?? []) { weightDifference = max(weightDifference, abs(a - b)) }
    }
    print("PyTorch  \(version), \(twin.threads ?? 0) thread(s), float64: median \(f(torchMedian)) s over \(max(torchRepeats, 1)) cold runs")
    print("ratio    PyTorch / Swift = \(f(torchMedian / median, 2))× (above 1: Swift trains faster)")
    print("agreement |Δ loss| after epoch 1 = \(String(format: "%.2e", abs(losses[0] - run.epochLosses[0]))), "
          + "after epoch \(c.epochs) = \(String(format: "%.2e", abs(losses.last! - run.epochLosses.last!))); "
          + "largest |Δ weight| after training = \(String(format: "%.2e", weightDifference))")
} catch {
    FileHandle.standardError.write("attnbook-train-bench: error: \(error)\n".data(using: .utf8)!)
    exit(1)
}
