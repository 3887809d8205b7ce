"""MkDocs hook: each chapter's companion notebook, as a page and a download, in every language.

mkdocs-jupyter renders notebooks, but not under mkdocs-static-i18n: i18n rebuilds the list of files
after mkdocs-jupyter has wrapped the notebooks, so they are copied as raw JSON
(ultrabug/mkdocs-static-i18n#198), and every language pass would execute every notebook again.
This hook, for each language pass, after i18n has chosen that language's files:

1. builds the notebook of each chapter from the chapter page (tools/notebooks.py) and gives it
   the outputs of a fresh kernel. A chapter's code runs once per build, whatever the number of
   languages, and not at all when .cache/notebooks/ already holds the outputs of the same code
   cells with the same package source (src/) and library versions;
2. fails the build when a cell raises or prints anything but its snippet's .out file;
3. adds the notebook as a page, <lang>/<chapter>-notebook/ (outside the nav and the search
   index, linked to the same notebook in the other languages), and the executed .ipynb beside it
   to download, its install cell naming the wheel's address on this site (tools/wheel.py). The
   outputs and the page are made from the notebook with WHEEL_URL_MARK in its place, so that
   neither depends on site_url and both stay cached when only the address changes;
4. lets mkdocs-jupyter render it (execute: false: the outputs are already there), keeping the HTML
   in .cache/notebooks/ across languages and builds;
5. finishes the HTML: the site's Unicode heading anchors and table of contents, KaTeX for math in
   headings, the copy button in the page's language, no MathJax or Mermaid loader (they would
   fetch from a CDN), Jupyter's large stylesheet served once for every notebook page, the wheel's
   address in the install cell, and a line that links the chapter and the download.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import re
import sys
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path: make `tools` importable
    sys.path.insert(0, str(ROOT))

from tools import notebooks, wheel  # noqa: E402

log = logging.getLogger("mkdocs.hooks.notebooks")
CACHE = ROOT / ".cache" / "notebooks"
JUPYTER = "mkdocs-jupyter"
STYLESHEET = "assets/stylesheets/jupyter.css"  # Jupyter's CSS, shared by every notebook page


class NotebookPage(File):
    """A generated .ipynb that MkDocs treats as a page (mkdocs-jupyter renders it)."""

    chapter: str
    lang: str

    def is_documentation_page(self) -> bool:
        return True


class _Build:
    """What one `mkdocs build` (all its language passes) has computed so far."""

    def __init__(self):
        self.outputs: dict[str, list] = {}  # execution key -> outputs of every code cell
        self.used: set[Path] = set()  # cache files this build needed (the others are evicted)
        self.package = None  # notebooks.package_fingerprint(), once per build


_build = _Build()


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("tools/notebook_hooks.py expects mkdocs-static-i18n (plugin 'i18n')")
    return plugin


def _jupyter(config):
    plugin = config.plugins.get(JUPYTER)
    if plugin is None:
        raise PluginError(f"tools/notebook_hooks.py renders with the '{JUPYTER}' plugin: add it to mkdocs.yml")
    return plugin


def share_compiled_templates() -> None:
    """Give every jinja2 environment that nbconvert creates in this process one bytecode cache in
    memory (once per process).

    mkdocs-jupyter makes two new exporters for each notebook page (HTML, and Markdown for the
    table of contents), and each new exporter parsed and compiled its templates again: 426
    compiles for the 28 pages of a build, 5.8 s of the 12 s their rendering took. jinja2 keys a
    compiled template on its name and file, and checks it against its source's checksum."""
    from jinja2 import BytecodeCache
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment
    if getattr(create, "shared_cache", None) is not None:
        return

    class InMemory(BytecodeCache):
        def __init__(self):
            self.code: dict[str, bytes] = {}

        def load_bytecode(self, bucket):
            if bucket.key in self.code:
                bucket.bytecode_from_string(self.code[bucket.key])

        def dump_bytecode(self, bucket):
            self.code[bucket.key] = bucket.bytecode_to_string()

    def create_environment(exporter):
        environment = create(exporter)
        environment.bytecode_cache = create_environment.shared_cache
        return environment

    create_environment.shared_cache = InMemory()
    TemplateExporter._create_environment = create_environment


