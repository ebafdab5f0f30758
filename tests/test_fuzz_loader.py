"""Fuzzing the loader: glossary files, journeys and catalogues, valid and broken, in odd encodings.

For every generated example, written into a copy of the mini fixture:
- `klantreis check` ends with exit code 0 or 1, never with a traceback;
- every line it prints is a file name, a `path:line: message` line with the line inside that
  file (1 .. its number of lines; no line number means the whole file), or the summary;
- a `klantreis build` that fails leaves `site/` exactly as it was (a few examples: builds are slow).
The number of examples run is printed at the end of the test run ("loader fuzzing: ...").
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, FUZZ_COUNTS, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantreis.cli import main

MINI = FIXTURES / "mini"
# More examples for a deep run: KLANTREIS_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_loader.py
CHECK_EXAMPLES = int(os.environ.get("KLANTREIS_FUZZ_EXAMPLES", "300"))
BUILD_EXAMPLES = max(CHECK_EXAMPLES // 30, 1)
PHASE_IDS = ["aandacht", "overweging", "aankoop", "service", "loyaliteit"]
CHANNEL_IDS = ["website", "google", "winkel"]
TERM_SLUGS = ["seo", "conversie", "google-ads"]
SUMMARY = re.compile(r"^\d+ fout(en)?, \d+ waarschuwing(en)? \(\d+\.\d+ s\)\.$")
MESSAGE = re.compile(r"^  (?P<path>[^:]+?)(?::(?P<line>\d+))?: (?P<message>\S.*)$")

# -- values: valid, of the wrong type, unknown, odd and huge -----------------------------------

words = st.sampled_from(["SEO", "Klant", "café", "Ünïcode", "a: b", "- lijst", "{{ x }}", "'", '"',
                         "#", "&", "<b>", "tab\there", "regel\nregel", "\u2028", "\x85", ""])
any_text = st.text(max_size=40)
# The long list is made anew for each example: `mutated` changes lists in place, and a shared one
# would grow from example to example (Hypothesis then reports the strategy as flaky).
huge = st.one_of(st.sampled_from(["x" * 100_000, "é" * 20_000, 10**40, -(10**40), 1e308]),
                 st.builds(lambda: [0] * 5_000))
ids = st.sampled_from([*PHASE_IDS, *CHANNEL_IDS, *TERM_SLUGS, "aandachtt", "onbekend", "", "SEO",
                       "a b", "../x", 0])
scalars = st.one_of(words, any_text, st.integers(-5, 5), st.booleans(), st.none(), ids, huge,
                    st.floats(allow_nan=True))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(words, ids), inner, max_size=3)),
    max_leaves=6)


def mutated(document, draw, keys: list[str]):
    """`document` with a few of its values replaced, keys removed or unknown keys added."""
    for _ in range(draw(st.integers(0, 3))):
        target = document
        while isinstance(target, (dict, list)) and target and draw(st.booleans()):
            key = draw(st.sampled_from(list(target.keys()) if isinstance(target, dict)
                                       else list(range(len(target)))))
            if not isinstance(target[key], (dict, list)):
                break
            target = target[key]
        if isinstance(target, dict):
            action = draw(st.sampled_from(["set", "delete", "unknown"]))
            if action == "set":
                target[draw(st.sampled_from(keys))] = draw(values)
            elif action == "delete" and target:
                del target[draw(st.sampled_from(sorted(target, key=str)))]
            else:
                target[draw(st.sampled_from(["naam", "titel", "extra", "phase", "Title"]))] = draw(values)
        elif isinstance(target, list):
            action = draw(st.sampled_from(["set", "duplicate", "delete"]))
            if action == "set" and target:
                target[draw(st.integers(0, len(target) - 1))] = draw(values)
            elif action == "duplicate" and target:
                target.append(target[0])
            elif target:
                target.pop()
    return document


def dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1_000_000)


@st.composite
def broken_yaml(draw, text: str) -> str:
    """YAML with maybe one line broken the way people break YAML."""
    if not draw(st.booleans()):
        return text
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines)))
    bad = draw(st.sampled_from(["title: [niet gesloten", "  - verkeerd: ingesprongen", "a: b: c",
                                "\tmet: tab", "'open", "title: {x", "key: value\nkey: again",
                                "- lijst\nnaam: x", "!!python/object:os.system x", "---", "{", "]"]))
    return "\n".join([*lines[:index], bad, *lines[index:]])


@st.composite
def encoded(draw, text: str) -> bytes:
    """The text as bytes: UTF-8, with a BOM, CRLF, Latin-1, NUL bytes or a cut character."""
    kind = draw(st.sampled_from(["utf8", "utf8", "bom", "crlf", "latin1", "nul", "cut"]))
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if kind == "latin1":
        return (text + "\ncafé\n").encode("latin-1", errors="replace")
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    if kind == "cut":
        return data[:at] + "é".encode()[:1] + data[at:]
    return data


# -- files ---------------------------------------------------------------------------------------

def yaml_of(name: str):
    return yaml.safe_load((MINI / "journeys" / name).read_text(encoding="utf-8"))


@st.composite
def glossary_file(draw) -> tuple[str, bytes | None]:
    name = draw(st.sampled_from([*TERM_SLUGS, "nieuw", "Mijn Begrip", "nieuw-2", "_verborgen"]))
    if draw(st.integers(0, 9)) == 0:
        return f"glossary/{name}.md", None
    front = {"title": draw(words) or "Nieuw", "aliases": [draw(words)], "description": "Een uitleg.",
             "phases": [draw(st.sampled_from(PHASE_IDS))], "related": [draw(st.sampled_from(TERM_SLUGS))]}
    front = mutated(front, draw, ["title", "aliases", "description", "phases", "related", "bron"])
    body = draw(st.sampled_from(["Uitleg.", "", "{{ begrip('seo') }}", "{{ begrip('seo' }}",
                                 "[kapot](nergens.md)", "`code` en {{ onbekend() }}", "x" * 50_000]))
    header = draw(broken_yaml(dump(front)))
    closing = draw(st.sampled_from(["---\n", "---\n", ""]))
    text = draw(st.sampled_from([f"---\n{header}{closing}{body}\n", body, ""]))
    return f"glossary/{name}.md", draw(encoded(text))


@st.composite
def journey_file(draw) -> tuple[str, bytes | None]:
    name = draw(st.sampled_from(["vera", "nieuw", "Reis Twee", "vera-2"]))
    if draw(st.integers(0, 9)) == 0:
        return f"journeys/{name}.yml", None
    document = draw(st.sampled_from([yaml_of("vera.yml"), [yaml_of("vera.yml")], "tekst", None]))
    keys = ["title", "persona", "stages", "phase", "channels", "emotion", "online", "does",
            "pain_points", "ending", "bron", "name"]
    text = draw(broken_yaml(dump(mutated(document, draw, keys))))
    return f"journeys/{name}.yml", draw(encoded(text))


@st.composite
def catalogue_file(draw) -> tuple[str, bytes | None]:
    name = draw(st.sampled_from(["_phases.yml", "_channels.yml", "_models.yml", "_bronnen.yml",
                                 "_stijl.yml"]))
    if draw(st.integers(0, 9)) == 0:
        return f"journeys/{name}", None
    base = yaml_of(name) if (MINI / "journeys" / name).exists() else [
        {"id": "bron", "title": "Een studie", "publisher": "Iemand", "year": 2020}]
    if name == "_phases.yml" and draw(st.booleans()):
        base = list(reversed(base))
    keys = ["id", "name", "title", "goal", "phases", "online", "description", "stages", "measure",
            "year", "url", "preferred", "avoid"]
    text = draw(broken_yaml(dump(mutated(base, draw, keys))))
    return f"journeys/{name}", draw(encoded(text))


changes = st.lists(st.one_of(glossary_file(), journey_file(), catalogue_file()),
                   min_size=1, max_size=3)


# -- checking an example -------------------------------------------------------------------------

def write(root: Path, files: list[tuple[str, bytes | None]]) -> None:
    shutil.copytree(MINI, root)
    shutil.copy(REPO / "macros.py", root / "macros.py")
    for rel, data in files:
        path = root / rel
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def lines_in(data: bytes) -> int:
    """The number of lines an editor shows: CRLF and CR end a line as LF does."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)


