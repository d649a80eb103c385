import Foundation

/// The script `attnbook serve` adds to every HTML page it sends (never to the files in `output/`).
///
/// It listens to `/__attnbook/events`: on `built` it reloads the page if the page, a file of its
/// own folder (its figures) or a site asset changed, keeping the scroll position across the reload
/// in `sessionStorage` under the page's path (put back in the first frame, before the new page is
/// painted); on `build-error` it lays the terminal's diagnostic
/// over the page, which stays the last good build underneath; the next `built` removes it. The
/// pages of the failing lesson (or every page, when the error is no lesson's) get the whole text;
/// the other pages a one-line bar naming the lesson, which opens to the same text; a page of
/// another lesson that rebuilt fine in the same build reloads first.
public enum LiveReloadScript {
    /// Where the events come from; also the server's route.
    public static let eventsPath = "/__attnbook/events"

    public static let source = """
    (() => {
      "use strict";
      const key = "attnbook-scroll:" + location.pathname;
      const saved = sessionStorage.getItem(key);
      if (saved !== null) {
        sessionStorage.removeItem(key);
        const y = Number(saved);
        const restore = () => window.scrollTo(0, y);
        // Not here, while the page is still parsing: a scroll needs the layout, and asking for it
        // now laid the whole page out before DOMContentLoaded. The first frame lays it out anyway;
        // scrolling in its animation callback puts the page back before it is first painted.
        document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(restore));
        window.addEventListener("load", restore);
      }
      // The server's 404 page: any successful build may have made it exist.
      const missing = document.documentElement.hasAttribute("data-attnbook-missing");
      const state = window.__attnbookLive = { connected: false, events: 0, restoredFrom: saved };
      const page = () => {
        let p = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
        if (p === "" || p.endsWith("/")) p += "index.html";
        return p;
      };
      const concerns = (file) => {
        const mine = page();
        const folder = mine.replace(/\\.html$/, "") + "/";
        // The search's files change with any page's text; they alone are no reason to reload this one.
        return file === mine || file.startsWith(folder) || (file.startsWith("assets/") && !file.startsWith("assets/search"));
      };
      const reload = () => {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
      };
      const hide = () => {
        const old = document.getElementById("attnbook-error-overlay");
        if (old) old.remove();
      };
      const show = (text, files) => {
        hide();
        const lessons = files.filter((f) => f.endsWith(".md"));
        const full = missing || lessons.length === 0 || lessons.some((f) => f.replace(/^.*\\//, "").replace(/\\.md$/, ".html") === page());
        const box = document.createElement("div");
        box.id = "attnbook-error-overlay";
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
          "background:#1e1e1e;color:#f0f0f0;border-bottom:4px solid #e5534b;padding:1rem 1.25rem;" +
          "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 4px 24px #0008";
        const title = document.createElement("div");
        title.textContent = full ? "attnbook: the build failed; the page below is the last good build."
                                 : "attnbook: " + lessons.join(", ") + " failed to build (click for the error)";
        title.style.cssText = "font-weight:bold;color:#ff8a80;margin-bottom:" + (full ? ".5rem" : "0");
        const pre = document.createElement("pre");
        pre.textContent = text;
        pre.style.cssText = "margin:0;white-space:pre;overflow-x:auto;font:inherit;color:inherit;background:none";
        if (!full) {
          box.dataset.compact = "true";
          box.style.padding = ".4rem 1.25rem";
          pre.hidden = true;
          title.style.cursor = "pointer";
          title.onclick = () => { pre.hidden = !pre.hidden; };
        }
        const close = document.createElement("button");
        close.type = "button";
        close.textContent = "×";
        close.setAttribute("aria-label", "Hide the error");
        close.style.cssText = "position:absolute;top:.5rem;right:.75rem;font-size:1.25rem;background:none;color:inherit;border:0;cursor:pointer";
        close.onclick = hide;
        box.append(title, pre, close);
        document.body.append(box);
      };
      const events = new EventSource("\(eventsPath)");
      events.onopen = () => { state.connected = true; };
      events.onerror = () => { state.connected = false; };
      events.addEventListener("built", (e) => {
        state.events += 1;
        hide();
        const changed = JSON.parse(e.data).changed || [];
        if (missing || changed.some(concerns)) reload();
      });
      events.addEventListener("build-error", (e) => {
        state.events += 1;
        const event = JSON.parse(e.data);
        // Another lesson's page rebuilt fine: reload it; the error comes back with the connection.
        if ((event.changed || []).some(concerns)) { reload(); return; }
        show(event.text, event.files || []);
      });
    })();
    """

    /// `html` with the script before its last `</body>` (or at the end when there is none).
    public static func inject(into html: Data) -> Data {
        let tag = Data("<script>\n\(source)\n</script>\n".utf8)
        var out = html
        if let range = html.range(of: Data("</body>".utf8), options: .backwards) {
            out.insert(contentsOf: tag, at: range.lowerBound)
        } else {
            out.append(tag)
        }
        return out
    }
}
