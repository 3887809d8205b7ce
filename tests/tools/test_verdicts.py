"""A kept pass holds only while every input it read hashes the same; failures are never kept."""

from tools.verdicts import Verdicts, sha


def _inputs(files):
    return {name: sha(data) for name, data in files.items()}


def test_a_pass_holds_while_its_inputs_and_code_are_the_same(tmp_path):
    files = {"page": b"<html>1</html>", "style.css": b"p {}"}
    current = lambda key: sha(files[key]) if key in files else None  # noqa: E731
    verdicts = Verdicts("pages", ["check v1"], folder=tmp_path)
    assert verdicts.passed("es/index", current) is None  # nothing kept yet
    verdicts.record("es/index", _inputs(files), note="seen")
    assert verdicts.passed("es/index", current)["note"] == "seen"
    assert verdicts.passed("ko/index", current) is None  # another check
    assert Verdicts("pages", ["check v2"], folder=tmp_path).passed("es/index", current) is None


def test_one_changed_or_missing_input_runs_the_check_again(tmp_path):
    files = {"page": b"<html>1</html>", "style.css": b"p {}"}
    current = lambda key: sha(files[key]) if key in files else None  # noqa: E731
    verdicts = Verdicts("pages", ["check"], folder=tmp_path)
    verdicts.record("es/index", _inputs(files))
    files["style.css"] = b"p { color: red }"
    assert verdicts.passed("es/index", current) is None
    files["style.css"] = b"p {}"
    assert verdicts.passed("es/index", current) is not None
    del files["page"]
    assert verdicts.passed("es/index", current) is None


def test_recheck_ignores_what_is_kept(tmp_path, monkeypatch):
    files = {"page": b"x"}
    current = lambda key: sha(files[key])  # noqa: E731
    Verdicts("pages", ["check"], folder=tmp_path).record("es/index", _inputs(files))
    monkeypatch.setenv("ATTENTION_STEPS_RECHECK", "1")
    assert Verdicts("pages", ["check"], folder=tmp_path).passed("es/index", current) is None
