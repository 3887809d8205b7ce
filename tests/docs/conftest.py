import pytest

from tools.pages import LANGUAGES, ROOT, PageError, page_paths, parse_page


@pytest.fixture(scope="session")
def site():
    """The site built with `mkdocs build --strict` as it is published, under a sub-path and with a
    repository link: the same build the browser tests are served (tests/conftest.py,
    published_env), so a run builds the site once. Fails on any warning. Kept in .cache/site/
    under a hash of every input of the build (tools/site_server.py, cached_build), shared by
    parallel test workers and reused by the next run until an input changes."""
    from tests.conftest import published_env
    from tools.site_server import cached_build

    try:
        site_dir, log = cached_build(published_env())
    except RuntimeError as error:
        pytest.fail(str(error))
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    return site_dir


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
