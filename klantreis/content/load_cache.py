"""What loading each source file produced, kept between the loads of one preview session.

The preview loads the knowledge base again after every save. A file that did not change, read
against catalogues that did not change, gives the same result; taking it from here makes a
load of a thousand pages cost the few files that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .sources import YamlDocument

Stamp = tuple[int, int]


def file_stamp(path: Path) -> Stamp:
    """Modification time and size: a save changes at least one."""
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def context_key(context: dict[str, set[str]]) -> int:
    """A fingerprint of the ids a file was validated against (phases, channels, terms ...)."""
    return hash(tuple(sorted((kind, tuple(sorted(ids))) for kind, ids in context.items())))


@dataclass(frozen=True)
class FileOutcome:
    """Everything loading one file produced: the item, its errors and its line maps."""

    stamp: Stamp
    context: int
    item: Any
    errors: tuple[ContentError, ...]
    names: list[tuple[str, int, bool]] | None
    document: YamlDocument | None


class LoadCache:
    """File path -> the outcome of its last load."""

    def __init__(self) -> None:
        self._outcomes: dict[str, FileOutcome] = {}

    def get(self, rel: str, stamp: Stamp, context: int) -> FileOutcome | None:
        outcome = self._outcomes.get(rel)
        if outcome is None or outcome.stamp != stamp or outcome.context != context:
            return None
        return outcome

    def put(self, rel: str, outcome: FileOutcome) -> None:
        self._outcomes[rel] = outcome
