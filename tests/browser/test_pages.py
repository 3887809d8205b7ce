"""Every page of every language, in chromium, as a reader opens it."""

import re

import pytest

from tests.browser.conftest import PAGES, SCREENSHOTS, page_url
from tools import notebooks, wheel
from tools.pages import LANGUAGES, ROOT, parse_page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def test_every_resource_answers_and_nothing_comes_from_another_host(visits, page_key):
    page, record = visits(*page_key)
    assert record.statuses.get(record.url) == 200, f"{record.url}: {record.statuses.get(record.url)}"
    assert not record.not_ok(), f"{record.url}: not 200: {record.not_ok()}"
    assert not record.failed, f"{record.url}: requests with no answer: {record.failed}"
    assert not record.other_hosts(), f"{record.url}: loads from another host: {record.other_hosts()}"


def test_no_console_errors(visits, page_key):
    _, record = visits(*page_key)
    assert not record.console_errors, f"{record.url}: {record.console_errors}"


def test_language_selector_leads_to_the_same_page(visits, base_url, page_key):
    lang, slug = page_key
    page, _ = visits(lang, slug)
    links = page.eval_on_selector_all(
        ".md-select a[hreflang]", "els => els.map(a => [a.getAttribute('hreflang'), a.href])"
    )
    assert dict(links) == {other: page_url(base_url, other, slug) for other in LANGUAGES}


def test_formulas_are_rendered_by_katex(visits, page_key):
    """Rendered at build time (tools/katex_hooks.py): KaTeX's HTML is in the page as served, and
    no KaTeX JavaScript is requested."""
    page, record = visits(*page_key)
    scripts = [u for u in record.statuses if re.search(r"katex|auto-render", u) and u.split("?")[0].endswith(".js")]
    assert not scripts, f"{record.url} loads KaTeX's JavaScript: {scripts}"
    math = page.locator(".arithmatex")
    unrendered = page.eval_on_selector_all(".arithmatex", "els => els.filter(e => !e.querySelector('.katex')).map(e => e.textContent)")
    assert not unrendered, f"formulas left as TeX: {unrendered}"
    for where in (".md-content", ".md-sidebar--secondary"):  # the page and its table of contents
        text = page.inner_text(where) if page.locator(where).count() else ""
        assert not re.search(r"\\\(|\\\[|\$\$|\\frac|\\sqrt", text), f"raw TeX is visible in {where}"
    lang, slug = page_key
    if notebooks.chapter_of(slug):  # a notebook: the formulas of its headings
        nb = notebooks.build(lang, notebooks.chapter_of(slug))
        expected = sum(len(re.findall(r"\$[^$]+\$", c.source)) for c in nb.cells if c.cell_type == "markdown")
    else:
        expected = len(parse_page(ROOT / "docs" / lang / f"{slug}.md").math)
    assert math.count() == expected, f"{math.count()} formulas on the page, {expected} in its markdown"
    if expected:  # the same look as before: KaTeX's stylesheet and fonts apply to the HTML
        font = page.evaluate("getComputedStyle(document.querySelector('.arithmatex .katex')).fontFamily")
        assert "KaTeX_Main" in font, f"{record.url}: formulas are set in {font!r}, not KaTeX's fonts"


def test_every_code_block_has_a_copy_button_that_copies_the_shown_code(visits, base_url, page_key):
    lang, slug = page_key
    page, _ = visits(lang, slug)
    # The install commands and the notebooks' install cell name the wheel on the served site.
    wheel_url = wheel.wheel_url(base_url)
    if notebooks.chapter_of(slug):  # no markdown fences: each code cell has mkdocs-jupyter's button
        cells = notebooks.code_cells(notebooks.build(lang, notebooks.chapter_of(slug), wheel_url))
        buttons = page.locator(".md-content clipboard-copy")
        assert buttons.count() == len(cells), f"{buttons.count()} copy buttons, {len(cells)} code cells"
        for i, cell in enumerate(cells):
            buttons.nth(i).click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied.rstrip("\n") == cell.source.rstrip("\n"), f"cell {i} ({cell.metadata.get('snippet', 'install')})"
        return
    fences = parse_page(ROOT / "docs" / lang / f"{slug}.md").fences
    blocks = page.locator(".md-content pre:has(> code)")
    assert blocks.count() == len(fences), f"{blocks.count()} code blocks shown, {len(fences)} in the markdown"
    for i, fence in enumerate(fences):
        block = blocks.nth(i)
        button = block.locator("button[data-md-type=copy]")
        assert button.count() == 1, f"code block {i} ({fence.title}) has no copy button"
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        shown = fence.content.replace(wheel.WHEEL_URL_MARK, wheel_url)
        assert copied.rstrip("\n") == shown.rstrip("\n"), f"block {i} ({fence.title}) copies other text"


def test_no_serious_or_critical_accessibility_violations(visits, page_key):
    page, _ = visits(*page_key)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map(n => n.target).join(' | ')}`)"""
    )
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", ["index", "self-attention", "self-attention-notebook"])
def test_screenshot_for_ci(visits, lang, slug):
    page, _ = visits(lang, slug)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{lang}-{slug}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000, "the screenshot is (nearly) empty"


def test_first_visit_is_within_the_page_weight_budget(visits, page_key):
    from tools.page_weight import budget

    _, record = visits(*page_key)
    kind, limit = budget(page_key[1])
    assert record.gzip_bytes <= limit, (
        f"{record.url}: {record.gzip_bytes / 1024:.0f} KB sent gzipped, over the {kind} budget"
    )
