"""Wrong use of the command: one Dutch line and exit code 2, through the real console script
(`.venv/bin/klantreis`) and through Click's test runner; the help in Dutch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from klantreis.cli import main

KLANTREIS = Path(sys.executable).parent / "klantreis"
NOT_HERE = ("hier staat geen kennisbank: deze map ({folder}) heeft geen mkdocs.yml. "
            "Ga naar de map van je kennisbank, of geef die op met --project <map>.")


def console(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert KLANTREIS.is_file(), f"the console script is missing: {KLANTREIS}"
    return subprocess.run([str(KLANTREIS), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("args", [
    ("check",), ("build",), ("build", "--bundel"), ("serve",), ("bundle",),
    ("new", "begrip", "SEO"), ("schema",),
])
def test_outside_a_knowledge_base_one_dutch_line_and_nothing_written(tmp_path, args):
    result = console(*args, cwd=tmp_path)
    command = f"klantreis {args[0]}"
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"{command}: " + NOT_HERE.format(folder=tmp_path)]
    assert list(tmp_path.iterdir()) == []


def test_a_project_folder_without_mkdocs_yml_is_named_in_the_message(tmp_path):
    (tmp_path / "journeys").mkdir()
    result = console("check", "--project", "journeys", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"klantreis check: hier staat geen kennisbank: 'journeys' ({tmp_path / 'journeys'}) "
        "heeft geen mkdocs.yml. Ga naar de map van je kennisbank, of geef die op met --project <map>."]


WRONG_USE = [
    (["chek"], "klantreis: onbekend commando 'chek'. Bedoel je 'check'? Zie 'klantreis --help'."),
    (["check", "--kleuren"], "klantreis check: onbekende optie '--kleuren'. Bedoel je '--kleur'? "
                             "Zie 'klantreis check --help'."),
    (["check", "--kleur=ja"], "klantreis check: de optie '--kleur' neemt geen waarde. "
                              "Zie 'klantreis check --help'."),
    (["check", "--project"], "klantreis check: na de optie '--project' hoort een waarde. "
                             "Zie 'klantreis check --help'."),
    (["check", "--project", "bestaat-niet"], "klantreis check: de map 'bestaat-niet' bestaat niet. "
                                             "Zie 'klantreis check --help'."),
    (["check", "--project", "mkdocs.yml"], "klantreis check: 'mkdocs.yml' is een bestand, geen map. "
                                           "Zie 'klantreis check --help'."),
    (["check", "extra"], "klantreis check: onverwacht argument: extra. Zie 'klantreis check --help'."),
    (["new"], "klantreis new: het argument SOORT ontbreekt. Kies uit: artikel, begrip, klantreis. "
              "Zie 'klantreis new --help'."),
    (["new", "begrip"], "klantreis new: het argument TITEL ontbreekt. Zie 'klantreis new --help'."),
    (["new", "recpt", "Soep"], "klantreis new: 'recpt' kan niet bij het argument SOORT. Kies uit: "
                               "artikel, begrip, klantreis. Zie 'klantreis new --help'."),
    (["new", "artikel", "Mijn", "titel"], "klantreis new: onverwacht argument: titel. Heeft de titel "
                                          "spaties? Zet hem dan tussen aanhalingstekens. "
                                          "Zie 'klantreis new --help'."),
]


@pytest.mark.parametrize(("args", "line"), WRONG_USE, ids=[" ".join(a) for a, _ in WRONG_USE])
def test_wrong_use_through_the_console_script(project, args, line):
    root = project()
    result = console(*args, cwd=root)
    assert (result.returncode, result.stderr.splitlines(), result.stdout) == (2, [line], "")
    assert not (root / "site").exists()


@pytest.mark.parametrize(("args", "line"), WRONG_USE, ids=[" ".join(a) for a, _ in WRONG_USE])
def test_wrong_use_through_click(project, args, line, monkeypatch):
    monkeypatch.chdir(project())
    result = CliRunner().invoke(main, args, prog_name="klantreis")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["new", "--help"], []])
def test_help_is_dutch(tmp_path, args):
    result = console(*args, cwd=tmp_path)
    text = result.stdout + result.stderr
    assert text.startswith("Gebruik: klantreis ")
    assert "Opties:" in text
    assert "Toon deze hulp en stop." in text
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:"):
        assert english not in text
    if args in (["--help"], []):
        assert "\nCommando's:\n" in text
        commands = [line.split()[0] for line in text.split("Commando's:\n")[1].splitlines() if line]
        assert commands == sorted(main.commands) and "check" in commands
    # --help is asked for; without any command the help is shown as wrong use.
    assert result.returncode == (2 if args == [] else 0)
