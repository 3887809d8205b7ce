"""The built site, served under a sub-path by a plain static file server, opened in chromium."""

import functools
import urllib.request
from importlib import metadata

import pytest

from tools.browser import chromium_path, launch, visit
from tools.notebooks import notebook_slugs
from tools.pages import LANGUAGES, ROOT, expand_includes, slugs
from tools.verdicts import Verdicts, files_digest, sha

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Every page: the markdown pages and each chapter's notebook page (<chapter>-notebook).
PAGES = [(lang, slug) for lang in LANGUAGES for slug in sorted(slugs(lang) | notebook_slugs(lang))]


def page_url(base: str, lang: str, slug: str) -> str:
    """Where a page lives: Spanish at the site root, other languages under /<lang>/."""
    return base + ("" if lang == "es" else f"{lang}/") + ("" if slug == "index" else f"{slug}/")


@pytest.fixture(scope="session")
def base_url(served_site_url):
    """The served site (tests/conftest.py), shared with tests/docs/test_install_from_site.py."""
    return served_site_url


@pytest.fixture(scope="session")
def browser():
    """Chromium, started the first time a test calls browser() (a run whose every browser check
    passed before on the same inputs starts none)."""
    from playwright.sync_api import sync_playwright

    started = []

    def get():
        if not started:
            playwright = sync_playwright().start()
            started.append((playwright, launch(playwright)))
        return started[0][1]

    yield get
    for playwright, chromium in started:
        chromium.close()
        playwright.stop()


# The tools the browser checks call (tests/browser/*.py imports): a change to one of them runs
# every check again.
CHECK_TOOLS = ("browser", "notebooks", "page_weight", "pages", "verdicts", "wheel")


def page_source(lang: str, slug: str) -> str:
    """The markdown a page (or, for a notebook page, its chapter) is made from, includes expanded:
    what the browser checks compare the page with."""
    from tools.notebooks import chapter_of

    return expand_includes((ROOT / "docs" / lang / f"{chapter_of(slug) or slug}.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def browser_verdicts(base_url):
    """Remembered passes of browser checks (tools/verdicts.py), and how an input hashes now: a URL
    by the bytes the served site sends for it, `docs:<lang>/<slug>` by page_source. A pass holds
    while the checks' code (tests/browser/ and CHECK_TOOLS), axe, chromium, Playwright and every
    input the visit read are the same; chromium itself is started only when a check has to run."""

    @functools.cache
    def current(key: str) -> str | None:
        if key.startswith("docs:"):
            lang, slug = key.removeprefix("docs:").split("/")
            return sha(page_source(lang, slug))
        try:
            with urllib.request.urlopen(key, timeout=30) as response:
                return sha(response.read())
        except OSError:
            return None

    # The checks' code: this folder and the tools it reads the pages with (how the site is built
    # shows in the bytes of what each visit loads).
    checks = [ROOT / "tests" / "browser", *(ROOT / "tools" / f"{name}.py" for name in CHECK_TOOLS),
              ROOT / "node_modules" / "axe-core" / "axe.min.js"]
    fixed = [files_digest(checks),
             chromium_path(), _chromium_version(), metadata.version("playwright"), base_url]
    return lambda kind: (Verdicts(kind, fixed), current)


@functools.cache
def _chromium_version() -> str:
    import subprocess

    return subprocess.run([chromium_path(), "--version"], capture_output=True, text=True, check=False).stdout.strip()


@pytest.fixture
def visits(browser, base_url):
    """A page visited cold, in a context of its own: (page, Visit). Closed when the test ends: a
    page left open keeps its renderer process running, one per page by the end of the run."""
    opened = []

    def get(lang, slug):
        context = browser().new_context(viewport={"width": 1280, "height": 900})
        opened.append(context)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        return visit(context, page_url(base_url, lang, slug))

    yield get
    for context in opened:
        context.close()


def pytest_generate_tests(metafunc):
    if "page_key" in metafunc.fixturenames:
        metafunc.parametrize("page_key", PAGES, ids=[f"{lang}/{slug}" for lang, slug in PAGES])
