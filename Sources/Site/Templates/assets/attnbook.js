// On a narrow screen the page contents start folded, so the lesson comes first.
document.addEventListener("DOMContentLoaded", function () {
  var contents = document.querySelector(".toc details");
  if (contents && window.matchMedia("(max-width: 60rem)").matches) { contents.open = false; }
});
