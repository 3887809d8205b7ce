"""Build each chapter's companion notebook, in each language, from the chapter page itself.

    python -m tools.notebooks                 # check: every notebook builds from its page
    python -m tools.notebooks --execute       # and runs, printing exactly the .out files
    python -m tools.notebooks --write [DIR]   # write them to DIR/<lang>/ (default notebooks/)

A notebook is never edited by hand: it is made from docs/<lang>/<chapter>.md (read with the page
tests' markdown parser, includes left as written). Its first cell says what it is and how to run it;
the second, a code cell, installs the package from the site's wheel (tools/wheel.py) when
`attention_steps` cannot be imported, as in plain Jupyter or Colab without the repository, and
prints nothing otherwise. Then, for each section of the page that shows an example, the section's
heading (in the page's language) becomes a markdown cell and each `snippets/...py` include of that
section a code cell holding that file's code. Definitions shown from `src/` are not copied: the
notebook imports the `attention_steps` package instead.

The site builds the notebooks itself (tools/notebook_hooks.py), executes them and serves each as a
page and as an `.ipynb` to download, so they always match the pages. To give another chapter a
notebook, add it to CHAPTERS (and link the notebook from the chapter, in every language).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata

import nbformat
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

from tools import wheel
from tools.pages import DOCS, INCLUDE, LANGUAGES, PYTHON, ROOT

# The chapters that have a companion notebook, in reading order.
CHAPTERS = (
    "embeddings",
    "self-attention",
    "trainable-attention",
    "causal-attention",
    "multi-head-attention",
    "encoder-block",
    "training",
)
SUFFIX = "-notebook"  # a notebook page is <chapter>-notebook/ (tools/page_weight.py relies on it)
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
# The notebook's first code cell: where the package cannot be imported, install it from the site
# (PyTorch's CPU index spares Linux the multi-GB CUDA build). Where it can, it prints nothing.
INSTALL = """\
try:
    import attention_steps
