// Typesets a batch of TeX formulas to MathML with KaTeX, for attnbook's build.
// Usage: node render-math.js KATEX_JS < formulas.json > results.json
// Input: a JSON array of {"tex": "...", "display": true|false}.
// Output: a JSON array, in the same order, of {"mathml": "<math ...>...</math>"} or
// {"error": "KaTeX parse error: ..."}. One process for the whole build, not one per formula.
"use strict";
const fs = require("fs");
const katex = require(process.argv[2]);
const formulas = JSON.parse(fs.readFileSync(0, "utf8"));
const results = formulas.map(function (f) {
  try {
    const html = katex.renderToString(f.tex, { output: "mathml", displayMode: f.display, throwOnError: true });
    // KaTeX wraps the <math> element in <span class="katex">; the page has its own span.
    const start = html.indexOf("<math"), end = html.lastIndexOf("</math>");
    return { mathml: html.slice(start, end + "</math>".length) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify({ version: katex.version, results: results }));
