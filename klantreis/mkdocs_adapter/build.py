"""Running MkDocs for the command line: a build into a fresh folder, swapped in only on success."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..site.engine import Engine


class BuildFailed(Exception):
    """The build stopped; the message says why, in Dutch, with every problem found."""


@dataclass
class BuildOutcome:
    """What a finished build made, for the summary."""

    site_dir: Path
    seconds: float
    engine: Engine
    warnings: list[str] = field(default_factory=list)


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings and errors so they can be reported (strict mode fails on them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _offline(enabled: bool):
    previous = os.environ.get("KLANTREIS_OFFLINE")
    os.environ["KLANTREIS_OFFLINE"] = "true" if enabled else "false"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("KLANTREIS_OFFLINE", None)
        else:
            os.environ["KLANTREIS_OFFLINE"] = previous


def build(project: Path, site_dir: Path | None = None, *, offline: bool = False) -> BuildOutcome:
    """Build the site into `site_dir` (default: the config's); the old site stays on failure."""
    config_file = project / "mkdocs.yml"
    started = time.perf_counter()
    collector = _Collector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        with _offline(offline):
            config = _load(config_file)
            target = Path(site_dir) if site_dir else Path(config.site_dir)
            if target.exists() and not target.is_dir():
                raise BuildFailed(
                    f"{target} is een bestand, geen map. Hernoem of verwijder het "
                    "bestand en bouw opnieuw."
                )
            _remove_leftovers(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=_parent(target)))
            staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
            config.site_dir = str(staging)
            try:
                # As `mkdocs build` does. MkDocs reuses plugin instances within a process (for
                # `serve`), so on_shutdown is left out: the blog plugin would delete the
                # temporary folder its reused instance still needs in the next build.
                config.plugins.on_startup(command="build", dirty=False)
                mkdocs_build.build(config)
            except (MkDocsException, SystemExit) as error:
                shutil.rmtree(staging, ignore_errors=True)
                raise BuildFailed(_reason(error, collector.messages)) from None
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        # The plugin froze the build's lasting objects for the garbage collector and thaws them
        # when the build is done; a failed build never gets there.
        gc.unfreeze()
    _swap(staging, target)
    engine = config.plugins["klantreis"].engine
    return BuildOutcome(target, time.perf_counter() - started, engine, collector.messages)


def _load(config_file: Path) -> Any:
    try:
        return load_config(str(config_file))
    except MkDocsException as error:
        raise BuildFailed(f"mkdocs.yml klopt niet: {error}") from None


def _remove_leftovers(target: Path) -> None:
    """Half-built sites of an interrupted earlier build (never the site itself)."""
    if target.parent.is_dir():
        for leftover in target.parent.glob(f".{target.name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _parent(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.parent


def _reason(error: BaseException, messages: list[str]) -> str:
    """What went wrong: the logged errors (the real reasons), else the exception itself."""
    details = [_without_traceback(message) for message in messages if message.strip()]
    if details:
        return "\n".join(details)
    if isinstance(error, SystemExit) and not isinstance(error, MkDocsException):
        return "een macro gaf een fout."
    return str(error).strip()


def _without_traceback(message: str) -> str:
    # The macros plugin puts a Python traceback in its message; the first lines are what counts.
    return message.split("Traceback (most recent call last)", 1)[0].rstrip("`\n ")


def _swap(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see a half site."""
    old = target.with_name(f".{target.name}-oud")
    shutil.rmtree(old, ignore_errors=True)
    try:
        if target.exists():
            target.rename(old)
        staging.rename(target)
    except OSError as error:
        if old.exists() and not target.exists():
            old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"kan {target} niet vervangen: {error.strerror}.") from None
    shutil.rmtree(old, ignore_errors=True)


def serve(project: Path, address: str = "127.0.0.1:8000") -> None:
    """Live preview; after a save it renders again only the pages the save can change."""
    from .preview import serve as serve_preview

    # Not strict: a warning must not freeze the preview; `klantreis build` stays strict.
    with _offline(False):
        serve_preview(project, address)