except ImportError:  # plain Jupyter or Colab, without the repository: install it from the site
    %pip install --extra-index-url {index} {url}
    import importlib
    importlib.invalidate_caches()"""

# What each language says around the code: {title} is the chapter's title, {folder} the folder
# of its examples; on the notebook's page, {chapter} is a link to the chapter.
TEXT = {
    "es": {
        "title": "{title}: cuaderno",
        "intro": (
            "Los ejemplos del capítulo «{title}» de *Atención, paso a paso*, en el mismo orden "
            "que en el capítulo. Cada celda de código, salvo la primera, es un archivo de "
            "`{folder}` y, ejecutadas en orden, imprimen lo mismo que muestra el capítulo."
        ),
        "run": (
            "Para ejecutarlo, ábrelo en Jupyter o en Colab: si el paquete `attention_steps` no "
            "está instalado, la primera celda lo instala desde el sitio, junto con PyTorch y NumPy "
            "si faltan. Con una copia del repositorio también puedes instalarlo desde su raíz "
            "(`pip install -r requirements.txt -e .`); con las versiones fijadas en "
            "`requirements.txt`, las cifras coinciden con las del sitio."
        ),
        "page_note": "Cuaderno del capítulo {chapter}.",
        "download": "Descargar el cuaderno (.ipynb)",
        "copy": "Copiar al portapapeles",
        "copied": "¡Copiado!",
    },
    "ja": {
        "title": "{title}：ノートブック",
        "intro": (
            "『一歩ずつ学ぶアテンション』の章「{title}」のコード例を、章と同じ順に並べたノートブック"
            "です。最初のコードセルを除き、コードセルはそれぞれ `{folder}` のファイル 1 つにあたり、"
            "上から順に実行すると、章に載っているのと同じ出力が表示されます。"
        ),
        "run": (
            "実行するには、このノートブックを Jupyter か Colab で開きます。`attention_steps` "
            "パッケージが入っていなければ、最初のコードセルがサイトからインストールします（PyTorch と "
            "NumPy も、足りなければ一緒に入ります）。リポジトリをクローンしてある場合は、ルートで "
            "`pip install -r requirements.txt -e .` を実行してもかまいません。`requirements.txt` で"
            "指定したバージョンを使えば、数値はサイトのものと一致します。"
        ),
        "page_note": "章「{chapter}」のノートブックです。",
        "download": "ノートブックをダウンロード（.ipynb）",
        "copy": "クリップボードにコピー",
        "copied": "コピーしました",
    },
    "af": {
        "title": "{title}: notaboek",
        "intro": (
            "Die voorbeelde van die hoofstuk “{title}” van *Aandag, stap vir stap*, in dieselfde "
            "volgorde as in die hoofstuk. Elke kodesel behalwe die eerste is een lêer uit "
            "`{folder}`, en as jy hulle een ná die ander laat loop, druk hulle presies wat die "
            "hoofstuk wys."
        ),
        "run": (
            "Om dit te laat loop, maak dit in Jupyter of Colab oop: as die pakket "
            "`attention_steps` nie geïnstalleer is nie, installeer die eerste kodesel dit vanaf die "
            "webwerf, saam met PyTorch en NumPy as hulle ontbreek. In 'n kloon van die bewaarplek "
            "kan jy dit ook vanuit die wortelgids installeer (`pip install -r requirements.txt -e .`); "
            "met die weergawes wat `requirements.txt` vasstel, is die getalle dieselfde as op die "
            "webwerf."
        ),
        "page_note": "Die notaboek van die hoofstuk {chapter}.",
        "download": "Laai die notaboek af (.ipynb)",
        "copy": "Kopieer na die knipbord",
        "copied": "Gekopieer!",
    },
    "ko": {
        "title": "{title}: 노트북",
        "intro": (
            "《단계별로 배우는 어텐션》의 「{title}」 장에 나오는 예제를 장과 같은 순서로 모은 "
            "노트북입니다. 첫 번째 코드 셀을 빼면 코드 셀 하나가 `{folder}`의 파일 하나이며, "
            "차례대로 실행하면 장에 실린 것과 똑같은 출력이 나옵니다."
        ),
        "run": (
            "실행하려면 이 노트북을 Jupyter나 Colab에서 여세요. `attention_steps` 패키지가 "
            "설치되어 있지 않으면 첫 번째 코드 셀이 사이트에서 설치하고, PyTorch와 NumPy가 없으면 "
            "함께 설치합니다. 저장소를 클론했다면 루트에서 `pip install -r requirements.txt -e .`로 "
            "설치해도 됩니다. `requirements.txt`에 고정된 버전을 쓰면 숫자가 사이트와 똑같이 "
            "나옵니다."
        ),
        "page_note": "「{chapter}」 장의 노트북입니다.",
        "download": "노트북 내려받기(.ipynb)",
        "copy": "클립보드에 복사",
        "copied": "복사했습니다",
    },
}


def notebook_slug(chapter: str) -> str:
    """The page name of a chapter's notebook: self-attention -> self-attention-notebook."""
    return chapter + SUFFIX


def chapter_of(slug: str) -> str | None:
    """The chapter a notebook page belongs to, or None when slug is not a notebook page."""
    chapter = slug.removesuffix(SUFFIX)
    return chapter if slug.endswith(SUFFIX) and chapter in CHAPTERS else None


def notebook_slugs(lang: str) -> set[str]:
    """The notebook page names of one language: one per chapter of CHAPTERS it has."""
    return {notebook_slug(c) for c in CHAPTERS if (DOCS / lang / f"{c}.md").exists()}


def download_name(chapter: str) -> str:
    """The file name of the .ipynb offered for download, next to the notebook page."""
    return notebook_slug(chapter) + ".ipynb"


@dataclass
class Section:
    """One heading of a page and the snippet files its section includes, in order."""

    level: int
    title: str  # the heading's markdown, as written
    snippets: list[str]


