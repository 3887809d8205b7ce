"""MkDocs hooks: KaTeX served by the site itself, one search index per language, edit links."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

KATEX_FILES = ("katex.min.css",)  # formulas are rendered at build time: no KaTeX script is served

# Languages lunr.js can stem; the others are indexed without a stemmer or stop words.
LUNR_LANGUAGES = {"es", "ja", "ko"}


# Material fetches `<href>/sitemap.xml` for every <link rel="alternate" hreflang> in the head,
# assuming each points at a language's root; static-i18n points them at the same page in each
# language, so every page load asked for four sitemaps that do not exist. The hreflang
# alternates stay in sitemap.xml and the header's language selector stays as it is.
HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_hreflang_links(html: str) -> str:
    """Remove the head's hreflang <link> tags from a rendered template block."""
    from markupsafe import Markup

    return Markup(HREFLANG_LINK.sub("", str(html)))


# Material's search overlay is a role="dialog" without a name; screen readers (and axe-core's
# aria-dialog-name rule) need one. It gets the translated word for "search".
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, name: str) -> str:
    """Give the header's search dialog an accessible name."""
    from markupsafe import Markup, escape

    if SEARCH_DIALOG not in str(html):
        raise RuntimeError("Material's search dialog markup changed: update name_search_dialog")
    labelled = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{escape(name)}"')
    return Markup(str(html).replace(SEARCH_DIALOG, labelled))


# Every code block is shown in four languages: pymdownx's highlighter is asked four times for the
# same HTML. Each answer is kept, keyed on the highlighter's settings and every argument; an answer
# that holds a placeholder of one page's markdown (an HTML title) is not kept. The answers a build
# used are kept for the next build in .cache/highlight/, one file per Pygments and pymdownx version.
_highlighted: dict[str, str] = {}
_highlights_used: set[str] = set()
HIGHLIGHT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "highlight"


def _highlight_file() -> Path:
    from importlib import metadata

    versions = "-".join(metadata.version(n) for n in ("pygments", "pymdown-extensions", "markdown"))
    return HIGHLIGHT_CACHE / f"{versions}.json"


def load_highlights() -> None:
    """Start a build with the answers the last build kept (none if there is no such file)."""
    _highlights_used.clear()
    path = _highlight_file()
    if not _highlighted and path.is_file():
        _highlighted.update(json.loads(path.read_text(encoding="utf-8")))


