// attnbook's page script. Everything here is an enhancement: without it the pages read fully
// (math is MathML, figures are inline SVG); only the search box needs it, and stays hidden without it.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // On a narrow screen the sidebar starts folded, so the lesson comes first.
    if (window.matchMedia("(max-width: 60rem)").matches) {
      document.querySelectorAll(".sidebar details").forEach(function (d) { d.open = false; });
    }
    setUpSearch();
    // The figures' controls and links are set up just after the page is shown rather than
    // before: on a lesson with many figures that took 20 ms, which a reload in `serve` waited for.
    // So are the sideways scrollers: asking a box for its widths lays out the whole page, which
    // here, before DOMContentLoaded ended, made the page wait for its layout twice over.
    // A timeout set in an animation-frame callback runs once that frame is drawn (a plain
    // timeout often ran first and held the first paint back); a hidden page draws no frames.
    var enhance = function () {
      focusableScrollers();
      window.addEventListener("resize", focusableScrollers);
      setUpLinks();
      document.querySelectorAll("figure.heatmap[data-head-names]").forEach(setUpHeads);
      document.querySelectorAll("figure.attentionLines").forEach(setUpStepper);
      document.documentElement.dataset.enhanced = "true";
    };
    if (document.hidden) { setTimeout(enhance, 0); } else { requestAnimationFrame(function () { setTimeout(enhance, 0); }); }
  });

  // ---- Step-through of an attention-lines figure --------------------------------------------
  // The figure draws every target step's lines at once (the static picture). The controls show
  // one step at a time, as the decoder sees it: its lines to the source words (width ∝ α) and its
  // weights in words. Keys: the slider takes ←/→/Home/End; "All steps" restores the picture.
  var steppers = 0;
  function setUpStepper(figure) {
    var svg = figure.querySelector("svg");
    var groups = svg ? Array.prototype.slice.call(svg.querySelectorAll("g.step")) : [];
    if (groups.length < 2) { return; }
    var targets = Array.prototype.slice.call(svg.querySelectorAll("text.target"));
    var n = groups.length, id = "step-through-" + (++steppers);
    var bar = document.createElement("div");
    bar.className = "stepper";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Step through the target words");
    bar.innerHTML = '<button type="button" class="all" aria-pressed="true">All steps</button>'
      + '<button type="button" class="prev" aria-label="Previous step">◀</button>'
      + '<label class="visually-hidden" for="' + id + '">Target step</label>'
      + '<input type="range" id="' + id + '" min="0" max="' + (n - 1) + '" step="1" value="0">'
      + '<button type="button" class="next" aria-label="Next step">▶</button>'
      + '<output for="' + id + '" aria-live="polite"></output>';
    var workings = figure.querySelector("details.step-workings");
    figure.insertBefore(bar, workings || figure.querySelector("figcaption"));
    var slider = bar.querySelector("input"), out = bar.querySelector("output"), all = bar.querySelector(".all");
    // Beside the lines, the step's weights as bars and, for a decoder run, its worked softmax
    // (the build wrote every step's under the figure, folded).
    var sources = Array.prototype.slice.call(svg.querySelectorAll("text.source"));
    var detail = document.createElement("div");
    detail.className = "step-detail";
    detail.hidden = true;
    figure.insertBefore(detail, bar.nextSibling);

    function weights(t) {
      return Array.prototype.slice.call(groups[t].querySelectorAll("title")).map(function (title) {
        var m = /\[(.*) → .*\] = (.*)$/.exec(title.textContent);
        return m ? m[1] + " " + m[2] : title.textContent;
      });
    }
    // Step t's weight on each source word: a line's title ends with its value; no line is a 0.
    function stepWeights(t) {
      return sources.map(function (x, i) {
        var line = groups[t].querySelector('line[data-i="' + i + '"]'), title = line && line.querySelector("title");
        var m = title ? / = (\S+)$/.exec(title.textContent) : null;
        return { word: x.textContent, text: m ? m[1] : "0", value: m ? Number(m[1].replace("\u2212", "-")) : 0 };
      });
    }
    function renderDetail(t) {
      var label = targets[t] ? targets[t].textContent : String(t);
      var ws = stepWeights(t), top = Math.max.apply(null, ws.map(function (w) { return Math.abs(w.value); }).concat([1]));
      var html = '<p class="step-heading">Step ' + t + " writes <strong>" + escapeHTML(label) + "</strong>: its weights on the source words</p>"
        + '<ul class="step-bars">' + ws.map(function (w) {
          return '<li><span class="word">' + escapeHTML(w.word) + '</span><span class="track"><span class="bar" style="width:'
            + (100 * Math.abs(w.value) / top).toFixed(1) + '%"></span></span><span class="num">' + escapeHTML(w.text) + "</span></li>";
        }).join("") + "</ul>";
      var working = workings && workings.querySelector('.step-working[data-step="' + t + '"]');
      if (working) { html += '<div class="step-working">' + working.innerHTML + "</div>"; }
      detail.innerHTML = html;
      detail.hidden = false;
      if (workings) { workings.hidden = true; }
    }
    function show(t) {
      if (t === null) {
        groups.forEach(function (g) { g.removeAttribute("opacity"); });
        targets.forEach(function (x) { x.removeAttribute("font-weight"); x.removeAttribute("opacity"); });
        all.setAttribute("aria-pressed", "true");
        out.textContent = "All " + n + " steps";
        detail.hidden = true;
        if (workings) { workings.hidden = false; }
        markStep(figure, null);
        return;
      }
      t = Math.max(0, Math.min(n - 1, t));
      slider.value = String(t);
      groups.forEach(function (g, k) { if (k === t) { g.removeAttribute("opacity"); } else { g.setAttribute("opacity", "0.06"); } });
      targets.forEach(function (x, k) {
        if (k === t) { x.setAttribute("font-weight", "bold"); x.removeAttribute("opacity"); } else { x.removeAttribute("font-weight"); x.setAttribute("opacity", "0.65"); }
      });
      all.setAttribute("aria-pressed", "false");
      var label = targets[t] ? targets[t].textContent : String(t);
      out.textContent = "Step " + t + " (" + label + "): " + weights(t).join(", ");
      renderDetail(t);
      markStep(figure, t);
    }
    all.addEventListener("click", function () { show(null); });
    bar.querySelector(".prev").addEventListener("click", function () { show(all.getAttribute("aria-pressed") === "true" ? n - 1 : Number(slider.value) - 1); });
    bar.querySelector(".next").addEventListener("click", function () { show(all.getAttribute("aria-pressed") === "true" ? 0 : Number(slider.value) + 1); });
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(null);
  }

  // ---- Linked values ------------------------------------------------------------------------
  // A table, a heatmap, an attention-lines figure and an inline value that show the same thing
  // (the same expression, from the same binding of its name: the build writes data-expression,
  // data-of for an inline value's path, and data-gen when a name was bound again) highlight each
  // other's entry under the pointer or the keyboard focus, with the symbol in the prose of that
  // section (α for weights, e for scores, a for contexts). A tooltip gives the value and where it
  // came from: lesson, cell, line, expression, binding, field. Each heatmap and linked table is
  // one tab stop; the arrow keys move within it (a roving tabindex).

  function norm(s) { return String(s || "").replace(/\s+/g, ""); }
  function slice(list) { return Array.prototype.slice.call(list); }

  // The path a table or figure shows: its expression, or for a record shown whole (one table per
  // field), the expression and that field. A head selector may have switched a heatmap.
  function pathOf(el) {
    if (el.dataset.shown) { return el.dataset.shown; }
    var expr = norm(el.dataset.expression), field = el.dataset.field;
    if (!field || !el.dataset.binding) { return expr; }
    var written = expr.replace(/\[[^\]]*\]/g, "").split(".").slice(1).join(".");
    if (field === written) { return expr; }
    if (!written) { return expr + "." + field; }
    return field.indexOf(written + ".") === 0 ? expr + "." + field.slice(written.length + 1) : expr;
  }
  function keyOf(el) {
    var path = el.classList.contains("value") ? norm(el.dataset.of || el.dataset.expression) : pathOf(el);
    return path + "@" + (el.dataset.gen || "1");
  }

  // What a weight-, score- or context-like field is written as in the prose.
  var SYMBOLS = { alpha: "α", alignment: "α", weights: "α", heads: "α", mean: "α", e: "e", scores: "e", a: "a", contexts: "a" };
  function symbolOf(path) {
    var last = path.replace(/\[[^\]]*\]/g, "").split(".").pop();
    return SYMBOLS[last] || null;
  }

  var linkState = { items: [], lit: [], tip: null };

  // The members of the page that can link: tables, heatmaps, lines figures, inline values.
  function linkItems() {
    return slice(document.querySelectorAll("article table.numbers[data-expression], article figure.heatmap[data-expression], "
      + "article figure.attentionLines[data-expression], article figure.bars[data-expression], article .value[data-expression]"));
  }

  function kindOf(el) {
    return el.tagName === "TABLE" ? "table" : el.classList.contains("value") ? "value"
      : el.classList.contains("attentionLines") ? "lines" : el.classList.contains("bars") ? "bars" : "heatmap";
  }

  // A bar chart's bars, in order: one row of entries (the rects with a tooltip).
  function barRects(figure) {
    return slice(figure.querySelectorAll("svg rect")).filter(function (r) { return r.querySelector("title"); });
  }

  function tableCells(table) {
    return slice(table.tBodies[0] ? table.tBodies[0].rows : []).map(function (tr) { return slice(tr.cells).filter(function (c) { return c.tagName === "TD"; }); });
  }
  function heatmapCells(svg) {
    return slice(svg.querySelectorAll("g[data-r]")).map(function (g) { return slice(g.querySelectorAll("rect")); });
  }

  // The drawings of a heatmap figure on show (one, or one per head), each with what it shows.
  function drawings(figure) {
    return slice(figure.querySelectorAll("svg")).filter(function (s) { return s.style.display !== "none"; }).map(function (svg) {
      return { svg: svg, key: (svg.dataset.shown || pathOf(figure)) + "@" + (figure.dataset.gen || "1") };
    });
  }

  // The elements at entry (r, c) of everything on the page that shows `key`.
  function entriesOf(key, r, c, except) {
    var out = [];
    linkState.items.forEach(function (item) {
      if (item === except) { return; }
      if (kindOf(item) === "heatmap") {
        drawings(item).forEach(function (d) {
          if (d.key !== key) { return; }
          var cells = heatmapCells(d.svg);
          if (r === null) { out = out.concat.apply(out, cells); return; }
          var row = cells[r] || [];
          out = out.concat(c === null ? row : row[c] ? [row[c]] : []);
        });
      } else if (keyOf(item) === key) {
        out = out.concat(entryElements(item, r, c));
      }
    });
    return out;
  }

  // The elements of `item` (not a heatmap) at entry (r, c); a null c means the whole row r, a
  // null r the whole of it (an inline value of a whole vector).
  function entryElements(item, r, c) {
    var kind = kindOf(item), grid;
    if (kind === "value") {
      var vr = item.dataset.r === undefined ? null : Number(item.dataset.r), vc = item.dataset.c === undefined ? null : Number(item.dataset.c);
      var hit = (vr === null || r === null || vr === r) && (vc === null || c === null || vc === c);
      return hit ? [item] : [];
    }
    if (kind === "lines") {
      if (r === null) { return []; }
      var g = item.querySelector('g.step[data-step="' + r + '"]');
      return g ? slice(g.querySelectorAll(c === null ? "line" : 'line[data-i="' + c + '"]')) : [];
    }
    grid = kind === "bars" ? [barRects(item)] : tableCells(item);
    if (r === null) { return [].concat.apply([], grid); }
    var row = grid[r] || [];
    return c === null ? row : row[c] ? [row[c]] : [];
  }

  // The prose section (between two h2) an element is in, as a list of the article's children.
  function sectionOf(el) {
    var article = el.closest("article"), top = el;
    if (!article) { return []; }
    while (top.parentElement && top.parentElement !== article) { top = top.parentElement; }
    var kids = slice(article.children), at = kids.indexOf(top), start = at, end = at;
    while (start > 0 && kids[start].tagName !== "H2") { start--; }
    while (end + 1 < kids.length && kids[end + 1].tagName !== "H2") { end++; }
    return kids.slice(start, end + 1);
  }

  // The symbol's occurrences in the section's math: α_{t,i} as a whole, or α alone.
  function symbolElements(section, symbol) {
    var out = [];
    section.forEach(function (block) {
      slice(block.querySelectorAll(".math math mi")).forEach(function (mi) {
        if (mi.textContent !== symbol) { return; }
        var p = mi.parentElement;
        if (p && /^(msub|msubsup)$/i.test(p.localName) && p.firstElementChild === mi) { out.push(p); }
        else if (symbol === "α") { out.push(mi); }
      });
    });
    return out;
  }

  function clearLit() {
    linkState.lit.forEach(function (el) { el.classList.remove("linked"); });
    linkState.lit = [];
    slice(document.querySelectorAll("svg .link-frame")).forEach(function (f) { f.remove(); });
  }

  // A frame drawn over a heatmap cell, on top of its neighbours (a stroke of its own would be
  // half hidden under the next cells).
  function frame(rect) {
    var f = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    ["x", "y", "width", "height"].forEach(function (a) { f.setAttribute(a, rect.getAttribute(a)); });
    f.setAttribute("class", "link-frame");
    f.setAttribute("fill", "none");
    f.setAttribute("pointer-events", "none");
    f.setAttribute("aria-hidden", "true");
    rect.ownerSVGElement.appendChild(f);
  }

  function mark(el) {
    el.classList.add("linked");
    linkState.lit.push(el);
    if (el.localName === "rect") { frame(el); }
  }

  // Lights entry (r, c) of everything showing `key`, and the symbol in the source's section.
  function light(key, r, c, source) {
    clearLit();
    entriesOf(key, r, c, null).forEach(mark);
    var symbol = symbolOf(key.split("@")[0]);
    if (symbol) { symbolElements(sectionOf(source), symbol).forEach(mark); }
  }

  function tip() {
    if (!linkState.tip) {
      var t = document.createElement("div");
      t.id = "attn-tip";
      t.className = "attn-tip";
      t.setAttribute("role", "tooltip");
      t.hidden = true;
      document.body.appendChild(t);
      linkState.tip = t;
    }
    return linkState.tip;
  }

  function hideTip() {
    if (linkState.tip) { linkState.tip.hidden = true; }
    clearLit();
  }

  // The lesson's file name, from the page's address.
  function lessonSlug() {
    var name = decodeURIComponent(location.pathname.split("/").pop() || "");
    return name.replace(/\.html$/, "");
  }

  // Row and column labels of a table cell or heatmap cell, for the tooltip.
  function labelsOf(el, kind) {
    if (kind === "table") {
      var tr = el.parentElement, table = el.closest("table");
      var head = tr.cells[0] && tr.cells[0].tagName === "TH" ? tr.cells[0].textContent : null;
      var c = slice(tr.cells).filter(function (x) { return x.tagName === "TD"; }).indexOf(el);
      var ths = table.tHead ? slice(table.tHead.rows[0].cells) : [];
      var colHead = ths[c + (head !== null ? 1 : 0)];
      return { row: head, col: colHead ? colHead.textContent : null, value: el.textContent };
    }
    var title = el.querySelector("title");
    if (kind === "bars") {
      var b = title ? /\[([^[\]]*)\] = (\S+)$/.exec(title.textContent) : null;
      return b ? { row: null, col: b[1], value: b[2] } : { row: null, col: null, value: "" };
    }
    var m = title ? /\[([^[\]]*) → ([^[\]]*)\] = (\S+)$/.exec(title.textContent) : null;
    return m ? { row: m[2], col: m[1], value: m[3] } : { row: null, col: null, value: "" };
  }

  function entryText(path, r, c, rows) {
    if (r === null) { return path; }
    if (c === null) { return path + "[" + r + "]"; }
    return rows > 1 ? path + "[" + r + ", " + c + "]" : path + "[" + c + "]";
  }

  // Where `container` (a table, figure or inline value) came from, in words.
  function provenanceText(container, path) {
    var parts = ["lesson " + lessonSlug()];
    var cell = container.closest("section.cell");
    var line = container.dataset.line ? "line " + container.dataset.line : "";
    if (cell) { parts.push(cell.id.replace("-", " ") + (line ? ", " + line : "")); } else if (line) { parts.push(line); }
    var binding = container.dataset.binding || path.split(/[.[]/)[0];
    var field = container.dataset.binding ? container.dataset.field : path.replace(/\[[^\]]*\]/g, "").split(".").slice(1).join(".");
    if (binding) { parts.push("binding " + binding); }
    if (field) { parts.push("field " + field); }
    return parts.join(" · ");
  }

  // The tooltip goes under the whole drawing or table (so it hides none of it), at the entry.
  function showTip(anchor, lines) {
    var t = tip();
    t.innerHTML = lines.map(function (l, k) { return '<span class="tip-' + k + '">' + escapeHTML(l) + "</span>"; }).join("");
    t.hidden = false;
    var whole = anchor.localName === "rect" ? anchor.ownerSVGElement : anchor.localName === "td" ? anchor.closest("table") : anchor;
    var box = anchor.getBoundingClientRect(), under = whole.getBoundingClientRect();
    var width = Math.min(t.offsetWidth, document.documentElement.clientWidth - 8);
    var left = Math.max(4, Math.min(box.left + box.width / 2 - width / 2, document.documentElement.clientWidth - width - 4));
    var top = under.bottom + 6;
    if (top + t.offsetHeight > window.innerHeight && under.top - t.offsetHeight - 6 > 0) { top = under.top - t.offsetHeight - 6; }
    t.style.left = (left + window.scrollX) + "px";
    t.style.top = (top + window.scrollY) + "px";
  }

  // A table, heatmap or bar chart cell (or an inline value) comes under the pointer or the focus.
  // A vector's entry reads `path[c]`, a matrix's `path[r, c]`.
  function enter(el) {
    var container = el.classList.contains("value") ? el : el.closest("table, figure");
    if (!container) { return; }
    var kind = kindOf(container), key = keyOf(container), r = null, c = null, rows = 1, labels;
    var drawing = kind === "heatmap" ? el.ownerSVGElement : null;
    if (drawing && drawing.dataset.shown) { key = drawing.dataset.shown + "@" + (container.dataset.gen || "1"); }
    var path = key.split("@")[0];
    if (kind === "value") {
      r = el.dataset.r === undefined ? null : Number(el.dataset.r);
      c = el.dataset.c === undefined ? null : Number(el.dataset.c);
      labels = { value: el.textContent };
    } else {
      var grid = kind === "table" ? tableCells(container) : kind === "bars" ? [barRects(container)] : heatmapCells(drawing);
      rows = grid.length;
      grid.forEach(function (row, i) { var j = row.indexOf(el); if (j >= 0) { r = i; c = j; } });
      if (r === null) { return; }
      labels = labelsOf(el, kind);
    }
    light(key, r, c, container);
    var where = labels.row !== null && labels.row !== undefined ? "row " + labels.row + ", column " + labels.col
      : labels.col ? "at " + labels.col : "";
    var expression = kind === "value" ? el.dataset.expression : entryText(path, r, c, rows);
    showTip(el, [labels.value + (where ? "  (" + where + ")" : ""), expression, provenanceText(container, path)]);
  }

  // The arrow keys move the focus within a grid; the focused cell is its one tab stop.
  function rovingGrid(container, cellsOf) {
    var cells = cellsOf();
    if (!cells.length || !cells[0].length) { return; }
    cells.forEach(function (row) { row.forEach(function (el) { el.setAttribute("tabindex", "-1"); }); });
    cells[0][0].setAttribute("tabindex", "0");
    container.addEventListener("keydown", function (e) {
      var grid = cellsOf(document.activeElement), r = -1, c = -1;
      grid.forEach(function (row, i) { var j = row.indexOf(document.activeElement); if (j >= 0) { r = i; c = j; } });
      if (r < 0) { return; }
      var moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
      var nr = r, nc = c;
      if (moves[e.key]) { nr = r + moves[e.key][0]; nc = c + moves[e.key][1]; }
      else if (e.key === "Home") { nc = 0; }
      else if (e.key === "End") { nc = grid[r].length - 1; }
      else if (e.key === "Escape") { hideTip(); return; }
      else { return; }
      e.preventDefault();
      nr = Math.max(0, Math.min(grid.length - 1, nr));
      nc = Math.max(0, Math.min(grid[nr].length - 1, nc));
      var next = grid[nr][nc];
      if (!next || next === document.activeElement) { return; }
      grid.forEach(function (row) { row.forEach(function (x) { x.setAttribute("tabindex", "-1"); }); });
      next.setAttribute("tabindex", "0");
      next.focus();
    });
  }

  function setUpLinks() {
    var items = linkItems();
    linkState.items = items;
    // Tables and figures that show a key, and inline values that do: a value links when a table
    // or figure shows its entry, a table when something else shows its values.
    var shows = {}, values = {};
    items.forEach(function (el) {
      var k = keyOf(el), counts = kindOf(el) === "value" ? values : shows;
      counts[k] = (counts[k] || 0) + 1;
    });
    items.forEach(function (el) {
      var kind = kindOf(el), k = keyOf(el);
      var linked = kind === "value" ? shows[k] > 0 : shows[k] > 1 || values[k] > 0;
      if (kind === "heatmap") {
        // A heatmap cell is reachable whether or not something else shows the same values: its
        // tooltip still gives the value and where it came from.
        var svg = el.querySelector("svg");
        if (!svg || !svg.querySelector("g[data-r] rect")) { return; }
        svg.setAttribute("role", "group");
        svg.setAttribute("aria-label", (svg.getAttribute("aria-label") || "") + " (arrow keys move between the cells)");
        el.classList.add("linkable");
        // With all heads side by side, each head is a grid of its own: the one holding the focus.
        rovingGrid(el, function (focused) {
          var shown = drawings(el), visible = shown[0];
          shown.forEach(function (d) { if (focused && d.svg.contains(focused)) { visible = d; } });
          return visible ? heatmapCells(visible.svg) : [];
        });
      } else if (kind === "bars" && linked && barRects(el).length) {
        el.querySelector("svg").setAttribute("role", "group");
        el.classList.add("linkable");
        rovingGrid(el, function () { return [barRects(el)]; });
      } else if (kind === "table" && linked) {
        el.classList.add("linkable");
        rovingGrid(el, function () { return tableCells(el); });
      } else if (kind === "value" && linked) {
        el.classList.add("linkable");
        el.setAttribute("tabindex", "0");
      }
    });
    // The other way round: the symbol in the prose lights the tables and figures of its section
    // that show it (α: the weights, e: the scores, a: the contexts).
    items.forEach(function (el) {
      var kind = kindOf(el);
      if (kind === "value") { return; }
      var symbol = symbolOf(pathOf(el));
      if (!symbol) { return; }
      symbolElements(sectionOf(el), symbol).forEach(function (m) {
        m.classList.add("symbol-link");
        (m.attnShows = m.attnShows || []).push(el);
      });
    });
    document.addEventListener("mouseover", function (e) {
      var m = e.target && e.target.closest ? e.target.closest(".symbol-link") : null;
      if (!m || !m.attnShows) { return; }
      clearLit();
      m.attnShows.concat([m]).forEach(function (x) { x.classList.add("linked"); linkState.lit.push(x); });
      var paths = m.attnShows.map(function (x) { return pathOf(x); }).filter(function (p, k, all) { return all.indexOf(p) === k; });
      showTip(m, [m.textContent.trim().charAt(0) + " in this section", paths.join(", "),
        m.attnShows.length === 1 ? "the highlighted figure or table" : "the " + m.attnShows.length + " highlighted figures and tables"]);
    });
    document.addEventListener("mouseout", function (e) {
      var m = e.target && e.target.closest ? e.target.closest(".symbol-link") : null;
      if (m && !(e.relatedTarget && m.contains(e.relatedTarget))) { hideTip(); }
    });
    function target(e) {
      var t = e.target;
      if (!t || !t.closest) { return null; }
      var v = t.closest(".value.linkable");
      if (v) { return v; }
      if (t.localName === "rect" && t.closest("figure.linkable g[data-r]")) { return t; }
      if (t.localName === "rect" && t.closest("figure.bars.linkable") && t.querySelector("title")) { return t; }
      if (t.localName === "td" && t.closest("table.linkable")) { return t; }
      return null;
    }
    document.addEventListener("mouseover", function (e) { var t = target(e); if (t) { enter(t); } });
    document.addEventListener("mouseout", function (e) {
      var t = target(e);
      if (t && !(e.relatedTarget && t.contains(e.relatedTarget)) && document.activeElement !== t) { hideTip(); }
    });
    document.addEventListener("focusin", function (e) {
      var t = target(e);
      if (t) { enter(t); t.setAttribute("aria-describedby", "attn-tip"); }
    });
    document.addEventListener("focusout", function (e) { var t = target(e); if (t) { hideTip(); t.removeAttribute("aria-describedby"); } });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hideTip(); } });
  }

  // A stepped-through figure marks its step's row in the tables and heatmaps of the same values.
  function markStep(figure, t) {
    slice(document.querySelectorAll(".stepped")).forEach(function (el) {
      if (el.dataset.stepOf === figure.dataset.expression) { el.classList.remove("stepped"); }
    });
    slice(document.querySelectorAll("svg .step-frame")).forEach(function (f) {
      if (f.dataset.stepOf === figure.dataset.expression) { f.remove(); }
    });
    if (t === null) { return; }
    entriesOf(keyOf(figure), t, null, figure).forEach(function (el) {
      if (el.classList.contains("value")) { return; }
      el.classList.add("stepped");
      el.dataset.stepOf = figure.dataset.expression;
    });
    // One frame round the step's row of each heatmap.
    slice(document.querySelectorAll("svg g[data-r]")).forEach(function (g) {
      var cells = slice(g.querySelectorAll("rect")), a = cells[0], b = cells[cells.length - 1];
      if (!a || !a.classList.contains("stepped") || a.dataset.stepOf !== figure.dataset.expression) { return; }
      var f = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      var x = Number(a.getAttribute("x")), w = Number(b.getAttribute("x")) + Number(b.getAttribute("width")) - x;
      f.setAttribute("x", x); f.setAttribute("y", a.getAttribute("y")); f.setAttribute("width", w); f.setAttribute("height", a.getAttribute("height"));
      f.setAttribute("class", "step-frame"); f.setAttribute("fill", "none"); f.setAttribute("pointer-events", "none"); f.setAttribute("aria-hidden", "true");
      f.dataset.stepOf = figure.dataset.expression;
      a.ownerSVGElement.appendChild(f);
    });
  }

  // ---- Head selector ------------------------------------------------------------------------
  // A heatmap of one head of a multi-head record (or their mean) carries every head's values
  // (data-head-*). Buttons show one head, all heads side by side, or the mean, recolouring the
  // same drawing with the same scale (weights, 0 to 1) and the build's own value labels.
  var VIRIDIS = [[0x44, 0x01, 0x54], [0x47, 0x2D, 0x7B], [0x3B, 0x52, 0x8B], [0x2C, 0x72, 0x8E], [0x21, 0x90, 0x8C],
    [0x27, 0xAD, 0x81], [0x5D, 0xC8, 0x63], [0xAA, 0xDC, 0x32], [0xFD, 0xE7, 0x25]];
  function viridis(t) {
    t = isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
    var x = t * (VIRIDIS.length - 1), i = Math.min(VIRIDIS.length - 2, Math.floor(x)), f = x - i;
    return VIRIDIS[i].map(function (a, k) { return Math.round(a + (VIRIDIS[i + 1][k] - a) * f); });
  }
  function hex(rgb) { return "#" + rgb.map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join(""); }
  // Black or white, whichever contrasts more (as the build chooses; WCAG relative luminance).
  function textOn(rgb) {
    var l = rgb.map(function (v) { var s = v / 255; return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); });
    var y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) ? "#000" : "#fff";
  }

  function paint(svg, labels, name) {
    heatmapCells(svg).forEach(function (rects, i) {
      var texts = slice(svg.querySelectorAll('g[data-r="' + i + '"] text'));
      rects.forEach(function (rect, j) {
        var label = labels[i] && labels[i][j];
        if (label === undefined) { return; }
        var rgb = viridis(Number(label.replace("\u2212", "-")));
        rect.setAttribute("fill", hex(rgb));
        var title = rect.querySelector("title");
        if (title) { title.textContent = title.textContent.replace(/^.*(\[[^[\]]* → [^[\]]*\]) = \S+$/, name + "$1 = " + label); }
        if (texts[j]) { texts[j].textContent = label; texts[j].setAttribute("fill", textOn(rgb)); }
      });
    });
  }

  var headSelectors = 0;
  function setUpHeads(figure) {
    var svg = figure.querySelector("svg"), scroll = figure.querySelector(".figure-scroll");
    var names = figure.dataset.headNames.split(" "), base = figure.dataset.headBase;
    var sets = figure.dataset.headValues.split("|").map(function (h) { return h.split(";").map(function (r) { return r.split(" "); }); });
    var all = [].concat.apply([], [].concat.apply([], sets)).map(function (v) { return Number(v.replace("\u2212", "-")); });
    if (!svg || !scroll || sets.length !== names.length || all.some(function (v) { return !(v >= 0 && v <= 1); })) { return; }
    var own = names.map(function (n) { return norm(base + "." + n); }).indexOf(norm(figure.dataset.expression));
    if (own < 0) { return; }
    var heads = names.filter(function (n) { return n !== "mean"; }).length;
    var titleText = svg.querySelector("text"), ownTitle = titleText ? titleText.textContent : "", ownLabel = svg.getAttribute("aria-label");
    var id = "heads-" + (++headSelectors);
    var bar = document.createElement("div");
    bar.className = "head-selector";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Which head to show");
    var choices = names.map(function (n, k) { return { k: k, label: n === "mean" ? "Mean" : "Head " + n.replace(/\D/g, "") }; });
    choices.splice(heads, 0, { k: "all", label: "All heads" });
    bar.innerHTML = choices.map(function (ch) {
      return '<button type="button" data-choice="' + ch.k + '" aria-pressed="false">' + ch.label + "</button>";
    }).join("") + '<output id="' + id + '" aria-live="polite"></output>';
    figure.insertBefore(bar, scroll);
    var out = bar.querySelector("output"), grid = null;

    function choose(k) {
      slice(bar.querySelectorAll("button")).forEach(function (b) { b.setAttribute("aria-pressed", b.dataset.choice === String(k) ? "true" : "false"); });
      if (grid) { grid.remove(); grid = null; }
      svg.style.display = "";
      hideTip();
      if (k === "all") {
        svg.style.display = "none";
        grid = document.createElement("div");
        grid.className = "heads-grid";
        for (var h = 0; h < heads; h++) {
          var copy = svg.cloneNode(true), path = base + "." + names[h];
          copy.style.display = "";
          // Ids stay unique: the copy's colour bar gradient gets its own.
          slice(copy.querySelectorAll("[id]")).forEach(function (el) {
            var old = el.id, fresh = old + "-h" + h;
            el.id = fresh;
            slice(copy.querySelectorAll('[fill="url(#' + old + ')"]')).forEach(function (x) { x.setAttribute("fill", "url(#" + fresh + ")"); });
          });
          slice(copy.querySelectorAll("[tabindex]")).forEach(function (x) { x.removeAttribute("tabindex"); });
          copy.setAttribute("aria-label", path);
          copy.dataset.shown = norm(path);
          paint(copy, sets[h], path);
          var t = copy.querySelector("text");
          if (t) { t.textContent = path; }
          grid.appendChild(copy);
        }
        scroll.appendChild(grid);
        // Each head is one tab stop (its first cell); the arrow keys move within it.
        slice(grid.children).forEach(function (copy) {
          var cells = heatmapCells(copy);
          if (!cells.length || !cells[0].length) { return; }
          cells.forEach(function (row) { row.forEach(function (x) { x.setAttribute("tabindex", "-1"); }); });
          cells[0][0].setAttribute("tabindex", "0");
        });
        delete figure.dataset.shown;
        out.textContent = "All " + heads + " heads side by side";
        return;
      }
      var path = base + "." + names[k];
      paint(svg, sets[k], k === own ? ownTitle : path);
      if (titleText) { titleText.textContent = k === own ? ownTitle : path; }
      svg.setAttribute("aria-label", k === own ? ownLabel : path);
      if (k === own) { delete figure.dataset.shown; } else { figure.dataset.shown = norm(path); }
      out.textContent = k === own ? "" : "Showing " + path;
    }
    bar.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (b) { choose(b.dataset.choice === "all" ? "all" : Number(b.dataset.choice)); }
    });
    choose(own);
  }

  // A box that scrolls sideways (a wide table, formula or code line) can be reached and scrolled
  // with the keyboard: it joins the tab order while, and only while, it overflows.
  // Every box is measured first and marked after: a mark changes an attribute, and the next
  // measure after it laid the page out again (a long lesson has dozens of boxes).
  function focusableScrollers() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("pre, .table-scroll, .figure-scroll, .math.display, article > table"));
    var measured = boxes.map(function (el) { return { wide: el.scrollWidth > el.clientWidth + 1, more: moreOf(el) }; });
    boxes.forEach(function (el, i) {
      if (measured[i].wide) {
        if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "0"); el.dataset.scroller = ""; }
        if (!el.dataset.watched) { el.dataset.watched = "1"; el.addEventListener("scroll", function () { markMore(el, moreOf(el)); }, { passive: true }); }
      } else if (el.dataset.scroller !== undefined) {
        el.removeAttribute("tabindex"); delete el.dataset.scroller;
      }
      markMore(el, measured[i].more);
    });
  }

  // Which side of a scrolling box hides more of it: "left", "right", "both" or "" (none).
  function moreOf(el) {
    var left = el.scrollLeft > 1, right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    return left && right ? "both" : left ? "left" : right ? "right" : "";
  }

  function markMore(el, more) {
    if (more) { el.dataset.more = more; } else { delete el.dataset.more; }
  }

  // ---- Search ------------------------------------------------------------------------------
  // The build writes assets/search-index.js (the pages: file, title, search file), one
  // assets/search/<page>.js per page (its sections: heading, anchor, text) and copies lunr
  // (Debian's libjs-lunr). On first use lunr and the list load, then every page's file at once, all
  // as plain scripts, which works over HTTP and from file:// alike. lunr splits on spaces, so runs of Chinese,
  // Japanese or Korean characters are indexed as single characters and overlapping pairs, and a
  // query is cut the same way: 机器 finds the sections containing 机器.

  var CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff";
  var CJK = new RegExp("[" + CJK_CHARS + "]");
  var RUNS = new RegExp("[" + CJK_CHARS + "]+|[^" + CJK_CHARS + "]+", "g");
  var WORD = /[\p{L}\p{N}]+/gu;

  // Calls `cjk(chars)` for each run of CJK characters in the text's words and `other(run)` for
  // the rest: the one split both the index and the queries use.
  function eachRun(text, cjk, other) {
    (String(text).toLowerCase().match(WORD) || []).forEach(function (word) {
      (word.match(RUNS) || []).forEach(function (run) {
        if (CJK.test(run)) { cjk(Array.from(run)); } else { other(run); }
      });
    });
  }

  function pairs(chars, out) {
    for (var i = 0; i + 1 < chars.length; i++) { out.push(chars[i] + chars[i + 1]); }
  }

  // What a section is indexed under: words, and for a CJK run its characters and their pairs.
  function tokens(text) {
    var out = [];
    eachRun(text, function (chars) {
      chars.forEach(function (c) { out.push(c); });
      pairs(chars, out);
    }, function (run) { out.push(run); });
    return out;
  }

  // The terms a query must match: words, and for a CJK run its pairs (or the character alone).
  function queryTerms(text) {
    var out = [];
    eachRun(text, function (chars) {
      if (chars.length === 1) { out.push(chars[0]); } else { pairs(chars, out); }
    }, function (run) { out.push(run); });
    return out;
  }

  function stem(token) {
    return /^[a-z]+$/.test(token.toString()) ? lunr.stemmer(token) : token;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  var state = { index: null, loading: null };

  function assetsBase() {
    // `attnbook serve` links it as attnbook.js?v=<stamp> (a version the browser may keep).
    var me = document.querySelector('script[src$="attnbook.js"], script[src*="attnbook.js?"]');
    return me ? me.getAttribute("src").replace(/attnbook\.js(\?.*)?$/, "") : "assets/";
  }

  function ensureIndex() {
    if (state.index) { return Promise.resolve(state.index); }
    if (state.loading) { return state.loading; }
    var base = assetsBase();
    state.loading = Promise.all([loadScript(base + "lunr.min.js"), loadScript(base + "search-index.js")]).then(function () {
      var pages = window.attnbookSearch.pages;
      return Promise.all(pages.map(function (page) { return loadScript(base + page.f); })).then(function () { return pages; });
    }).then(function (pages) {
      // Every page's sections, in the list's order: the same numbering, hence the same ranking,
      // as one file of all of them.
      var loaded = window.attnbookSearchPages || {}, data = { pages: pages, sections: [] };
      pages.forEach(function (page, p) {
        var sections = loaded[page.u];
        if (!sections) { throw new Error("no search data for " + page.u); }
        sections.forEach(function (s) { data.sections.push({ p: p, a: s.a, h: s.h, x: s.x }); });
      });
      stem.label = "attnbookStem";
      lunr.Pipeline.registerFunction(stem, "attnbookStem");
      state.data = data;
      state.index = lunr(function () {
        this.pipeline.reset();
        this.searchPipeline.reset();
        this.pipeline.add(stem);
        this.searchPipeline.add(stem);
        this.tokenizer = function (obj) {
          if (obj == null) { return []; }
          return tokens(obj).map(function (t) { return new lunr.Token(t, {}); });
        };
        this.ref("id");
        this.field("heading", { boost: 4 });
        this.field("text");
        var self = this;
        data.sections.forEach(function (s, k) { self.add({ id: String(k), heading: s.h, text: s.x }); });
      });
      return state.index;
    });
    return state.loading;
  }

  function search(index, text) {
    var terms = queryTerms(text);
    if (!terms.length) { return []; }
    return index.query(function (q) {
      terms.forEach(function (t) {
        q.term(t, { presence: lunr.Query.presence.REQUIRED, usePipeline: !CJK.test(t) });
      });
    });
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // A short piece of the section around the first query word, with the words marked.
  function snippet(text, words) {
    var lower = text.toLowerCase(), at = -1;
    words.forEach(function (w) { var i = lower.indexOf(w); if (i >= 0 && (at < 0 || i < at)) { at = i; } });
    var start = Math.max(0, at - 60), piece = text.slice(start, start + 180);
    var html = escapeHTML(piece);
    words.forEach(function (w) {
      if (!w) { return; }
      var re = new RegExp(escapeHTML(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
      html = html.replace(re, function (m) { return "<mark>" + m + "</mark>"; });
    });
    return (start > 0 ? "… " : "") + html + (start + 180 < text.length ? " …" : "");
  }

  function setUpSearch() {
    var form = document.querySelector("form.search");
    if (!form || typeof Promise === "undefined") { return; }
    var input = form.querySelector("#search-input");
    var panel = form.querySelector("#search-results");
    var status = panel.querySelector("#search-status");
    var list = panel.querySelector("ol");
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); var first = list.querySelector("a"); if (first) { first.focus(); } });
    input.addEventListener("focus", function () { ensureIndex().catch(function () {}); });

    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });

    function close() { panel.hidden = true; }

    function run() {
      var text = input.value.trim();
      if (!text) { list.innerHTML = ""; status.textContent = ""; close(); return; }
      ensureIndex().then(function (index) {
        // One entry per page, best page first, with its three best sections.
        var hits = search(index, text), groups = [], byPage = {};
        hits.forEach(function (hit) {
          var s = state.data.sections[Number(hit.ref)];
          if (!(s.p in byPage)) { byPage[s.p] = { page: state.data.pages[s.p], sections: [] }; groups.push(byPage[s.p]); }
          byPage[s.p].sections.push(s);
        });
        var words = text.toLowerCase().match(WORD) || [];
        list.innerHTML = groups.map(function (g) {
          var first = g.sections[0];
          var more = g.sections.slice(0, 3).filter(function (s) { return s.a; }).map(function (s) {
            return '<a class="section" href="' + escapeHTML(g.page.u + "#" + s.a) + '">' + escapeHTML(s.h) + "</a>";
          }).join("");
          return '<li><a class="page" href="' + escapeHTML(g.page.u + (first.a ? "#" + first.a : "")) + '">' + escapeHTML(g.page.t) + "</a>"
            + "<p>" + snippet(first.x, words) + "</p>" + (more ? '<div class="sections">' + more + "</div>" : "") + "</li>";
        }).join("");
        status.textContent = groups.length
          ? groups.length + (groups.length === 1 ? " page, " : " pages, ") + hits.length + (hits.length === 1 ? " section" : " sections")
          : "No results for “" + text + "”";
        panel.hidden = false;
      }, function () {
        status.textContent = "Search is unavailable (its index did not load).";
        panel.hidden = false;
      });
    }

    // Keys: Down/Up move between the box and the results, Escape closes.
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && links.length) {
        e.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault(); if (at === 0) { input.focus(); } else { links[at - 1].focus(); }
      } else if (e.key === "Escape") {
        close(); input.focus();
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) { close(); } });
    form.addEventListener("focusout", function (e) { if (e.relatedTarget && !form.contains(e.relatedTarget)) { close(); } });
  }
})();
