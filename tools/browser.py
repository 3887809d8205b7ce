"""Open the built site in Debian's chromium through Playwright, and record what each visit loads."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
]

# Debian's chromium-headless-shell (the same chromium, built for headless use only, what Playwright
# itself runs headless): the browser tests in it took 38 CPU-s where full chromium took 58 on the
# same 19 pages, every check passing in both. Full chromium serves where the shell is absent.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"  # not /usr/bin's wrapper: a child of sh
CANDIDATES = (HEADLESS_SHELL, "chromium-headless-shell", "chromium", "chromium-browser")


def chromium_path() -> str:
    """The chromium binary: $CHROMIUM, else Debian's chromium-headless-shell, else Debian's
    chromium on PATH; a clear error if none."""
    path = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, CANDIDATES)), None)
    if not path:
        raise RuntimeError(
            "the browser tests need Debian's chromium-headless-shell (or chromium) and "
            "fonts-noto-cjk: `apt-get install chromium-headless-shell fonts-noto-cjk` "
            "(or set CHROMIUM=/path/to/chromium)"
        )
    return path


def launch(playwright):
    """A headless chromium that talks to nothing but the pages it is sent to."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)


@dataclass
class Visit:
    """What one cold visit of a page loaded, said and weighed."""

    url: str
    statuses: dict[str, int] = field(default_factory=dict)  # every URL answered -> status
    hashes: dict[str, str] = field(default_factory=dict)  # every URL with a body -> its SHA-256
    failed: list[str] = field(default_factory=list)  # requests that got no answer
    console_errors: list[str] = field(default_factory=list)
    bytes: int = 0  # response bodies as served by a plain file server, the page itself included
    gzip_bytes: int = 0  # the same with text gzipped, as a compressing server (GitHub Pages) sends it
    # Of gzip_bytes, the HTML, scripts (the search worker's included) and stylesheets: what the
    # browser must have before the page is complete (fonts, images and the search index aside).
    code_gzip_bytes: int = 0
    load_ms: float = 0.0

    def other_hosts(self) -> list[str]:
        """Requested URLs whose host is not the page's own."""
        own = urlsplit(self.url).netloc
        return sorted(u for u in self.statuses if urlsplit(u).scheme in ("http", "https")
                      and urlsplit(u).netloc != own)

    def not_ok(self) -> dict[str, int]:
        """Requested URLs that did not answer 200 (or 304)."""
        return {u: s for u, s in self.statuses.items() if s not in (200, 304)}


def visit(context, url: str, settle_ms: int = 300):
    """Open url in a new page of context, wait until the network is idle; return (page, Visit)."""
    page = context.new_page()
    record = Visit(url)

    def on_response(response):
        record.statuses[response.url] = response.status
        try:
            body = response.body()
        except Exception:  # redirects and aborted bodies have none
            return
        record.bytes += len(body)
        record.hashes[response.url] = hashlib.sha256(body).hexdigest()
        kind = response.headers.get("content-type", "")
        textual = kind.startswith("text/") or any(t in kind for t in ("javascript", "json", "svg", "xml"))
        sent = len(gzip.compress(body, 6)) if textual else len(body)
        record.gzip_bytes += sent
        if response.request.resource_type in ("document", "script", "stylesheet") or (
                "javascript" in kind or urlsplit(response.url).path.endswith((".js", ".css"))):
            record.code_gzip_bytes += sent

    page.on("response", on_response)
    page.on("requestfailed", lambda request: record.failed.append(request.url))
    page.on("console", lambda msg: record.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    record.load_ms = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)
    page.remove_listener("response", on_response)  # what later clicks fetch is not the first visit
    return page, record
