"""Every page of every language, in chromium, as a reader opens it.

Each page is opened once, cold, and every check below runs on that one visit (one test per page,
so that parallel test workers never open a page twice); a failing check does not hide the others:
the test lists every check that failed on the page. A page that passed every check is not opened
again while nothing it read has changed (tests/browser/conftest.py, browser_verdicts).
"""

import re

from tests.browser.conftest import PAGES, SCREENSHOTS, page_url
from tools import notebooks, wheel
from tools.page_weight import budget, code_budget
from tools.pages import LANGUAGES, ROOT, parse_page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The pages whose screenshot CI keeps (artifacts/screenshots/), in every language.
SCREENSHOT_SLUGS = ("index", "self-attention", "self-attention-notebook")

# Clicks each copy button as a reader would reach it (scrolled into view, not covered by another
# element) and reads what it put on the clipboard: [{reachable, text}], text null if nothing came.
COPY_EACH = """async (selector) => {
  const nothing = "\\u0000nothing copied\\u0000";
  const results = [];
  for (const button of document.querySelectorAll(selector)) {
    button.scrollIntoView({block: "center"});
    const box = button.getBoundingClientRect();
    const style = getComputedStyle(button);
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    const reachable = box.width > 0 && box.height > 0 && style.visibility !== "hidden"
      && hit !== null && (button === hit || button.contains(hit));
    await navigator.clipboard.writeText(nothing);
    button.click();
    let text = nothing;
    for (let wait = 0; wait < 400 && text === nothing; wait++) {
      await new Promise((done) => setTimeout(done, 5));
      text = await navigator.clipboard.readText();
    }
    results.push({reachable, text: text === nothing ? null : text});
  }
  return results;
}"""


def check_every_resource_answers_and_nothing_comes_from_another_host(page, record, base_url, lang, slug):
    assert record.statuses.get(record.url) == 200, f"{record.url}: {record.statuses.get(record.url)}"
    assert not record.not_ok(), f"{record.url}: not 200: {record.not_ok()}"
    assert not record.failed, f"{record.url}: requests with no answer: {record.failed}"
    assert not record.other_hosts(), f"{record.url}: loads from another host: {record.other_hosts()}"


def check_no_console_errors(page, record, base_url, lang, slug):
    assert not record.console_errors, f"{record.url}: {record.console_errors}"


def check_language_selector_leads_to_the_same_page(page, record, base_url, lang, slug):
    links = page.eval_on_selector_all(
        ".md-select a[hreflang]", "els => els.map(a => [a.getAttribute('hreflang'), a.href])"
    )
    assert dict(links) == {other: page_url(base_url, other, slug) for other in LANGUAGES}


def check_formulas_are_rendered_by_katex(page, record, base_url, lang, slug):
    """Rendered at build time (tools/katex_hooks.py): KaTeX's HTML is in the page as served, it is
    set in KaTeX's fonts, and no KaTeX JavaScript is requested."""
    scripts = [u for u in record.statuses if re.search(r"katex|auto-render", u) and u.split("?")[0].endswith(".js")]
    assert not scripts, f"{record.url} loads KaTeX's JavaScript: {scripts}"
    math = page.locator(".arithmatex")
    unrendered = page.eval_on_selector_all(".arithmatex", "els => els.filter(e => !e.querySelector('.katex')).map(e => e.textContent)")
    assert not unrendered, f"formulas left as TeX: {unrendered}"
    for where in (".md-content", ".md-sidebar--secondary"):  # the page and its table of contents
        text = page.inner_text(where) if page.locator(where).count() else ""
        assert not re.search(r"\\\(|\\\[|\$\$|\\frac|\\sqrt", text), f"raw TeX is visible in {where}"
    if notebooks.chapter_of(slug):  # a notebook: the formulas of its headings
        nb = notebooks.build(lang, notebooks.chapter_of(slug))
        expected = sum(len(re.findall(r"\$[^$]+\$", c.source)) for c in nb.cells if c.cell_type == "markdown")
    else:
        expected = len(parse_page(ROOT / "docs" / lang / f"{slug}.md").math)
    assert math.count() == expected, f"{math.count()} formulas on the page, {expected} in its markdown"
    if expected:  # the same look as before: KaTeX's stylesheet and fonts apply to the HTML
        font = page.evaluate("getComputedStyle(document.querySelector('.arithmatex .katex')).fontFamily")
        assert "KaTeX_Main" in font, f"{record.url}: formulas are set in {font!r}, not KaTeX's fonts"