def on_config(config):
    """Check that mkdocs-jupyter leaves executing and caching to this hook; share the compiled
    templates of nbconvert's exporters (_CompiledTemplates)."""
    share_compiled_templates()
    options = _jupyter(config).config
    wrong = {key: options[key] for key, value in
             (("execute", False), ("cache", False), ("include_source", False), ("allow_errors", False))
             if options[key] != value}
    if wrong:
        raise PluginError(
            f"{JUPYTER}: {wrong} in mkdocs.yml: tools/notebook_hooks.py executes the notebooks once "
            "per build, caches them across languages and offers the download itself; set execute, "
            "cache, include_source and allow_errors to false"
        )
    if list(options["include"]) != ["*.ipynb"]:
        raise PluginError(f"{JUPYTER}: set include to ['*.ipynb'] (its default also takes .py and .md)")
    return config


def on_pre_build(config):
    """A new build starts with its first language pass: forget what the previous one computed."""
    global _build
    if not _i18n(config).building:
        _build = _Build()


# --- 1 and 2: the executed notebooks ----------------------------------------------------------


def _cached_outputs(keys_and_sources: dict[str, list[str]], after: dict[str, str]) -> None:
    """Fill _build.outputs for every key, from the disk cache or by running the code (and
    after[key], if given, in the same kernel: notebooks.AFTER)."""
    missing = {}
    for key, sources in keys_and_sources.items():
        if key in _build.outputs:
            continue
        path = CACHE / "outputs" / f"{key}.json"
        _build.used.add(path)
        if path.exists():
            _build.outputs[key] = json.loads(path.read_text(encoding="utf-8"))
        else:
            missing[key] = sources
    if not missing:
        return
    log.info(f"Executing {len(missing)} notebook(s) in fresh kernels")
    # A kernel that also runs another hook's code has the most to do (the training chapter's,
    # which trains the encoder and then draws the figures): it starts first, with a core of its
    # own, while the other notebooks take turns on the other.
    missing = dict(sorted(missing.items(), key=lambda item: item[0] not in after))
    try:
        runs = notebooks.execute(list(missing.values()), after=[after.get(key) for key in missing])
    except Exception as error:  # nbclient's CellExecutionError names the cell and the traceback
        raise PluginError(f"a notebook cell failed:\n{error}") from error
    for key, outputs in zip(missing, runs):
        path = CACHE / "outputs" / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
        _build.outputs[key] = outputs


def executed_notebooks(lang: str) -> dict[str, str]:
    """The .ipynb text of every chapter notebook of one language, outputs included, checked."""
    if _build.package is None:
        _build.package = notebooks.package_fingerprint()
    books, keys = {}, {}
    for chapter in notebooks.CHAPTERS:
        if not (notebooks.DOCS / lang / f"{chapter}.md").exists():
            continue
        books[chapter] = notebooks.build(lang, chapter)
        sources = [cell.source for cell in notebooks.code_cells(books[chapter])]
        keys[chapter] = (notebooks.execution_key(sources, _build.package), sources)
    # What other hooks asked to run after a chapter's cells: only in a kernel this build starts.
    after = {keys[chapter][0]: notebooks.AFTER.pop(chapter) for chapter in list(notebooks.AFTER)
             if chapter in keys and keys[chapter][0] not in _build.outputs}
    _cached_outputs(dict(keys.values()), after)
    texts = {}
    for chapter, nb in books.items():
        notebooks.with_outputs(nb, _build.outputs[keys[chapter][0]])
        problems = notebooks.output_problems(nb)
        if problems:
            raise PluginError(
                f"{lang}/{notebooks.notebook_slug(chapter)}: every cell must print exactly its "
                "snippet's .out file (regenerate them with `python -m tools.snippets --write`):\n"
                + "\n".join(problems)
            )
        texts[chapter] = notebooks.dumps(nb)
    return texts


# --- 3: the pages and the downloads -----------------------------------------------------------


def _prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def _page_dest(config, lang: str, default: str, slug: str) -> str:
    name = f"{slug}/index.html" if config.use_directory_urls else f"{slug}.html"
    return _prefix(lang, default) + name


