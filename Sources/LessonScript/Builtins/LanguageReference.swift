/// The parts of the language reference that are not builtins: statements, expressions and the
/// rules students trip on (broadcasting, indices, limits). Markdown, for the generated reference
/// page; the builtins section comes from `BuiltinRegistry.standard`.
public enum LanguageReference {
    public static let syntax = """
        ## Statements

        One statement per line; a line may continue inside `[…]` or `(…)`. `//` starts a comment.

        | statement | does |
        | --- | --- |
        | `let name = expr` | binds a name (a later `let` may rebind it; cells share names) |
        | `show expr` | a table per vector, matrix or record field; text for the rest |
        | `heatmap expr title: "…"` | a heatmap of a matrix (a vector is one row); `title:` is optional |
        | `lines expr` | attention lines from a target × source weight matrix |
        | `bars expr` | a bar chart of one weight vector |
        | `plot expr x: "epoch" y: "loss"` | a line chart: a vector, a matrix (one line per row) or a trained model's loss per epoch |
        | `explain expr` | the worked arithmetic behind `step.e[i]`, `step.alpha`, `step.a`, a cell step, `softmax(x)` |

        ## Expressions

        - Numbers `0.5`, `-3`, `1e-3`; strings `"我 爱"` (escapes `\\n \\t \\" \\\\ \\u{6211}`); `true`, `false`.
        - Vectors `[1, 2, 3]`, matrices `[[1, 2], [3, 4]]` (one row per inner list; rows must have equal length).
          Booleans in a list become 1 and 0, so `[true, false]` is a mask.
        - Labels: `h rows: src cols: tokens("x y z")` (token lists or a string split at spaces; one label per row/column).
        - Indexing is 0-based: `v[i]` an entry, `m[i]` row i as a vector, `m[i, j]` an entry, `src[i]` a token,
          `record[i]` its i-th field. Negative indices are not supported.
        - Fields: `step.alpha`; `m.T` transposes a matrix.
        - Arithmetic `+ - * /` works entry by entry: a number combines with anything; vectors with vectors of the same
          length; matrices with matrices of the same shape; a vector of length c with every row of an r×c matrix.
          Anything else is an error naming both shapes.
        - `@` is the matrix product: matrix @ matrix, matrix @ vector (`W x`), vector @ matrix (`xᵀ W`), vector @ vector (dot).
        - Calls take positional and labelled arguments: `random(3, 3, seed: 1)`. Only builtins can be called; there are no
          loops or user functions, so every script ends.
        - Score functions start with a dot: `.dot`, `.scaledDot`, `.general(W)`, `.additive(W1: W1, W2: W2, v: v)`
          (optional `b1:`, `b2:`), `.additiveNoTanh(W1:, W2:, v:)`, `.mlp(W:, U:, v:)`, `.cosine`, `.cosine(beta: 5)`,
          `.concat(w)`, `.location(W)`.

        ## Conventions and limits

        - Weights are column-vector style: `W` of shape (out × in) maps `x` to `W @ x`. Sequences have one row per position.
        - Masks mean "may attend": `[true, false]` or `[1, 0]`; masked weights are exactly 0.
        - A value holds at most 1,000,000 numbers and each side is at most 4096; one `@` does at most 10⁸ multiplications.
        - An expression nests at most 64 levels and has at most 160 operators and levels in all.
        - A result that is NaN or ±∞ (`0/0`, `exp(1000)`) is an error at the operation that made it.
        """
}
