// attnbook's page script. Everything here is an enhancement: without it the pages read fully
// (math is MathML, figures are inline SVG); only the search box needs it, and stays hidden without it.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // On a narrow screen the sidebar starts folded, so the lesson comes first.
    if (window.matchMedia("(max-width: 60rem)").matches) {
      document.querySelectorAll(".sidebar details").forEach(function (d) { d.open = false; });
    }
    focusableScrollers();
    window.addEventListener("resize", focusableScrollers);
    setUpSearch();
    document.querySelectorAll("figure.attentionLines").forEach(setUpStepper);
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
    figure.insertBefore(bar, figure.querySelector("figcaption"));
    var slider = bar.querySelector("input"), out = bar.querySelector("output"), all = bar.querySelector(".all");

    function weights(t) {
      return Array.prototype.slice.call(groups[t].querySelectorAll("title")).map(function (title) {
        var m = /\[(.*) → .*\] = (.*)$/.exec(title.textContent);
        return m ? m[1] + " " + m[2] : title.textContent;
      });
    }
    function show(t) {
      if (t === null) {
        groups.forEach(function (g) { g.removeAttribute("opacity"); });
        targets.forEach(function (x) { x.removeAttribute("font-weight"); x.removeAttribute("opacity"); });
        all.setAttribute("aria-pressed", "true");
        out.textContent = "All " + n + " steps";
        return;
      }
      t = Math.max(0, Math.min(n - 1, t));
      slider.value = String(t);
      groups.forEach(function (g, k) { if (k === t) { g.removeAttribute("opacity"); } else { g.setAttribute("opacity", "0.06"); } });
      targets.forEach(function (x, k) {
        if (k === t) { x.setAttribute("font-weight", "bold"); x.removeAttribute("opacity"); } else { x.removeAttribute("font-weight"); x.setAttribute("opacity", "0.45"); }
      });
      all.setAttribute("aria-pressed", "false");
      var label = targets[t] ? targets[t].textContent : String(t);
      out.textContent = "Step " + t + " (" + label + "): " + weights(t).join(", ");
    }
    all.addEventListener("click", function () { show(null); });
    bar.querySelector(".prev").addEventListener("click", function () { show(all.getAttribute("aria-pressed") === "true" ? n - 1 : Number(slider.value) - 1); });
    bar.querySelector(".next").addEventListener("click", function () { show(all.getAttribute("aria-pressed") === "true" ? 0 : Number(slider.value) + 1); });
    slider.addEventListener("input", function () { show(Number(slider.value)); });
    show(null);
  }

  // A box that scrolls sideways (a wide table, formula or code line) can be reached and scrolled
  // with the keyboard: it joins the tab order while, and only while, it overflows.
  function focusableScrollers() {
    document.querySelectorAll("pre, .table-scroll, .figure-scroll, .math.display, article > table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "0"); el.dataset.scroller = ""; }
        if (!el.dataset.watched) { el.dataset.watched = "1"; el.addEventListener("scroll", function () { markMore(el); }, { passive: true }); }
      } else if (el.dataset.scroller !== undefined) {
        el.removeAttribute("tabindex"); delete el.dataset.scroller;
      }
      markMore(el);
    });
  }

  // Which side of a scrolling box hides more of it: "left", "right", "both" or none.
  function markMore(el) {
    var left = el.scrollLeft > 1, right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    var more = left && right ? "both" : left ? "left" : right ? "right" : "";
    if (more) { el.dataset.more = more; } else { delete el.dataset.more; }
  }

  // ---- Search ------------------------------------------------------------------------------
  // The build writes assets/search-index.js (every section of every page: lesson, heading,
  // anchor, text) and copies lunr (Debian's libjs-lunr). Both load as plain scripts on first use,
  // which works over HTTP and from file:// alike. lunr splits on spaces, so runs of Chinese,
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
    var me = document.querySelector('script[src$="attnbook.js"]');
    return me ? me.getAttribute("src").replace(/attnbook\.js$/, "") : "assets/";
  }

  function ensureIndex() {
    if (state.index) { return Promise.resolve(state.index); }
    if (state.loading) { return state.loading; }
    var base = assetsBase();
    state.loading = Promise.all([loadScript(base + "lunr.min.js"), loadScript(base + "search-index.js")]).then(function () {
      var data = window.attnbookSearch;
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
