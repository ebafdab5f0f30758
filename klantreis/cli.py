"""The `klantreis` command: build, serve, check, new and bundle, with Dutch messages.

Exit codes: 0 all well, 1 content errors (or a failed build), 2 wrong use of the command.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import click

from . import scaffold
from .check import findings
from .content.errors import ContentErrors
from .dutch_click import Choice, DutchGroup, KnowledgeBaseFolder
from .project import preview_address
from .report import format_errors, summary_lines

PROJECT = click.option(
    "--project",
    "-p",
    type=KnowledgeBaseFolder(),
    default=".",
    help="Map van de kennisbank (met mkdocs.yml); standaard de map waarin je nu staat.",
)


def _colour() -> bool:
    return sys.stdout.isatty()


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _show_progress() -> None:
    """On long builds the plugin reports every few hundred pages; show those lines."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    logger = logging.getLogger("klantreis.voortgang")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _show_mkdocs_messages(level: int = logging.WARNING) -> None:
    """Print MkDocs' own messages (warnings, errors; with serve also its progress) plainly."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)


@click.group(
    name="klantreis",
    cls=DutchGroup,
    help="Klantreis Kennisbank: bouw, controleer en publiceer de kennisbank.",
)
def main() -> None:
    pass


@main.command(help="Controleer alle bronbestanden zonder te bouwen.")
@PROJECT
@click.option(
    "--kleur/--geen-kleur",
    default=None,
    help="Kleur in de uitvoer (standaard: alleen op een terminal).",
)
def check(project: Path, kleur: bool | None) -> None:
    started = time.perf_counter()
    problems = findings(project.resolve())
    errors = [problem for problem in problems if not problem.warning]
    colour = _colour() if kleur is None else kleur
    if problems:
        # click drops colour codes when not on a terminal unless told otherwise.
        click.echo(format_errors(problems, colour=colour), color=colour)
    seconds = time.perf_counter() - started
    warnings = len(problems) - len(errors)
    click.echo(
        f"{_count(len(errors), 'fout', 'fouten')}, "
        f"{_count(warnings, 'waarschuwing', 'waarschuwingen')} ({seconds:.2f} s)."
    )
    sys.exit(1 if errors else 0)


@main.command(help="Bouw de site in site/ (en met --bundel ook de offline zip in dist/).")
@PROJECT
@click.option("--bundel/--geen-bundel", default=False, help="Maak ook de offline zip (of niet).")
def build(project: Path, bundel: bool) -> None:
    from .bundle import make_bundle
    from .mkdocs_adapter.build import BuildFailed
    from .mkdocs_adapter.build import build as run_build

    click.echo("Site bouwen ...")
    _show_progress()
    started = time.perf_counter()
    try:
        outcome = run_build(project.resolve())
        zip_path = make_bundle(project.resolve(), progress=click.echo) if bundel else None
    except (BuildFailed, ContentErrors) as failure:
        click.echo(f"Bouwen mislukt: {failure}", err=True)
        click.echo("De vorige site is niet aangeraakt.", err=True)
        sys.exit(1)
    outcome.seconds = time.perf_counter() - started  # the summary counts the bundle too
    for line in summary_lines(outcome, zip_path):
        click.echo(line)


@main.command(help="Maak alleen de offline zip in dist/.")
@PROJECT
def bundle(project: Path) -> None:
    from .bundle import make_bundle
    from .mkdocs_adapter.build import BuildFailed

    try:
        path = make_bundle(project.resolve(), progress=click.echo)
    except BuildFailed as failure:
        click.echo(f"Bundel maken mislukt: {failure}", err=True)
        sys.exit(1)
    click.echo(f"Offline bundel: {path} ({path.stat().st_size / 1_000_000:.1f} MB)")


@main.command(
    help="Live voorbeeld in je browser, ververst bij elke wijziging; met een editor op /admin/."
)
@PROJECT
@click.option(
    "--adres",
    default="127.0.0.1:8000",
    help="Computer en poort van het voorbeeld; standaard 127.0.0.1:8000.",
)
def serve(project: Path, adres: str) -> None:
    from .mkdocs_adapter.build import serve as run_serve

    click.echo(f"Voorbeeld op {preview_address(project, adres)} (stoppen: Ctrl+C).")
    _show_mkdocs_messages(logging.INFO)
    try:
        run_serve(project.resolve(), adres)
    except KeyboardInterrupt:
        click.echo("Voorbeeld gestopt.")  # Ctrl+C is the way to stop it: no error


@main.command(help="Schrijf de JSON-schema's voor editors opnieuw in schema/.")
@PROJECT
def schema(project: Path) -> None:
    from .content.loader import load_with_errors
    from .content.schema import write_schemas

    root = project.resolve()
    kb, errors = load_with_errors(root)
    if errors:
        # The enums come from the catalogues: a broken catalogue would give a wrong schema.
        click.echo(format_errors(errors, colour=_colour()), color=_colour())
        click.echo("De schema's zijn niet geschreven: herstel eerst de fouten.", err=True)
        sys.exit(1)
    changed = write_schemas(root, kb)
    for path in changed:
        click.echo(path.relative_to(root).as_posix())
    count = _count(len(changed), "schema", "schema's")
    click.echo(f"{count} bijgewerkt.")


@main.command(help="Maak een nieuw artikel, begrip of klantreis vanuit een sjabloon.")
@PROJECT
@click.argument("soort", type=Choice(scaffold.KINDS))
@click.argument("titel")
def new(project: Path, soort: str, titel: str) -> None:
    try:
        path = scaffold.create(project.resolve(), soort, titel)
    except scaffold.ScaffoldError as error:
        click.echo(f"Niet gemaakt: {error}", err=True)
        sys.exit(1)
    click.echo(path.relative_to(project.resolve()).as_posix())


def run() -> None:
    """The console entry point: an unexpected failure is reported in one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except Exception as error:
        if os.environ.get("KLANTREIS_DEBUG"):
            raise
        click.echo(
            f"Interne fout in klantreis ({type(error).__name__}: {error}). Er is niets "
            "gewijzigd. Meld dit aan de ontwikkelaar; met KLANTREIS_DEBUG=1 zie je details.",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    run()