def _page_url(config, lang: str, default: str, slug: str) -> str:
    return _prefix(lang, default) + (f"{slug}/" if config.use_directory_urls else f"{slug}.html")


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# Jupyter's light theme writes some code and prompts too pale for WCAG AA (4.5:1) on its cells'
# grey (the axe-core scan of tests/browser found them): the same hues, darker.
CONTRAST = """
/* Added by tools/notebook_hooks.py: colours dark enough for 4.5:1 on the cells' grey. */
.jupyter-wrapper {
  --jp-mirror-editor-comment-color: #2e6363;
  --jp-mirror-editor-number-color: #006b00;
  --jp-mirror-editor-operator-color: #8b1ad6;
  --jp-mirror-editor-meta-color: #8b1ad6;
  --jp-mirror-editor-atom-color: #3b3bc4;
  --jp-mirror-editor-variable-3-color: #006b4f;
  --jp-mirror-editor-quote-color: #006b00;
  --jp-cell-inprompt-font-color: #24609a;
  --jp-cell-outprompt-font-color: #a24a2f;
}
"""


def _jupyter_assets() -> Path:
    from mkdocs_jupyter.config import settings

    return Path(settings.templates_dir) / "mkdocs_html" / "assets"


def _stylesheet(config) -> str:
    """Jupyter's stylesheets, as mkdocs-jupyter inlines them in every page, and CONTRAST."""
    theme = "theme-dark.css" if _jupyter(config).config["theme"] == "dark" else "theme-light.css"
    sheets = [(_jupyter_assets() / name).read_text(encoding="utf-8") for name in ("index.css", theme)]
    return "\n".join([*sheets, CONTRAST])


@event_priority(-100)  # after mkdocs-static-i18n has chosen this language's files (same priority, later hook)
def on_files(files, config):
    """Add this language's notebook pages, their downloads, and Jupyter's shared stylesheet."""
    i18n = _i18n(config)
    lang, default = i18n.current_language, i18n.default_language
    languages = [lg.locale for lg in i18n.config.languages if lg.build]
    for chapter, text in executed_notebooks(lang).items():
        slug = notebooks.notebook_slug(chapter)
        source = CACHE / "pages" / lang / f"{slug}.ipynb"
        _write_if_changed(source, text)
        page = NotebookPage.generated(config, f"{lang}/{slug}.ipynb", abs_src_path=str(source),
                                      inclusion=InclusionLevel.NOT_IN_NAV)
        page.dest_uri = _page_dest(config, lang, default, slug)
        page.chapter, page.lang = chapter, lang
        # What mkdocs-static-i18n records on its own files: the language selector links the same
        # notebook in every language that has the chapter.
        page.locale = page.locale_alternate_of = page.localization = lang
        page.norm_src_uri = f"{slug}.ipynb"
        page.alternates = {
            other: page if other == lang else SimpleNamespace(url=_page_url(config, other, default, slug), page=None)
            for other in languages
            if (notebooks.DOCS / other / f"{chapter}.md").exists()
        }
        # The download names the wheel's real address where the page's source has the mark.
        offered = text.replace(wheel.WHEEL_URL_MARK, wheel.wheel_url(config.site_url))
        download = File.generated(config, f"{lang}/{slug}/{notebooks.download_name(chapter)}",
                                  content=offered)
        download.dest_uri = _prefix(lang, default) + f"{slug}/{notebooks.download_name(chapter)}"
        files.append(page)
        files.append(download)
    if STYLESHEET not in files.src_uris:
        files.append(File.generated(config, STYLESHEET, content=_stylesheet(config)))
    # The sitemap lists each language's pages as recorded by i18n's on_files: add the notebooks.
    i18n.i18n_files_per_language[lang] = files.documentation_pages()
    return files


# --- 4: rendering, cached ---------------------------------------------------------------------


def _render_key(page: NotebookPage, config) -> str:
    options = {k: v for k, v in _jupyter(config).config.items() if k not in ("include", "ignore")}
    digest = hashlib.sha256(page.content_bytes)
    digest.update(repr(sorted(options.items())).encode())
    for name in ("mkdocs-jupyter", "nbconvert"):
        digest.update(f"{name}=={metadata.version(name)}".encode())
    return digest.hexdigest()


