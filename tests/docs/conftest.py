import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import LANGUAGES, ROOT, PageError, page_paths, parse_page


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built once with `mkdocs build --strict`; fails on any warning."""
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{log}"
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    return Path(site_dir)


@pytest.fixture(scope="session")
def pages():
    """Every page of every language, parsed once for the whole run."""
    parsed = {}
    errors = []
    for path in page_paths():
        try:
            parsed[(path.parent.name, path.stem)] = parse_page(path)
        except PageError as error:
            errors.append(str(error))
    if errors:
        pytest.fail("\n".join(errors))
    return parsed


def pytest_generate_tests(metafunc):
    """Parametrize page tests by page, so that a failure names the language and the file."""
    if "page_key" in metafunc.fixturenames:
        keys = [(p.parent.name, p.stem) for p in page_paths()]
        metafunc.parametrize("page_key", keys, ids=[f"{lang}/{slug}" for lang, slug in keys])
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", LANGUAGES)
