"""Check the built site (site/) in a real browser: ``make docs-check``.

Serves site/ on 127.0.0.1, opens every page in headless Chromium and fails if
a page logs a console error or an uncaught exception, if its maths is not
typeset by MathJax (a ``\\(`` or ``\\[`` span left as text), or if one of its
pictures did not load. The pages are served with a small probe script added
to their head: it records console errors, then waits for MathJax and the
pictures and writes what it found into the page, which ``--dump-dom`` reads.
Finally it takes a screenshot of the home page (site-check.png, or the path
given with --screenshot).

Usage: ``python docs/check_site.py [--site site] [--screenshot site-check.png]``.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROBE = """<script>
(function () {
  var errors = [];
  var log = console.error.bind(console);
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, " "));
    log.apply(null, arguments);
  };
  window.addEventListener("error", function (e) {
    var what = e.target && (e.target.src || e.target.href);
    errors.push(e.message ? "uncaught: " + e.message : "failed to load " + what);
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    errors.push("unhandled rejection: " + e.reason);
  });
  function report() {
    var spans = document.querySelectorAll(".arithmatex");
    var typeset = document.querySelectorAll(".arithmatex mjx-container").length;
    var raw = Array.prototype.filter.call(spans, function (s) { return !s.querySelector("mjx-container"); })
      .map(function (s) { return s.textContent.slice(0, 60); });
    var images = Array.prototype.map.call(document.images, function (i) {
      return { src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0 };
    });
    var out = document.createElement("pre");
    out.id = "site-check";
    out.textContent = JSON.stringify(
      { errors: errors, maths: spans.length, typeset: typeset, raw: raw, images: images });
    document.body.appendChild(out);
  }
  window.addEventListener("load", function () {
    var ready = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
    (ready || Promise.resolve()).then(function () { setTimeout(report, 200); }, function (e) {
      errors.push("MathJax: " + e); report();
    });
  });
})();
</script>"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Handler(SimpleHTTPRequestHandler):
    """Serve site/, with the probe in every page's head when asked for (?probe)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if query != "probe":
            return super().do_GET()
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            self.send_error(404)
            return None
        body = file.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def chromium() -> str:
    """Return the path of the Chromium binary."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    sys.exit("Chromium is missing: apt-get install -y chromium (make docs-check does it)")


def browse(url: str, *extra: str) -> str:
    """Run headless Chromium on url with a fresh profile; return what it prints."""
    with tempfile.TemporaryDirectory(prefix="twinmath-chromium-") as profile:
        p = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=15000", *extra, url],
            capture_output=True,
            text=True,
            timeout=180,
        )
    if p.returncode != 0:
        sys.exit(f"chromium failed on {url}:\n{p.stderr[-2000:]}")
    return p.stdout


def main() -> int:
    """Check every page; return 1 if any fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--screenshot", default="site-check.png", type=Path)
    args = parser.parse_args()
    site = args.site.resolve()
    pages = sorted(p.relative_to(site) for p in site.rglob("index.html"))
    if not pages:
        sys.exit(f"no pages under {site}: run make docs first")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failures, maths, images = [], 0, 0
    try:
        for page in pages:
            url = base + ("" if page.parent == Path(".") else page.parent.as_posix() + "/")
            dom = browse(url + "?probe", "--dump-dom")
            m = re.search(r'<pre id="site-check">(.*?)</pre>', dom, re.S)
            if not m:
                failures.append(f"{page.parent}: the probe did not report (the page did not finish loading)")
                continue
            r = json.loads(html.unescape(m[1]))
            bad_images = [i["src"] for i in r["images"] if not i["ok"]]
            problems = [f"console: {e}" for e in r["errors"]]
            problems += [f"maths not rendered: {t!r}" for t in r["raw"]]
            problems += [f"picture not loaded: {s}" for s in bad_images]
            maths += r["typeset"]
            images += len(r["images"]) - len(bad_images)
            verdict = "ok" if not problems else "FAIL"
            print(
                f"{verdict:<4} /{page.parent}  maths {r['typeset']}/{r['maths']}, pictures {len(r['images'])}"
            )
            failures += [f"{page.parent}: {p}" for p in problems]
        browse(base, f"--screenshot={args.screenshot.resolve()}", "--window-size=1280,1000")
    finally:
        server.shutdown()
    print(
        f"\n{len(pages)} pages, {maths} formulas typeset, {images} pictures loaded;"
        f" screenshot {args.screenshot}"
    )
    for f in failures:
        print(f"  {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
