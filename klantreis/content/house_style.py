"""The house style: one word for one thing, as the consultant lists it in `journeys/_stijl.yml`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import ContentError
from .knowledge import KnowledgeBase
from .model import StyleRule
from .texts import units


def _pattern(rule: StyleRule) -> re.Pattern[str]:
    # Whole words only, any case; a space in a form also matches a line break or two spaces.
    forms = sorted(rule.avoid, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def check_style(kb: KnowledgeBase) -> list[ContentError]:
    """A warning for every avoided form, with the preferred one."""
    return list(_findings(kb))


def _findings(kb: KnowledgeBase) -> Iterator[ContentError]:
    if not kb.style:
        return
    rules = [(rule, _pattern(rule)) for rule in kb.style]
    for unit in units(kb):
        for rule, pattern in rules:
            for match in pattern.finditer(unit.text):
                found = " ".join(match.group(0).split())
                note = f" {rule.note}" if rule.note else ""
                yield ContentError(
                    unit.path,
                    unit.line_at(match.start()),
                    f"'{found}': de huisstijl schrijft '{rule.preferred}'.",
                    f"Vervang het door '{rule.preferred}' (journeys/_stijl.yml).{note}",
                    warning=True,
                )
