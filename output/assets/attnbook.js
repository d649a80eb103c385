// Renders the math spans (\( … \) and \[ … \]) with KaTeX when it was copied into the site;
// without it the TeX source stays readable.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof renderMathInElement !== "function") { return; }
  renderMathInElement(document.body, {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false }
    ],
    ignoredClasses: ["code", "output"],
    throwOnError: false
  });
});
