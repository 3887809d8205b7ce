"""Every figure a page shows is drawn by the build, in every language, with its words in the page."""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from tools.figures import FIGURES, LABELS, LANGUAGE_FIGURES, SITE_FOLDER, language_figure
from tools.pages import LANGUAGES

FIGURE = re.compile(
    r'<figure>\s*<p><img alt="([^"]*)" src="([^"]+)" ?/?></p>\s*<figcaption>(.*?)</figcaption>\s*</figure>',
    re.DOTALL,
)


def _figures_of(pages, lang):
    """(page, index among its images, src) of every image under assets/figures/, page by page."""
    return [(page, i, src) for (lg, _), page in sorted(pages.items()) if lg == lang
            for i, src in enumerate(page.images) if f"{SITE_FOLDER}/" in src]


def _built(site: Path, lang: str, slug: str) -> Path:
    base = site if lang == "es" else site / lang
    return base / "index.html" if slug == "index" else base / slug / "index.html"


def test_every_figure_a_page_shows_is_built_and_captioned(site, pages, lang):
    missing = []
    for (lg, slug), page in sorted(pages.items()):
        if lg != lang:
            continue
        wanted = [src for src in page.images if f"{SITE_FOLDER}/" in src]
        html_path = _built(site, lang, slug)
        shown = FIGURE.findall(html_path.read_text(encoding="utf-8"))
        assert len(shown) == len(wanted), (
            f"{page.name}: {len(wanted)} figures in the markdown, {len(shown)} built as "
            "<figure> with an image and a caption"
        )
        for (alt, src, caption), written in zip(shown, wanted):
            assert src.endswith(written.rsplit("/", 1)[1])
            url = urljoin("/" + html_path.relative_to(site).as_posix(), src)
            target = site / unquote(urlsplit(url).path).lstrip("/")
            if not target.is_file():
                missing.append(f"{page.name} shows {written}, which the build does not produce")
                continue
            assert ElementTree.parse(target).getroot().tag == "{http://www.w3.org/2000/svg}svg", target
            assert alt.strip() and re.sub(r"<[^>]+>", "", caption).strip(), f"{page.name}: {written}"
    assert not missing, "\n".join(missing)


def test_every_drawn_figure_is_shown_in_every_language(pages):
    for lang in LANGUAGES:
        shown = {src.rsplit("/", 1)[1] for _, _, src in _figures_of(pages, lang)}
        unused = sorted(set(FIGURES) - shown)
        assert not unused, f"[{lang}] drawn by tools/figures.py but shown on no page: {unused}"


def test_alt_text_is_written_in_each_pages_language(pages, lang):
    for page, i, src in _figures_of(pages, lang):
        alt = page.alts[i]
        assert len(alt) > 20, f"{page.name}: {src} has no real alt text: {alt!r}"
        assert "*" not in alt, f"{page.name}: markdown in alt text is shown raw: {alt!r}"
        if lang != "es":
            reference = pages[("es", page.slug)]
            assert alt != reference.alts[reference.images.index(src)], f"{page.name}: {src} alt text is Spanish"
        if lang in ("ja", "ko"):
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", alt), f"{page.name}: {alt!r}"


def test_each_language_shows_the_drawing_with_its_own_words(site, pages, lang):
    for (lg, slug), page in sorted(pages.items()):
        if lg != lang:
            continue
        for src in page.images:
            name = src.rsplit("/", 1)[1]
            if f"{SITE_FOLDER}/" not in src or name not in LANGUAGE_FIGURES:
                continue
            html = _built(site, lang, slug).read_text(encoding="utf-8")
            own = f"{SITE_FOLDER}/{language_figure(name, lang)}"
            assert own in html, f"{page.name}: {name} is not pointed at its {lang} drawing {own}"
            svg = (site / own).read_text(encoding="utf-8")
            assert LABELS[lang]["encoder"] in svg, f"{own} does not say {LABELS[lang]['encoder']!r}"