@cache
def _parser() -> MarkdownIt:
    """The blocks of a page (headings, fences, admonitions, math), their inline markup not parsed:
    only the headings' text and the fences are read."""
    return MarkdownIt("commonmark").enable("table").use(admon_plugin).use(dollarmath_plugin).disable("inline")


def page_sections(lang: str, chapter: str) -> tuple[str, list[Section]]:
    """The page's title (its first heading) and its sections, each with its snippet includes."""
    path = DOCS / lang / f"{chapter}.md"
    title, sections = _sections(path.read_text(encoding="utf-8"))
    if title is None:
        raise ValueError(f"{path}: no title (a level-1 heading)")
    if sections and not sections[0].level and sections[0].snippets:
        raise ValueError(f"{path}: snippet {sections[0].snippets[0]} before the first section")
    return title, [s for s in sections if s.level]


@cache
def _sections(text: str) -> tuple[str | None, list[Section]]:
    # The raw page, includes not expanded: an include is a line of a fence.
    tokens = _parser().parse(text)
    title, sections = None, [Section(0, "", [])]  # level 0: what comes before the first heading
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            level, heading = int(token.tag[1]), tokens[i + 1].content
            if level == 1 and title is None:
                title = heading
            else:
                sections.append(Section(level, heading, []))
        elif token.type == "fence" and token.info.split()[:1] and token.info.split()[0] in PYTHON:
            for target in INCLUDE.findall(token.content):
                if target.startswith("snippets/") and target.endswith(".py"):
                    sections[-1].snippets.append(target)
    return title, sections


def _plain(markdown: str) -> str:
    """A heading's markdown as plain text: no emphasis or code marks."""
    return re.sub(r"[*`]", "", markdown)


def chapter_title(lang: str, chapter: str) -> str:
    """The chapter's title in one language, as plain text."""
    return _plain(page_sections(lang, chapter)[0])


def plain_title(lang: str, chapter: str) -> str:
    """The notebook's title in one language, as plain text: the chapter's, marked as a notebook."""
    return TEXT[lang]["title"].format(title=chapter_title(lang, chapter))


def _kept(sections: list[Section]) -> list[Section]:
    """The sections that show an example, with the headings above them (for structure)."""
    kept, parents = [], []  # parents: the open headings above the current one, not yet kept
    for section in sections:
        parents = [p for p in parents if p.level < section.level]
        if section.snippets:
            kept.extend(parents)
            kept.append(section)
            parents = []
        else:
            parents.append(section)
    return kept


def snippet_folder(chapter: str) -> str:
    """Where a chapter's examples live: snippets/<chapter with underscores>/."""
    return f"snippets/{chapter.replace('-', '_')}/"


def _cell(kind: str, source: str, **metadata) -> nbformat.NotebookNode:
    """A cell as nbformat.v4.new_markdown_cell or new_code_cell makes it, but not validated alone:
    that took most of a warm build's time for the notebooks. build() validates the whole notebook."""
    cell = {"cell_type": kind, "metadata": metadata, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return nbformat.from_dict(cell)


def install_cell(wheel_url: str) -> nbformat.NotebookNode:
    """The code cell that installs the package from wheel_url when it cannot be imported."""
    source = INSTALL.format(index=wheel.TORCH_CPU_INDEX, url=wheel_url)
    return _cell("code", source, install=True)


def build(lang: str, chapter: str, wheel_url: str = wheel.WHEEL_URL_MARK) -> nbformat.NotebookNode:
    """The notebook of one chapter in one language, without outputs.

    Its install cell names wheel_url; by default WHEEL_URL_MARK, which the site replaces with the
    wheel's address in the .ipynb it offers (and which runs the same: the cell prints nothing
    wherever the package is installed).
    """
    if lang not in TEXT:
        raise ValueError(f"lang must be one of {sorted(TEXT)}, got {lang!r}")
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {CHAPTERS}, got {chapter!r}")
    text = TEXT[lang]
    title, sections = page_sections(lang, chapter)
    fill = {"title": title, "folder": snippet_folder(chapter)}
    intro = "\n\n".join(
        ["# " + text["title"].format(**fill), text["intro"].format(**fill), text["run"].format(**fill)]
    )
    cells = [_cell("markdown", intro), install_cell(wheel_url)]
    for section in _kept(sections):
        cells.append(_cell("markdown", "#" * section.level + " " + section.title))
        for target in section.snippets:
            code = (ROOT / target).read_text(encoding="utf-8").rstrip("\n")
            cells.append(_cell("code", code, snippet=target))
    # Cell ids from their position, not random: the same page always gives the same file.
    for n, cell in enumerate(cells):
        cell.id = f"{cell.cell_type}-{n}"
    metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)  # validated: nbformat 4


