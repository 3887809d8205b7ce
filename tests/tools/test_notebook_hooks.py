"""The notebook hook's HTML finishing: the site's anchors, a table of contents, math for KaTeX."""

from pymdownx.slugs import slugify

import re

from tools.notebook_hooks import (
    LOADERS,
    finish_headings,
    inline_styles,
    share_compiled_templates,
    subn_at_literal,
    without_list_style,
)

SLUGIFY = slugify(case="lower")


def _heading(level, anchor, text):
    # What nbconvert (patched by mkdocs-jupyter) writes for a markdown heading.
    return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">¶</a></h{level}>'


def test_headings_get_unicode_anchors_a_permalink_and_a_nested_toc():
    html = "".join([
        _heading(1, "x", "埋め込み：ノートブック"),
        "<p>intro</p>",
        _heading(2, "x", "正弦波位置エンコーディング"),
        _heading(3, "x", "よくある間違い：$2i$ ではなく $i$ を使う"),
        _heading(2, "x", "Repartir <code>d_out</code>"),
        _heading(2, "x", "Repartir <code>d_out</code>"),
    ])
    finished, toc = finish_headings(html, SLUGIFY, "Permanent link")
    ids = [t["id"] for t in toc[0]["children"]]
    assert toc[0]["id"] == "埋め込みノートブック" and toc[0]["level"] == 1
    assert ids == ["正弦波位置エンコーディング", "repartir-d_out", "repartir-d_out_1"], "unique, Unicode"
    third = toc[0]["children"][0]["children"][0]
    assert third["level"] == 3 and third["name"] == r"よくある間違い：\(2i\) ではなく \(i\) を使う"
    assert '<span class="arithmatex">\\(2i\\)</span>' in finished, "math left for KaTeX"
    assert 'class="anchor-link"' not in finished
    for anchor in [toc[0]["id"], *ids]:
        assert f'id="{anchor}"' in finished and f'href="#{anchor}"' in finished
    assert finished.count('title="Permanent link"') == 5


def test_the_cdn_loaders_and_the_list_shaped_style_are_recognised():
    mathjax = '<!-- Load mathjax -->\n<script src=""> </script>\n<!-- End of mathjax configuration -->'
    mermaid = ('<script type="module">\n  document.addEventListener("DOMContentLoaded", async () => {\n'
               '    const diagrams = document.querySelectorAll(".jp-Mermaid > pre.mermaid");\n'
               '    import("https://cdnjs.cloudflare.com/x.mjs")\n  });\n</script>')
    assert subn_at_literal(LOADERS[0], "", f"a{mathjax}b") == ("ab", 1)
    assert subn_at_literal(LOADERS[1], "", f"a{mermaid}b{mermaid}c") == ("abc", 2)
    other = '<script type="module">\n  console.log("<script type=module>")\n</script>'
    assert subn_at_literal(LOADERS[1], "", other) == (other, 0)
    for page in (f"a{mathjax}b{mermaid}", other, f"{mermaid}{mermaid}"):  # as the pattern's own subn
        for loader in LOADERS:
            assert subn_at_literal(loader, "", page) == loader.subn("", page)
    assert without_list_style("</div>\n<style>\n['pre { x }', 'y']\n</style>\n") == "</div>"
    not_last = "<style>\n['pre { x }']\n</style>\n<p>after</p>"
    assert without_list_style(not_last) == not_last
    assert without_list_style("<style>pre { x }</style>") == "<style>pre { x }</style>"


def test_inline_stylesheets_are_found_as_a_regular_expression_finds_them():
    page = ('a<style type="text/css">x{}</style>b<style>y</style>'
            '<style type="text/css">\nz { }\n</style>c<style type="text/css">unclosed')
    style = re.compile(r'<style type="text/css">(.*?)</style>', re.DOTALL)
    expected = style.sub(lambda m: f"[{m.group(1)}|{len(m.group(0))}]", page)
    assert inline_styles(page, lambda element, css: f"[{css}|{len(element)}]") == expected
    assert expected.count("[") == 2


def test_every_nbconvert_exporter_shares_one_cache_of_compiled_templates():
    from nbconvert.exporters import HTMLExporter, MarkdownExporter
    from nbconvert.exporters.templateexporter import TemplateExporter

    share_compiled_templates()
    wrapped = TemplateExporter._create_environment
    share_compiled_templates()
    assert TemplateExporter._create_environment is wrapped, "wrapped once per process"
    html, markdown = HTMLExporter().environment, MarkdownExporter().environment
    assert html.bytecode_cache is markdown.bytecode_cache is wrapped.shared_cache
    first = HTMLExporter().environment.get_template("index.html.j2")
    assert wrapped.shared_cache.code, "compiled once, kept"
    again = HTMLExporter().environment.get_template("index.html.j2")
    assert again.render.__code__.co_code == first.render.__code__.co_code
