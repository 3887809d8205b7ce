"""The four languages carry the same pages, sections, includes, figures and images."""

from tools.pages import LANGUAGES, slugs

REFERENCE = "es"


def test_every_page_exists_in_every_language(lang):
    everywhere = set().union(*(slugs(lg) for lg in LANGUAGES))
    missing = sorted(everywhere - slugs(lang))
    assert not missing, "\n".join(
        f"docs/{lang}/{slug}.md is missing (present in "
        f"{', '.join(lg for lg in LANGUAGES if slug in slugs(lg))})"
        for slug in missing
    )


def _pairs(pages, lang):
    for (lg, slug), page in sorted(pages.items()):
        if lg == lang and lang != REFERENCE and (REFERENCE, slug) in pages:
            yield page, pages[(REFERENCE, slug)]


def test_same_heading_structure(pages, lang):
    for page, ref in _pairs(pages, lang):
        assert page.headings == ref.headings, (
            f"{page.name}: heading levels {page.headings} differ from {ref.name}: {ref.headings}"
        )


def test_same_includes_in_the_same_order(pages, lang):
    for page, ref in _pairs(pages, lang):
        assert page.includes == ref.includes, (
            f"{page.name}: includes differ from {ref.name}\n"
            f"  {lang}: {page.includes}\n  {REFERENCE}: {ref.includes}"
        )


def test_same_figures_in_each_section(pages, lang):
    for page, ref in _pairs(pages, lang):
        for i, (mine, theirs) in enumerate(zip(page.prose_numbers(), ref.prose_numbers())):
            assert mine == theirs, (
                f"{page.name}, section '{page.titles[i]}': numbers in the prose differ from "
                f"{ref.name} ('{ref.titles[i]}'): only in {lang}: {dict(mine - theirs)}, "
                f"only in {REFERENCE}: {dict(theirs - mine)}"
            )


def test_same_images(pages, lang):
    for page, ref in _pairs(pages, lang):
        assert page.images == ref.images, f"{page.name}: images differ from {ref.name}"


def test_same_formulas(pages, lang):
    for page, ref in _pairs(pages, lang):
        assert sorted(page.math) == sorted(ref.math), (
            f"{page.name}: formulas differ from {ref.name}: only in {lang}: "
            f"{sorted(set(page.math) - set(ref.math))}, only in {REFERENCE}: "
            f"{sorted(set(ref.math) - set(page.math))}"
        )