def check_every_code_block_has_a_copy_button_that_copies_the_shown_code(page, record, base_url, lang, slug):
    # The install commands and the notebooks' install cell name the wheel on the served site.
    wheel_url = wheel.wheel_url(base_url)
    if notebooks.chapter_of(slug):  # no markdown fences: each code cell has mkdocs-jupyter's button
        cells = notebooks.code_cells(notebooks.build(lang, notebooks.chapter_of(slug), wheel_url))
        copied = page.evaluate(COPY_EACH, ".md-content clipboard-copy")
        assert len(copied) == len(cells), f"{len(copied)} copy buttons, {len(cells)} code cells"
        for i, (cell, got) in enumerate(zip(cells, copied)):
            what = f"cell {i} ({cell.metadata.get('snippet', 'install')})"
            assert got["reachable"], f"{what}: its copy button cannot be clicked"
            assert got["text"] is not None, f"{what}: its copy button copies nothing"
            assert got["text"].rstrip("\n") == cell.source.rstrip("\n"), what
        return
    fences = parse_page(ROOT / "docs" / lang / f"{slug}.md").fences
    buttons = page.eval_on_selector_all(
        ".md-content pre:has(> code)", "els => els.map(e => e.querySelectorAll('button[data-md-type=copy]').length)"
    )
    assert len(buttons) == len(fences), f"{len(buttons)} code blocks shown, {len(fences)} in the markdown"
    for i, (fence, count) in enumerate(zip(fences, buttons)):
        assert count == 1, f"code block {i} ({fence.title}) has {count} copy buttons, not one"
    copied = page.evaluate(COPY_EACH, ".md-content pre:has(> code) button[data-md-type=copy]")
    for i, (fence, got) in enumerate(zip(fences, copied)):
        assert got["reachable"], f"block {i} ({fence.title}): its copy button cannot be clicked"
        assert got["text"] is not None, f"block {i} ({fence.title}): its copy button copies nothing"
        shown = fence.content.replace(wheel.WHEEL_URL_MARK, wheel_url)
        assert got["text"].rstrip("\n") == shown.rstrip("\n"), f"block {i} ({fence.title}) copies other text"


def check_no_serious_or_critical_accessibility_violations(page, record, base_url, lang, slug):
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map(n => n.target).join(' | ')}`)"""
    )
    assert not violations, "\n".join(violations)


def check_first_visit_is_within_the_page_weight_budget(page, record, base_url, lang, slug):
    kind, limit = budget(slug)
    assert record.gzip_bytes <= limit, (
        f"{record.url}: {record.gzip_bytes / 1024:.0f} KB sent gzipped, over the {kind} budget"
    )
    kind, limit = code_budget(slug)
    assert record.code_gzip_bytes <= limit, (
        f"{record.url}: {record.code_gzip_bytes / 1024:.0f} KB of HTML, scripts and stylesheets "
        f"gzipped, over the {kind} budget of {limit // 1024} KB"
    )


# In this order: what the visit loaded first; axe scans the page as it was opened, before the
# copy buttons are clicked (a clicked button shows "copied" for a while).
CHECKS = [
    check_every_resource_answers_and_nothing_comes_from_another_host,
    check_no_console_errors,
    check_first_visit_is_within_the_page_weight_budget,
    check_language_selector_leads_to_the_same_page,
    check_formulas_are_rendered_by_katex,
    check_no_serious_or_critical_accessibility_violations,
    check_every_code_block_has_a_copy_button_that_copies_the_shown_code,
]


def test_every_check_of_the_page_in_one_visit(visits, base_url, browser_verdicts, page_key):
    lang, slug = page_key
    verdicts, current = browser_verdicts("browser-pages")
    name = f"{lang}/{slug}"
    screenshot = SCREENSHOTS / f"{lang}-{slug}.png" if slug in SCREENSHOT_SLUGS else None
    kept = verdicts.attachment(name, ".png")
    if verdicts.passed(name, current) and (screenshot is None or kept.is_file()):
        if screenshot:  # the visit that passed took it; CI keeps it all the same
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(kept.read_bytes())
        return
    page, record = visits(lang, slug)
    if screenshot:  # for CI's artifacts, before any click scrolls the page
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=False)
        assert screenshot.stat().st_size > 10_000, "the screenshot is (nearly) empty"
    failed = []
    for check in CHECKS:
        try:
            check(page, record, base_url, lang, slug)
        except AssertionError as error:
            failed.append(f"{check.__name__.removeprefix('check_')}: {error}")
    assert not failed, f"{lang}/{slug}: {len(failed)} of {len(CHECKS)} checks failed:\n" + "\n\n".join(failed)
    # Passed: on what it read (every URL the visit loaded, the page's markdown), for the next run.
    verdicts.record(name, {**record.hashes, f"docs:{name}": current(f"docs:{name}")})
    if screenshot:
        kept.write_bytes(screenshot.read_bytes())


def test_every_screenshot_page_exists_in_every_language():
    missing = {(lang, slug) for lang in LANGUAGES for slug in SCREENSHOT_SLUGS} - set(PAGES)
    assert not missing, f"no such page to screenshot for CI: {sorted(missing)}"


def test_a_kept_pass_depends_on_every_tool_the_browser_checks_import():
    import ast

    from tests.browser.conftest import CHECK_TOOLS

    imported = set()
    for path in (ROOT / "tests" / "browser").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "tools":
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tools."):
                imported.add(node.module.split(".")[1])
    assert imported and imported <= set(CHECK_TOOLS), f"not in CHECK_TOOLS: {sorted(imported - set(CHECK_TOOLS))}"
