"""Search, in each language, finds the right chapter first and only pages of that language.

A search that passed is not typed again while nothing its page loaded (the search index included)
has changed (tests/browser/conftest.py, browser_verdicts)."""

import pytest

from tests.browser.conftest import page_url
from tools.browser import visit
from tools.pages import LANGUAGES

# Key terms in each language's own words (Japanese compounds without spaces), and their chapter.
TERMS = {
    "es": {"autoatención": "self-attention", "máscara causal": "causal-attention",
           "multicabeza": "multi-head-attention", "codificación posicional": "embeddings"},
    "ja": {"自己注意": "self-attention", "因果マスク": "causal-attention",
           "マルチヘッドアテンション": "multi-head-attention", "位置エンコーディング": "embeddings"},
    "af": {"selfaandag": "self-attention", "kousale masker": "causal-attention",
           "meerkopaandag": "multi-head-attention", "posisionele enkodering": "embeddings"},
    "ko": {"셀프 어텐션": "self-attention", "인과 마스크": "causal-attention",
           "멀티 헤드 어텐션": "multi-head-attention", "위치 인코딩": "embeddings"},
}


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """One page per language with its search ready: (page, what its visit loaded)."""
    opened = {}

    def get(lang):
        if lang not in opened:
            context = browser().new_context(viewport={"width": 1280, "height": 900})
            opened[lang] = visit(context, page_url(base_url, lang, "index"))
        return opened[lang]

    yield get
    for page, _ in opened.values():
        page.context.close()


def _results(page, query):
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup; fill() with CJK text sends none
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(200)
    return page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(a => a.href)"
    )


@pytest.mark.parametrize("lang, query, slug",
                         [(lg, q, s) for lg in LANGUAGES for q, s in TERMS[lg].items()],
                         ids=[f"{lg}:{q}" for lg in LANGUAGES for q in TERMS[lg]])
def test_key_term_finds_its_chapter_first_in_the_reader_language(search_page, base_url, browser_verdicts,
                                                                 lang, query, slug):
    verdicts, current = browser_verdicts("browser-search")
    name = f"{lang}: {query} -> {slug}"
    if verdicts.passed(name, current):
        return
    page, record = search_page(lang)
    hits = _results(page, query)
    pages = list(dict.fromkeys(h.split("#")[0].split("?")[0] for h in hits))  # page URLs, in order
    assert pages, f"{query!r} finds nothing"
    assert pages[0] == page_url(base_url, lang, slug), f"{query!r}: first hit {pages[0]}, all: {pages}"
    others = [h for h in pages if any(h.startswith(page_url(base_url, lg, "index"))
                                      for lg in LANGUAGES if lg not in ("es", lang))]
    if lang != "es":
        others += [h for h in pages if not h.startswith(page_url(base_url, lang, "index"))]
    assert not others, f"{query!r} on a {lang} page lists other languages' pages: {others}"
    verdicts.record(name, record.hashes)