def dumps(nb: nbformat.NotebookNode) -> str:
    """A notebook as the text of its .ipynb file (stable: sorted keys, one-space indent)."""
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The notebook's code cells, in order: the install cell, then one per snippet."""
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def snippet_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The code cells that hold a snippet, in order (all but the install cell)."""
    return [cell for cell in code_cells(nb) if "snippet" in cell.metadata]


# --- Running the notebooks ------------------------------------------------------------------


def package_fingerprint() -> str:
    """What every output depends on besides the code: the package's source and the versions."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "attention_steps").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(sys.version.encode())
    for name in ("torch", "numpy"):
        digest.update(f"{name}=={metadata.version(name)}".encode())
    return digest.hexdigest()


def execution_key(sources: list[str], package: str | None = None) -> str:
    """The cache key of a run: the code cells, in order, and package_fingerprint()."""
    text = json.dumps({"cells": sources, "package": package or package_fingerprint()})
    return hashlib.sha256(text.encode()).hexdigest()


def _coalesced(outputs) -> list[dict]:
    """The outputs of one cell, with consecutive pieces of the same stream joined (as Jupyter shows them)."""
    joined: list[dict] = []
    for output in outputs:
        output = dict(output)
        if output.get("output_type") == "stream":
            output["text"] = "".join(output["text"])  # nbformat allows a list of lines
            last = joined[-1] if joined else {}
            if last.get("output_type") == "stream" and last["name"] == output["name"]:
                last["text"] += output["text"]
                continue
        joined.append(output)
    return joined


# Code a build runs in a chapter's kernel after the chapter's cells, once, its outputs not kept:
# {chapter: code}. tools/figure_hooks.py draws the figures in the training chapter's kernel,
# where the encoder the training figures show is already trained (train_masked keeps its run).
AFTER: dict[str, str] = {}


async def _run(sources: list[str], timeout: int, after: str | None = None) -> list[list[dict]]:
    from nbclient import NotebookClient

    from tools.portability import threads_env

    cells = [*sources, after] if after else sources
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in cells])
    nb.metadata = {"kernelspec": dict(KERNEL)}
    client = NotebookClient(
        nb,
        kernel_name=KERNEL["name"],
        timeout=timeout,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(ROOT)}},  # the kernel starts in the repository
        # ipykernel warns on stderr that its local TCP sockets are not encrypted: not our news.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    # One torch thread: the kernels run side by side, one per processor (threads_env).
    await client.async_execute(env=threads_env(1))
    return [_coalesced(cell.outputs) for cell in nb.cells[: len(sources)]]


def execute(runs: list[list[str]], timeout: int = 600, parallel: int | None = None,
            after: list[str | None] | None = None) -> list[list[list[dict]]]:
    """Run each list of code cells, in order, in its own fresh kernel; the outputs of every cell.

    Kernels run side by side, at most `parallel` at a time (default: one per processor). A cell
    that raises stops everything with nbclient's CellExecutionError, which names the cell.
    after[i], where given, runs in run i's kernel after its cells; its outputs are dropped.
    """
    import asyncio

    limit = asyncio.Semaphore(parallel or os.cpu_count() or 1)
    after = after or [None] * len(runs)

    async def one(sources, then):
        async with limit:
            return await _run(sources, timeout, then)

    async def every():
        return await asyncio.gather(*(one(sources, then) for sources, then in zip(runs, after)))

    return asyncio.run(every()) if runs else []