@event_priority(-50)  # after mkdocs-jupyter's on_pre_page has set the page's render
def on_pre_page(page, config, files):
    """Serve a notebook page's HTML from the cache when the same notebook was rendered before."""
    if not isinstance(page.file, NotebookPage):
        return page
    jupyter_render = page.render
    if getattr(jupyter_render, "__func__", None) is Page.render:
        raise PluginError(f"{JUPYTER} did not take {page.file.src_uri}: check its include/ignore")
    cached = CACHE / "html" / f"{_render_key(page.file, config)}.html"
    _build.used.add(cached)

    def render(config, files):
        if cached.exists():
            page.content = cached.read_text(encoding="utf-8")
        else:
            jupyter_render(config, files)
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(page.content, encoding="utf-8")

    page.render = render
    return page


# --- 5: the finished page ---------------------------------------------------------------------

HEADING = re.compile(
    r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#\2">¶</a></h\1>', re.DOTALL
)
TAG = re.compile(r"<[^>]+>")
MATH = re.compile(r"\$([^$<>]+)\$")
# nbconvert's loaders, which would fetch MathJax and Mermaid from a CDN (neither is needed here).
LOADERS = (
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL),
    re.compile(r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{\s*'
               r'const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>', re.DOTALL),
)
# mkdocs-jupyter appends its Pygments CSS a second time, as the text of a Python list: not CSS.
# It is the page's last element (the whitespace before it goes too).
LIST_STYLE = re.compile(r"<style>\s*\['.*?'\]\s*</style>\s*$", re.DOTALL)


def subn_at_literal(pattern: re.Pattern, repl, content: str) -> tuple[str, int]:
    """pattern.subn(repl, content), trying the pattern only where its literal start occurs (up
    to its first special character): re tries every position of a 600 kB page, which took most
    of a warm build's time for the notebook pages."""
    literal = re.match(r"[^\\.*?+()\[\]{}|^$]+", pattern.pattern).group(0)
    parts, pos, count = [], 0, 0
    while (at := content.find(literal, pos)) != -1:
        match = pattern.match(content, at)
        if match is None:
            parts.append(content[pos : at + 1])
            pos = at + 1
            continue
        parts.append(content[pos:at])
        parts.append(repl(match) if callable(repl) else match.expand(repl))
        pos, count = match.end(), count + 1
    parts.append(content[pos:])
    return "".join(parts), count


def inline_styles(content: str, repl) -> str:
    """Each `<style type="text/css">css</style>` of the page replaced by repl(element, css), found
    with str.find: a regular expression's lazy `.*?` crawls through each inline stylesheet
    (500 kB) one character at a time."""
    start, end = '<style type="text/css">', "</style>"
    parts, pos = [], 0
    while (at := content.find(start, pos)) != -1 and (close := content.find(end, at)) != -1:
        parts.append(content[pos:at])
        parts.append(repl(content[at : close + len(end)], content[at + len(start) : close]))
        pos = close + len(end)
    parts.append(content[pos:])
    return "".join(parts)


def without_list_style(content: str) -> str:
    """The page without its last element when that is LIST_STYLE."""
    at = content.rfind("<style>")
    if at == -1 or not LIST_STYLE.match(content, at):
        return content
    return content[:at].rstrip()


@functools.cache
def _inline_stylesheets() -> frozenset[str]:
    """Jupyter's stylesheets as mkdocs-jupyter inlines them, each stripped."""
    return frozenset((_jupyter_assets() / name).read_text(encoding="utf-8").strip()
                     for name in ("index.css", "theme-light.css", "theme-dark.css"))


def _unique(slug: str, seen: set[str]) -> str:
    """The slug, or slug_1, slug_2... if taken (as Python-Markdown's toc does)."""
    candidate, n = slug, 0
    while candidate in seen:
        n += 1
        candidate = f"{slug}_{n}"
    seen.add(candidate)
    return candidate


def finish_headings(content: str, slugify, permalink_title: str) -> tuple[str, list[dict]]:
    """Headings as the chapters have them: the site's Unicode anchors and permalinks, math for
    KaTeX; and the page's table of contents."""
    seen: set[str] = set()
    tokens: list[dict] = []
    stack: list[dict] = []

    def replace(match):
        level, inner = int(match.group(1)), match.group(3)
        text = html.unescape(TAG.sub("", inner))
        anchor = _unique(slugify(text, "-"), seen)
        inner = MATH.sub(lambda m: f'<span class="arithmatex">\\({m.group(1)}\\)</span>', inner)
        name = MATH.sub(lambda m: f"\\({m.group(1)}\\)", html.escape(text, quote=False))
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
        return (f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
                f'title="{html.escape(permalink_title)}">&para;</a></h{level}>')

    return HEADING.sub(replace, content), tokens