def assert_well_formed(output: str, root: Path) -> None:
    lines = output.rstrip("\n").split("\n")
    assert SUMMARY.match(lines[-1]), lines[-1]
    for line in lines[:-1]:
        found = MESSAGE.match(line)
        if found is None:
            assert (root / line).exists() or line.startswith("journeys/_"), f"not a path: {line!r}"
            continue
        path, number = root / found["path"], int(found["line"] or 0)
        if number:
            assert path.is_file(), f"line {number} of a missing file: {line!r}"
            assert 1 <= number <= lines_in(path.read_bytes()), f"no such line: {line!r}"


def check(root: Path):
    result = CliRunner().invoke(main, ["check", "--project", str(root), "--geen-kleur"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"check raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert_well_formed(result.output, root)
    return result


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])


@settings(FUZZ, max_examples=CHECK_EXAMPLES)
@given(changes)
def test_check_never_crashes_and_points_inside_the_files(files):
    FUZZ_COUNTS["check"] += 1
    with tempfile.TemporaryDirectory(prefix="kr-fuzz-") as folder:
        root = Path(folder) / "kb"
        write(root, files)
        check(root)


@pytest.mark.slow
@settings(FUZZ, max_examples=BUILD_EXAMPLES)
@given(changes)
def test_a_failed_build_leaves_the_site_as_it_was(files):
    FUZZ_COUNTS["build"] += 1
    with tempfile.TemporaryDirectory(prefix="kr-fuzz-") as folder:
        root = Path(folder) / "kb"
        write(root, files)
        marker = root / "site" / "vorige-site.bin"
        marker.parent.mkdir()
        marker.write_bytes(bytes(range(256)) * 4)
        sources = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "site" not in p.parts}
        checked = check(root)
        result = CliRunner().invoke(main, ["build", "--project", str(root)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"build raised {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if checked.exit_code == 1:
            assert result.exit_code == 1, "check found errors, but the build went on"
        if result.exit_code == 1:
            assert sorted(p.name for p in (root / "site").iterdir()) == ["vorige-site.bin"]
            assert marker.read_bytes() == bytes(range(256)) * 4
        assert {p: p.read_bytes() for p in sources} == sources