def with_outputs(nb: nbformat.NotebookNode, outputs: list[list[dict]]) -> nbformat.NotebookNode:
    """The notebook with each code cell given its outputs and its execution count (1, 2, ...)."""
    cells = code_cells(nb)
    if len(cells) != len(outputs):
        raise ValueError(f"{len(outputs)} cell outputs for {len(cells)} code cells")
    for count, (cell, cell_outputs) in enumerate(zip(cells, outputs), start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.from_dict(o) for o in cell_outputs]
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
    return nb


def printed(cell: nbformat.NotebookNode) -> str:
    """What a code cell printed to stdout."""
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def output_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every code cell whose outputs are not exactly its snippet's .out, printed to stdout; and
    an install cell that shows anything at all (where the package is installed, it must not)."""
    problems = []
    for cell in code_cells(nb):
        if cell.metadata.get("install"):
            if cell.outputs:
                shown = [o.output_type + (f" ({o.name})" if "name" in o else "") for o in cell.outputs]
                problems.append(f"the install cell shows {shown} though the package is installed")
            continue
        snippet = cell.metadata.get("snippet", "?")
        expected = (ROOT / snippet).with_suffix(".out").read_text(encoding="utf-8")
        others = [o.output_type + (f" ({o.name})" if "name" in o else "") for o in cell.outputs
                  if not (o.output_type == "stream" and o.name == "stdout")]
        if others:
            problems.append(f"{snippet}: shows more than its printed output: {others}")
        elif printed(cell) != expected:
            diff = difflib.unified_diff(expected.splitlines(), printed(cell).splitlines(),
                                        f"{snippet[:-3]}.out", "notebook", lineterm="")
            problems.append(f"{snippet}: the notebook printed something else\n" + "\n".join(diff))
    return problems


def main(argv: list[str] | None = None) -> int:
    """Build every notebook; with --execute run them and check their outputs; with --write save them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--execute", action="store_true",
                        help="run each chapter's code in a fresh kernel and compare with the .out files")
    parser.add_argument("--write", nargs="?", const="notebooks", metavar="DIR",
                        help="write the notebooks to DIR/<lang>/ (default: notebooks/)")
    parser.add_argument("--site-url", metavar="URL",
                        help="the site the written notebooks install the package from "
                             "(default: mkdocs.yml's site_url, which SITE_URL sets)")
    args = parser.parse_args(argv)
    problems = []
    url = wheel.wheel_url(args.site_url or wheel.configured_site_url()) if args.write else wheel.WHEEL_URL_MARK
    books = {(lang, chapter): build(lang, chapter, url) for chapter in CHAPTERS for lang in LANGUAGES}
    for chapter in CHAPTERS:
        reference = [c.source for c in code_cells(books[(LANGUAGES[0], chapter)])]
        for lang in LANGUAGES[1:]:
            if [c.source for c in code_cells(books[(lang, chapter)])] != reference:
                problems.append(f"{chapter}: the code cells in {lang} differ from {LANGUAGES[0]}'s: "
                                "the pages include different snippets")
    if args.execute:
        runs = execute([[c.source for c in code_cells(books[(LANGUAGES[0], ch)])] for ch in CHAPTERS])
        for chapter, outputs in zip(CHAPTERS, runs):
            for lang in LANGUAGES:
                with_outputs(books[(lang, chapter)], outputs)
            problems += [f"{chapter}: {p}" for p in output_problems(books[(LANGUAGES[0], chapter)])]
    if args.write:
        for (lang, chapter), nb in books.items():
            target = ROOT / args.write / lang / download_name(chapter)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dumps(nb), encoding="utf-8")
            print(f"wrote {target}")
    for problem in problems:
        print(problem)
    print(f"{len(books)} notebooks, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
