import LessonScript
import Notebook

/// The script language reference (`reference.html`, `reference.md`), generated from the builtins
/// registry so it cannot drift from what the interpreter accepts (DESIGN.md §3).
struct ReferenceRenderer {
    let templates: SiteTemplates

    static let slug = "reference"

    func render(_ registry: BuiltinRegistry = .standard, lessons: [Lesson] = []) -> [SiteFile] {
        var md = """
            Lessons are Markdown files with `attn` code cells. Cells run top to bottom in one
            environment, like a notebook; what they show appears under their code.

            ## Writing lessons

            - **Front matter** (YAML between `---` lines): `title` (required), `summary`, `order`
              (else the file name's number prefix), `precision` (digits after the point, default 4).
            - **Cells**: a fence with the info string `attn`. Options follow it, separated by spaces:
              `hide-code` (show only the outputs), `hide-output` (show only the code),
              `expect-error` (the cell must fail; its error is shown as its output, and the build
              fails if it does not fail). Example: ```` ```attn hide-code ````. The same words may
              instead go on a first-line comment, `//| hide-code expect-error`, which is not shown.
            - **Statements**: `let name = expression`, `show x` (tables), `heatmap x`, `lines x`
              (attention lines), `bars x` (bar chart), `plot x` (line chart; `x:` and `y:` name the
              axes), `explain x` (the arithmetic with the numbers substituted). Figures take an
              optional `title:`. Comments start with `//`.
            - **Inline values** in prose: `{= expression }`, evaluated after the cells above it and
              formatted with the lesson's precision.
            - **Math**: `$…$` inline and `$$…$$` displayed; kept away from Markdown's emphasis rules,
              rendered with KaTeX on the site and left as written in the `.md` pages.

            """
        for group in registry.groups {
            md += "\n## \(group.name)\n"
            for builtin in group.builtins {
                md += "\n### `\(builtin.signature)`\n\n\(builtin.summary)\n"
                if !builtin.doc.isEmpty { md += "\n\(builtin.doc)\n" }
            }
        }
        md += "\n## Score functions\n\nWritten with a leading dot and passed as `score:` to `attend`, `scores` and `attendAll`:\n\n"
        md += ScoreFunctionCatalog.signatures.map { "- `\($0)`" }.joined(separator: "\n") + "\n"

        let document = NotebookDocument(
            slug: Self.slug, path: "reference", frontMatter: FrontMatter(
                title: "Script language reference",
                summary: "Every statement and builtin of the lesson script language, generated from its registry."),
            blocks: [.prose([.markdown(md)])], bindings: [])
        return LessonPageRenderer(templates: templates).render(document, navigation: Navigation(lessons: lessons))
            .filter { !$0.path.hasSuffix(".json") }
    }
}
