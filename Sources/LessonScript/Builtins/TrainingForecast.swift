import Foundation

/// The trainings the lessons of a build will ask for, found by reading their cells without
/// running them, so idle threads can run them before the lessons get there.
///
/// A cold build is as long as its longest chain of work, and lesson 9's chain holds two trainings
/// one after the other (the default model, then the same model from seed 2), each ~0.45 s. Run
/// ahead, both trainings start at once on the build's threads while the lessons wait in the queue;
/// when a lesson reaches `train(…)`, `TrainingMemo` hands it the run (or lets it wait for the one
/// in progress). The results are the same bits whichever thread trains (training is
/// deterministic), so the pages are too.
///
/// What counts as a training's recipe: a `let` whose value is built only from literals, names
/// bound by earlier such `let`s of the lesson, and calls of `toyCorpus`, `seq2seq` and `train`.
/// A job is the `let` that calls `train` and the `let`s it needs, in lesson order. Anything the
/// reading cannot follow (a cell that does not parse, a name rebound by another statement) is
/// left for the lesson to run; a job that fails is dropped (the lesson reports the error when it
/// runs the cell).
public final class TrainingForecast: @unchecked Sendable {
    /// One lesson's cells: where they start and their code.
    public struct LessonCells: Sendable {
        public var file: String
        public var precision: Int
        public var budget: Budget
        public var cells: [(source: String, firstLine: Int)]

        public init(file: String, precision: Int, budget: Budget, cells: [(source: String, firstLine: Int)]) {
            self.file = file
            self.precision = precision
            self.budget = budget
            self.cells = cells
        }
    }

    /// The statements leading to one training, each with its cell's code (for diagnostics).
    private struct Job {
        var lesson: LessonCells
        var statements: [(statement: Stmt, source: String)]
    }

    private static let builtins: Set<String> = ["toyCorpus", "seq2seq", "train"]

    private let jobs: [Job]
    private let lock = NSLock()
    private var next = 0

    /// Reads the cells of `lessons` (in order) for trainings.
    public init(_ lessons: [LessonCells]) {
        jobs = lessons.flatMap(Self.jobs)
    }

    /// How many trainings were found (lessons that share one each count).
    public var count: Int { jobs.count }

    /// Runs jobs not yet taken by another thread until none is left. A training that another
    /// thread has in hand (or has finished) is skipped at once, so threads never wait here.
    public func runAll() {
        while let job = take() {
            TrainingMemo.$forecasting.withValue(true) {
                let interpreter = Interpreter(registry: .standard, precision: job.lesson.precision, budget: job.lesson.budget)
                for (statement, source) in job.statements {
                    interpreter.source = Array(source)
                    do { try interpreter.execute(statement) } catch { break }
                }
            }
        }
    }

    private func take() -> Job? {
        lock.lock()
        defer { lock.unlock() }
        guard next < jobs.count else { return nil }
        next += 1
        return jobs[next - 1]
    }

    /// The jobs of one lesson, in the order of their `train` statements.
    private static func jobs(_ lesson: LessonCells) -> [Job] {
        // Statements kept so far, and for each the indices of the kept statements it reads.
        var kept: [(statement: Stmt, source: String, reads: [Int], trains: Bool)] = []
        var bound: [String: Int] = [:]
        for cell in lesson.cells {
            let (tokens, scanDiagnostics) = Scanner.scan(cell.source, file: lesson.file, firstLine: cell.firstLine)
            var parser = Parser(tokens: tokens)
            let statements = parser.parseScript()
            guard scanDiagnostics.isEmpty, parser.diagnostics.isEmpty else { continue }   // runs nothing, binds nothing
            for statement in statements {
                guard case .let(let name, _, let value) = statement else { continue }
                var reads: [Int] = [], trains = false
                if recipe(value, bound, &reads, &trains) {
                    kept.append((statement, cell.source, reads, trains))
                    bound[name] = kept.count - 1
                } else {
                    bound[name] = nil   // bound by something the forecast cannot follow
                }
            }
        }
        return kept.indices.filter { kept[$0].trains }.map { k in
            var needed: Set<Int> = [k], stack = [k]
            while let i = stack.popLast() {
                for j in kept[i].reads where needed.insert(j).inserted { stack.append(j) }
            }
            return Job(lesson: lesson, statements: needed.sorted().map { (kept[$0].statement, kept[$0].source) })
        }
    }

    /// Whether `e` is made of literals, names in `bound` and calls of the training builtins;
    /// collects the kept statements it reads and whether it calls `train`.
    private static func recipe(_ e: Expr, _ bound: [String: Int], _ reads: inout [Int], _ trains: inout Bool) -> Bool {
        switch e {
        case .number, .string, .bool: return true
        case .negate(let inner, _): return recipe(inner, bound, &reads, &trains)
        case .list(let items, _): return items.allSatisfy { recipe($0, bound, &reads, &trains) }
        case .name(let name, _):
            guard let k = bound[name] else { return false }
            reads.append(k)
            return true
        case .call(let callee, _, let arguments, _):
            guard builtins.contains(callee) else { return false }
            if callee == "train" { trains = true }
            return arguments.allSatisfy { recipe($0.value, bound, &reads, &trains) }
        default: return false
        }
    }
}
