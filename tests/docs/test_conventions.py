"""The conventions of TRANSLATING.md that a test can check, in every language's pages."""

import pytest

from tools.conventions import AVOID_HEADER, check_language, glossary_variants, load_rules


def test_each_language_writes_its_rules_down(lang):
    forbidden, rules = load_rules(lang)
    assert forbidden, f"translating/{lang}.toml: [quotes] forbidden names no quotation mark"
    assert rules, f"translating/{lang}.toml: no [[avoid]] rule"


def test_the_glossary_names_variants_to_avoid(lang):
    variants = glossary_variants(lang)
    assert len(variants) >= 5, (
        f"docs/{lang}/glossary.md: column '{AVOID_HEADER[lang]}' lists {len(variants)} variants; "
        "name for each term the spellings and synonyms this site does not use"
    )


def test_no_page_breaks_a_convention(lang):
    broken = check_language(lang)
    assert not broken, f"{len(broken)} places break the conventions of translating/{lang}.*:\n" + "\n".join(broken)
