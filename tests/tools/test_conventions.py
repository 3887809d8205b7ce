"""The convention checker finds what it must, and only that, on pages made up for the test."""

import re

import pytest

import tools.conventions as conventions
from tools.conventions import Prose, Rule, RulesError, glossary_variants, load_rules, prose_of, violations


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A docs/ and translating/ of our own, with one language, 'es'."""
    (tmp_path / "docs" / "es").mkdir(parents=True)
    (tmp_path / "translating").mkdir()
    monkeypatch.setattr(conventions, "DOCS", tmp_path / "docs")
    monkeypatch.setattr(conventions, "RULES", tmp_path / "translating")
    monkeypatch.setattr(conventions, "ROOT", tmp_path)
    return tmp_path


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_prose_leaves_out_code_math_and_addresses(tmp_path):
    page = write(tmp_path / "p.md", (
        "# Título\n\nUn párrafo con `ordenador` en código, $x_\"i\"$ y [enlace](https://ordenador.example){download=\"a.ipynb\"}.\n\n"
        "```python\nprint(\"ordenador\")\n```\n\n| a | b |\n|---|---|\n| celda | ordenador |\n\n![alt ordenador](f.svg)\n"
    ))
    text = " ".join(p.text for p in prose_of(page))
    assert "Título" in text and "celda" in text and "enlace" in text
    assert text.count("ordenador") == 2  # the table cell and the alt text, not code, math or URL
    assert '"' not in text


def test_lines_point_at_the_page_as_written(tmp_path):
    page = write(tmp_path / "p.md", "Uno\ndos\ntres ordenador\n")
    rule = Rule(re.compile("ordenador"), "equipo", "neutral", "test")
    (found,) = violations(prose_of(page), [rule], [])
    assert found.startswith(f"docs/{tmp_path.name}/p.md:3: 'ordenador' -> use 'equipo'")


def test_glossary_variants_are_read_from_the_avoid_column(site):
    write(site / "docs" / "es" / "glossary.md", (
        "| Término | Inglés | Evitar |\n|---|---|---|\n"
        "| incrustación | embedding | embebido / *incrustamiento* |\n| lote | batch | — |\n"
    ))
    assert glossary_variants("es") == {"embebido": "incrustación", "incrustamiento": "incrustación"}


def test_a_glossary_without_the_column_is_an_error(site):
    write(site / "docs" / "es" / "glossary.md", "| Término | Inglés |\n|---|---|\n| lote | batch |\n")
    with pytest.raises(RulesError, match="no table has a column headed 'Evitar'"):
        glossary_variants("es")


def test_whole_words_in_spanish_substrings_in_korean():
    es = conventions._variant_pattern("lote", "es")
    ko = conventions._variant_pattern("가중값", "ko")
    assert es.search("un Lote de frases") and not es.search("lotería")
    assert ko.search("가중값은 0.5입니다")


def test_rules_file_is_read_and_checked(site):
    with pytest.raises(RulesError, match="translating/es.toml is missing"):
        load_rules("es")
    write(site / "translating" / "es.toml", '[quotes]\nforbidden = ["\\""]\n[[avoid]]\npattern = "fila 0"\nuse = "fila 1"\n')
    with pytest.raises(RulesError, match=r"\[\[avoid\]\] number 1 has no why"):
        load_rules("es")
    write(site / "translating" / "es.toml", '[[avoid]]\npattern = "("\nuse = "x"\nwhy = "y"\n')
    with pytest.raises(RulesError, match="bad pattern"):
        load_rules("es")


def test_check_language_reports_rules_variants_and_quotes_and_spares_the_glossary(site):
    write(site / "translating" / "es.toml", (
        '[quotes]\nforbidden = ["\\""]\n'
        '[[avoid]]\npattern = "\\\\bla fila 0\\\\b"\nuse = "la primera fila"\nwhy = "filas desde 1"\n'
    ))
    write(site / "docs" / "es" / "glossary.md", (
        "| Término | Evitar |\n|---|---|\n| incrustación | embebido |\n\nNo digas la fila 0.\n"
    ))
    write(site / "docs" / "es" / "page.md", 'En la fila 0 hay un vector embebido y una "cita".\n\n`"código"` no cuenta.\n')
    found = conventions.check_language("es")
    assert len(found) == 3, found
    assert any("'la fila 0' -> use 'la primera fila'" in f for f in found)
    assert any("'embebido' -> use 'incrustación'" in f for f in found)
    assert any("quotation mark \"" in f for f in found)
    assert not any(f.startswith("docs/es/glossary.md") for f in found)
