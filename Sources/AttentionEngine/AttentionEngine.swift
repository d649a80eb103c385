// AttentionEngine — the numbers behind every lesson. Pure Swift, Double, deterministic, no I/O.
//
// Read in teaching order:
//   Core/        Matrix, Vector, Shape, EngineError; FastTanh (the vectorised tanh of additive scores)
//   Random/      SeededRandom (SplitMix64), Matrix.random / Vector.random
//   Arithmetic/  ArithmeticText, Notation, WorkedArithmetic — what `explain` returns: symbols and numbers
//                (formatted by the renderers' ArithmeticFormatter, in LessonScript)
//   Attention/   Softmax (stable, masks, temperature) → ScoreFunction (+Explain) → AttentionStep →
//                Attention.attend / attendAll
//   Cells/       CellStep, GateWeights → TanhRNNCell, GRUCell (Bahdanau or torch), LSTMCell → RecurrentCell
//   Decoders/    DecoderInput ([y_t; a_t]), AttentionalCombination (tanh(W_c[a; s])), Decoder:
//                noAttention / fixedContext (lesson 8's placements), bahdanau, luong
//
// Conventions (CURRICULUM §B), stated once here and again where they bite:
// - Column vectors: a weight W of shape (out × in) maps x to W x; sequences are matrices with one
//   row per position (h is S × d_h, row labels are the source tokens).
// - Indices are 0-based everywhere, explanations included (h₂ is row 2).
// - `e` is a score (before softmax), `α` a weight (after). Softmax is the stable form.
// - A mask means "may attend"; masked weights are exactly 0; a row with nothing to attend to throws.
// - Additive scores are bias-free unless biases are given; scaledDot divides by √(key size).
// - Concatenations keep named blocks ([y_t; a_t], [a_t; s_t], [c; s_t]) so tables can label them.
// - Bad input throws `EngineError` naming the parameter and the shapes; nothing user-reachable traps.
// - Compute paths never build strings; every `explain…` works from a recorded trace on demand.
