import pytest

from tools.pages import LANGUAGES, PageError, page_paths, parse_page


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
