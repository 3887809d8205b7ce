"""The built site, served under a sub-path by a plain static file server, opened in chromium."""

import pytest

from tools.browser import launch, visit
from tools.notebooks import notebook_slugs
from tools.pages import LANGUAGES, ROOT, slugs

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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser, base_url):
    """Each page visited once, cold, in its own context: (page, Visit), kept for the session."""
    opened = {}

    def get(lang, slug):
        if (lang, slug) not in opened:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            opened[(lang, slug)] = visit(context, page_url(base_url, lang, slug))
        return opened[(lang, slug)]

    yield get
    for page, _ in opened.values():
        page.context.close()


def pytest_generate_tests(metafunc):
    if "page_key" in metafunc.fixturenames:
        metafunc.parametrize("page_key", PAGES, ids=[f"{lang}/{slug}" for lang, slug in PAGES])