def finish(content: str, page, config, files) -> str:
    """The rendered notebook as this site serves it (see the module's docstring, point 5)."""
    file = page.file
    text = notebooks.TEXT[file.lang]
    for loader in LOADERS:
        content, found = subn_at_literal(loader, "", content)
        if found != 1:
            raise PluginError(f"{JUPYTER}'s HTML changed: update LOADERS in tools/notebook_hooks.py")
    content = without_list_style(content)
    # The install cell: the wheel's address on this site, where the rendered notebook has the mark.
    content, found = re.subn(re.escape(wheel.WHEEL_URL_MARK), html.escape(wheel.wheel_url(config.site_url)), content)
    if not found:
        raise PluginError(f"{file.src_uri}: the install cell's {wheel.WHEEL_URL_MARK} is not in the rendered page")
    # Jupyter's stylesheet (over 500 kB) once for the whole site instead of inline in every page.
    css = files.get_file_from_path(STYLESHEET)
    link = f'<link rel="stylesheet" href="{css.url_relative_to(file)}">'
    inline = _inline_stylesheets()
    replaced = []

    def external(element, css):
        if css.strip() in inline:
            replaced.append(element)
            return link if len(replaced) == 1 else ""
        return element

    content = inline_styles(content, external)
    if not replaced:
        raise PluginError(f"{JUPYTER} no longer inlines Jupyter's CSS: update tools/notebook_hooks.py")
    toc = config.mdx_configs.get("toc", {})
    if "slugify" not in toc:
        raise PluginError("tools/notebook_hooks.py uses the toc extension's slugify: configure toc")
    content, tokens = finish_headings(content, toc["slugify"], toc.get("permalink_title", "Permanent link"))
    page.toc = get_toc(tokens)
    # The copy buttons, in the page's language (mkdocs-jupyter writes them in English).
    content = content.replace('aria-label="Copy to Clipboard"', f'aria-label="{html.escape(text["copy"])}"')
    content = content.replace(">Copied!<", f">{html.escape(text['copied'])}<")
    content = content.replace('<clipboard-copy ,="" ', "<clipboard-copy ")
    # A code cell that scrolls sideways must be reachable from the keyboard.
    content = content.replace('<div class="highlight-ipynb ', '<div tabindex="0" class="highlight-ipynb ')
    # Under the title: which chapter this belongs to, and the .ipynb to download.
    chapter = files.get_file_from_path(f"{file.lang}/{file.chapter}.md")
    download = files.get_file_from_path(
        f"{file.lang}/{notebooks.notebook_slug(file.chapter)}/{notebooks.download_name(file.chapter)}"
    )
    if chapter is None or download is None:
        raise PluginError(f"{file.src_uri}: its chapter page or its download is missing")
    chapter_link = (f'<a href="{chapter.url_relative_to(file)}">'
                    f"{html.escape(notebooks.chapter_title(file.lang, file.chapter))}</a>")
    note = text["page_note"].format(chapter=chapter_link)
    get = (f'<a href="{download.url_relative_to(file)}" download>'
           f'{html.escape(text["download"])}</a>')
    banner = f'<p class="notebook-links">{note} {get}</p>'
    content, found = re.subn(r"(</h1>)", r"\1" + banner.replace("\\", r"\\"), content, count=1)
    if not found:
        raise PluginError(f"{file.src_uri}: the notebook has no title (a level-1 heading)")
    return content


def on_page_markdown(markdown, page, config, files):
    """Keep notebook pages out of the search index: their code and headings repeat the chapter."""
    if isinstance(page.file, NotebookPage):
        page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(content, page, config, files):
    """Finish each notebook page's HTML and give it its title and table of contents."""
    if not isinstance(page.file, NotebookPage):
        return content
    page.title = notebooks.plain_title(page.file.lang, page.file.chapter)
    return finish(content, page, config, files)


@event_priority(-100)  # after mkdocs-static-i18n's own on_post_build, which runs the other languages
def on_post_build(config):
    """At the end of the whole build (all languages), drop the cache files it did not use."""
    if _i18n(config).building:
        return
    for folder in ("outputs", "html"):
        for path in (CACHE / folder).glob("*"):
            if path not in _build.used:
                path.unlink()