def save_highlights() -> None:
    """Keep the answers this build used for the next one (only those: the others are stale)."""
    path = _highlight_file()
    used = {key: _highlighted[key] for key in sorted(_highlights_used) if key in _highlighted}
    text = json.dumps(used, ensure_ascii=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.json"):  # files of other versions
            old.unlink()
        partial = path.with_suffix(".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)


def highlight_each_block_once() -> None:
    """Wrap pymdownx.highlight.Highlight.highlight so that the same call is answered from memory."""
    from pymdownx.highlight import Highlight

    highlight = Highlight.highlight
    if getattr(highlight, "kept", False):
        return

    def kept_highlight(self, src, language, *args, **kwargs):
        settings = {k: v for k, v in vars(self).items() if k != "md"}
        key = repr((settings, src, language, args, sorted(kwargs.items())))
        _highlights_used.add(key)
        if key in _highlighted:
            return _highlighted[key]
        html = highlight(self, src, language, *args, **kwargs)
        if "\x02" not in html:  # markdown's placeholders start with STX
            _highlighted[key] = html
        return html

    kept_highlight.kept = True
    Highlight.highlight = kept_highlight


# Each language's pass lists the theme's files again (Material's 14,000 templates and icons, each
# matched against MkDocs' exclusion patterns): half a second of a warm build. The list is kept for
# the passes of one build, with the theme folder each file comes from.
_theme_files: dict[tuple, list[tuple[str, str]]] = {}


def list_theme_files_once() -> None:
    """Wrap Files.add_files_from_theme so that the passes of one build list the theme once."""
    from mkdocs.structure.files import File, Files

    add = Files.add_files_from_theme
    if getattr(add, "kept", False):
        return

    def add_files_from_theme(self, env, config):
        # Not site_dir (each language's pass has its own), and each theme folder once:
        # mkdocs-static-i18n adds its sitemap folder again in each pass (the first copy wins).
        key = (tuple(dict.fromkeys(config.theme.dirs)), tuple(config.theme.static_templates))
        if key not in _theme_files:
            listed = Files([])
            add(listed, env, config)  # what MkDocs adds to an empty collection
            _theme_files[key] = [(f.src_uri, f.src_dir) for f in listed]
        for path, folder in _theme_files[key]:
            if self.get_file_from_path(path) is None:  # theme files do not override the docs'
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.kept = True
    Files.add_files_from_theme = add_files_from_theme


def _new_build(config: MkDocsConfig) -> bool:
    """Whether this event belongs to a build's first pass (not another language's pass)."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


def on_pre_build(config: MkDocsConfig) -> None:
    """A new build (not another language's pass of the same one) lists the theme's files anew
    and starts from the highlighted blocks the last build kept."""
    if _new_build(config):
        _theme_files.clear()
        load_highlights()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Highlight each code block once (highlight_each_block_once), list the theme once a build
    (list_theme_files_once). Without REPO_URL there is no repository to link: no edit links
    either (a relative edit_uri with no repo_url would make every page warn, failing --strict)."""
    highlight_each_block_once()
    list_theme_files_once()
    if not config.repo_url:
        config.edit_uri = None
    return config


# Each language's pass makes a new Jinja environment, which compiled every template again (a
# quarter of a second a language). Compiled templates are kept in .cache/jinja/, checked by
# Jinja against each template's source.
JINJA_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "jinja"


def on_env(env, config, files):
    """Give the templates the filters that overrides/main.html uses, and a bytecode cache."""
    from jinja2 import FileSystemBytecodeCache

    JINJA_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(JINJA_CACHE))
    env.filters["drop_hreflang_links"] = drop_hreflang_links
    env.filters["name_search_dialog"] = name_search_dialog
    return env


# Material's search indexer reads each page's HTML with Python's html.parser, and highlighted code
# is mostly <span> tags (one per token): 2.4 s of a 13.6 s warm build went into them. The indexer
# keeps no <span> (only the text inside), so it is given the page without them: the same index.
# A page with an element the indexer must skip (data-search-exclude) is indexed as it is.
TOKEN_SPAN = re.compile(r"<span(?:\s[^>]*)?>|</span>")


def index_without_spans(search_index) -> None:
    """Make Material's SearchIndex index each page's HTML with its <span> tags taken out."""
    add = search_index.add_entry_from_context
    if getattr(add, "without_spans", False):
        return

    def add_entry_from_context(page):
        content = page.content
        if "data-search-exclude" not in content:
            page.content = TOKEN_SPAN.sub("", content)
        try:
            add(page)
        finally:
            page.content = content

    add_entry_from_context.without_spans = True
    search_index.add_entry_from_context = add_entry_from_context


@event_priority(100)  # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    """Index the page without its <span> tags (index_without_spans)."""
    search = config.plugins.get("material/search")
    if search is not None and getattr(search, "search_index", None) is not None:
        index_without_spans(search.search_index)
    return context


def _languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    """The default locale and all locales, as the i18n plugin is configured."""
    languages = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in languages if lang.default)
    return default, [lang.locale for lang in languages]


def copy_katex(site_dir: Path, project_dir: Path) -> None:
    """Copy KaTeX from node_modules into the site (woff2 fonts only: every browser takes them)."""
    dist = project_dir / "node_modules" / "katex" / "dist"
    if not dist.is_dir():
        raise PluginError(f"KaTeX is missing at {dist}: run `npm ci` in {project_dir}")
    target = site_dir / "assets" / "katex"
    for name in KATEX_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dist / name, target / name)
    (target / "fonts").mkdir(exist_ok=True)
    for font in (dist / "fonts").glob("*.woff2"):
        shutil.copyfile(font, target / "fonts" / font.name)


def split_search_index(site_dir: Path, default: str, locales: list[str]) -> dict[str, int]:
    """Replace the merged index with one per language; return the entries each one got."""
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    others = [lang for lang in locales if lang != default]
    counts = {}
    for lang in locales:
        if lang == default:
            docs = [d for d in merged["docs"] if d["location"].split("/", 1)[0] not in others]
            path = merged_path
        else:
            prefix = f"{lang}/"
            docs = [
                {**d, "location": d["location"][len(prefix):]}
                for d in merged["docs"]
                if d["location"].startswith(prefix)
            ]
            path = site_dir / lang / "search" / "search_index.json"
        index_config = dict(merged["config"])
        index_config["lang"] = [lang] if lang in LUNR_LANGUAGES else ["en"]
        if lang not in LUNR_LANGUAGES:
            index_config["pipeline"] = []  # no English stemmer on Afrikaans words
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"config": index_config, "docs": docs}, ensure_ascii=False),
            encoding="utf-8",
        )
        counts[lang] = len(docs)
    return counts


@event_priority(-100)  # after mkdocs-static-i18n has merged every language's entries
def on_post_build(config: MkDocsConfig) -> None:
    """Add KaTeX to the site and give each language its own search index."""
    site_dir = Path(config.site_dir)
    copy_katex(site_dir, Path(config.config_file_path).parent)
    default, locales = _languages(config)
    split_search_index(site_dir, default, locales)
    if _new_build(config):  # the end of the whole build, every language done
        save_highlights()
