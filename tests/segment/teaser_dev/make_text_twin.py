"""Render every labelled HTML page of the teaser dev set to the text a crawler would save: the browser's
rendered text (`document.body.innerText`) from headless Chromium, stored as text/<name>.txt.gz, and a text
browser's dump (`lynx -dump`, with its numbered list of links), stored as lynx/<name>.txt.gz.

Run once, from the repository root, when pages are added (CI never runs it; the dumps are committed; needs
Debian's `chromium` and `lynx`, e.g. `apt-get install -y lynx`):

    .venv/bin/python tests/segment/teaser_dev/make_text_twin.py

Lynx dumps: `lynx -dump -force_html -assume_charset=utf-8 -display_charset=utf-8 -width=100 page.html` on the
page decoded as `ingest load` decodes it and written as UTF-8 (lynx never fetches anything for -dump of a file);
links to the page itself are written as file:///page.html and relative links as file:///<link> (no temporary
folder in the dump) so that a re-run gives the same bytes.

How a page is rendered (see RULES.md, "Text twin"): the page is decoded as `ingest load` decodes it, written
as UTF-8 with a byte-order mark (so Chromium reads it with the same characters), opened from a file:// URL
with JavaScript disabled and every http(s) request blocked (the page renders from its own bytes and inline
styles only, the same on every machine; external stylesheets never load, so elements they would hide show),
in a 1400x1000 window. Anti-flicker snippets hide <html>/<body> until a script shows them; with scripts off
the page is shown as that script would (visibility visible, opacity 1 on those two elements only). Then
`document.body.innerText` is taken as is.
The .txt.gz files are written with gzip mtime 0, so a re-run on the same Chromium gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SET_DIR = Path(__file__).resolve().parent
ROOT = SET_DIR.parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "dashboard")]

from devtools_browser import Browser, find_chromium, poll  # noqa: E402

from ingest.segment.teaser_eval import load_labels, read_page, twin_page  # noqa: E402

UNHIDE_PAGE = """for (const element of [document.documentElement, document.body]) {
  if (element) {
    element.style.setProperty('visibility', 'visible', 'important');
    element.style.setProperty('opacity', '1', 'important');
  }
}"""


def render_text(browser: Browser, html_path: Path) -> str:
    browser.navigate(html_path.as_uri())
    poll(lambda: browser.evaluate("document.readyState") == "complete", timeout=30)
    # Anti-flicker snippets hide the whole page until a script shows it; with scripts off, show it as they would.
    browser.evaluate(UNHIDE_PAGE)
    return browser.evaluate("document.body ? document.body.innerText : ''") or ""


LYNX_COMMAND = ("lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=100")


def write_gzip(target: Path, text: str) -> None:
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))


def lynx_dump(html_path: Path) -> str:
    done = subprocess.run([*LYNX_COMMAND, str(html_path)], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8", "replace")


def main() -> int:
    executable = find_chromium()
    if executable is None:
        print("no chromium found", file=sys.stderr)
        return 1
    labels = [label for label in load_labels(SET_DIR) if label["content_format"] == "html"]
    (SET_DIR / "text").mkdir(exist_ok=True)
    lynx = shutil.which("lynx")
    if lynx is None:
        print("no lynx found: lynx twins not made", file=sys.stderr)
    else:
        (SET_DIR / "lynx").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        temp_dir = Path(temp)
        profile = temp_dir / "profile"
        profile.mkdir()
        browser = Browser(executable, profile)
        try:
            browser.send("Network.enable")
            browser.send("Network.setBlockedURLs", urls=["http://*", "https://*", "ws://*", "wss://*"])
            browser.send("Emulation.setScriptExecutionDisabled", value=True)
            for label in labels:
                html = read_page(SET_DIR / label["page"], "html")
                html_path = temp_dir / "page.html"
                html_path.write_bytes(b"\xef\xbb\xbf" + html.encode("utf-8", "surrogatepass"))
                browser.navigate("about:blank")
                text = render_text(browser, html_path)
                write_gzip(SET_DIR / twin_page(label), text)
                report = {"page": label["page"], "twin": twin_page(label), "chars": len(text)}
                if lynx is not None:
                    plain_path = temp_dir / "page-plain.html"
                    plain_path.write_bytes(html.encode("utf-8", "surrogatepass"))
                    # Links within the page point at the temporary file: name it the same on every run.
                    dump = lynx_dump(plain_path).replace(plain_path.as_uri(), "file:///page.html")
                    dump = dump.replace(temp_dir.as_uri() + "/", "file:///")  # relative links
                    dump = dump.replace(str(temp_dir) + "/", "/")  # any other spelling (file://localhost/tmp/...)
                    write_gzip(SET_DIR / twin_page(label, "lynx"), dump)
                    report["lynx_chars"] = len(dump)
                print(json.dumps(report))
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
