// On a narrow screen the page contents start folded, so the lesson comes first.
document.addEventListener("DOMContentLoaded", function () {
  var contents = document.querySelector(".toc details");
  if (contents && window.matchMedia("(max-width: 60rem)").matches) { contents.open = false; }
});

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
