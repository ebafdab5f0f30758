"""The journey map as data for its template: phase bands, lanes, the curve lane, opportunities.

The emotion curve is a lane of the map's table: each stage's cell draws its own point in the
middle and the half-segments to its neighbours' points at its edges. A point therefore sits
above the centre of its column at any width, without arithmetic that could drift.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..content.model import Journey, Opportunity, Stage

# (field of a stage, lane name, how its cells are drawn); the order of the lanes on the map.
# Lanes after "backstage" are below the line of visibility: what the customer does not see.
# The curve comes first: the whole journey at a glance, right under the stages.
LANES = (
    ("emotion", "Emotie", "curve"),
    ("does", "Doet", "text"),
    ("thinks", "Denkt", "text"),
    ("feels", "Voelt", "text"),
    ("quotes", "Klanten zeggen", "quotes"),
    ("evidence", "Onderbouwing", "evidence"),
    ("channels", "Kanalen", "channels"),
    ("online", "Online of offline", "online"),
    ("duration", "Duur", "text"),
    ("needs", "Behoeften", "text"),
    ("expectations", "Verwachtingen", "text"),
    ("pain_points", "Knelpunten", "list"),
    ("improvements", "Verbeteringen", "list"),
    ("backstage", "Achter de schermen", "text"),
    ("owner", "Eigenaar", "text"),
    ("kpis", "KPI's", "list"),
)
BACKSTAGE_LANES = frozenset({"backstage", "owner", "kpis"})
ONLINE_LABELS = {True: "online", False: "offline", "mixed": "online en offline"}
EVIDENCE_LABELS = {
    "aanname": "aanname",
    "interview": "interviews",
    "data": "data",
    "observatie": "observatie",
}
IMPACT_LABELS = {1: "klein", 2: "gemiddeld", 3: "groot"}
EFFORT_LABELS = {1: "weinig", 2: "gemiddeld", 3: "veel"}
IMPACT_ROWS = {3: "Grote impact", 2: "Gemiddelde impact", 1: "Kleine impact"}
EFFORT_COLUMNS = {1: "Weinig moeite", 2: "Gemiddelde moeite", 3: "Veel moeite"}


def level(emotion: int) -> float:
    """The height of an emotion in the curve lane, in % from the top: +2 high, -2 low."""
    return 10 + (2 - emotion) * 20


def level_class(emotion: int) -> str:
    return f"kr-niveau-{'m' if emotion < 0 else 'p' if emotion > 0 else ''}{abs(emotion)}"


@dataclass(frozen=True)
class CurveCell:
    """One stage's share of a curve: its point (or none) and the line through its cell."""

    emotion: int | None
    path: str
    """SVG polyline points in the cell's 0..100 box: left edge, centre, right edge."""

    @property
    def level_class(self) -> str:
        return level_class(self.emotion) if self.emotion is not None else ""


def curve_cells(values: list[int | None], bridge: bool = True) -> list[CurveCell]:
    """Split the curve through `values` (one per stage, None for no emotion) into cells.

    Points sit at the centres of equal columns, so within a cell the line is straight on each
    side of the centre: sampling the left edge, the centre and the right edge draws it exactly.
    With `bridge` off, a stage without a value breaks the line: its neighbours' points get no
    line to each other (the after-curve shows no change where none is given).
    """
    known = [(index + 0.5, level(value)) for index, value in enumerate(values) if value is not None]

    def height(position: float) -> float | None:
        for (x0, y0), (x1, y1) in itertools.pairwise(known):
            if x0 <= position <= x1 and (bridge or x1 - x0 <= 1):
                return y0 + (y1 - y0) * (position - x0) / (x1 - x0)
        return next((y for x, y in known if x == position), None)  # a point on its own

    cells = []
    for index, value in enumerate(values):
        samples = [(x, height(index + x / 100)) for x in (0, 50, 100)]
        path = " ".join(f"{x:g},{y:g}" for x, y in samples if y is not None)
        cells.append(CurveCell(value, path if path.count(",") > 1 else ""))
    return cells


def runs(values: list[int | None]) -> list[list[tuple[int, int]]]:
    """(index, value) of the stages with a value, in runs of neighbours: a gap ends a run."""
    result: list[list[tuple[int, int]]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if result and result[-1][-1][0] == index - 1:
            result[-1].append((index, value))
        else:
            result.append([(index, value)])
    return result


def phase_bands(journey: Journey) -> list[tuple[str, int, int]]:
    """(phase id, first stage index, number of stages) for each run of stages in one phase.

    A phase that comes back later (a loop after a complaint) gets a band of its own.
    """
    bands: list[tuple[str, int, int]] = []
    for index, stage in enumerate(journey.stages):
        if bands and bands[-1][0] == stage.phase:
            phase, first, count = bands[-1]
            bands[-1] = (phase, first, count + 1)
        else:
            bands.append((stage.phase, index, 1))
    return bands


def filled(value: Any) -> bool:
    return value not in (None, "", [], False)


def lanes(journey: Journey, channel: Callable[[str], dict[str, str]]) -> list[dict[str, Any]]:
    """The lanes some stage fills, each with one cell per stage; `channel` links a channel id."""
    result = []
    for key, label, kind in LANES:
        values = [getattr(stage, key) for stage in journey.stages]
        if key == "emotion":
            values = [
                stage.emotion if stage.emotion is not None else stage.emotion_to_be
                for stage in journey.stages
            ]
        if not any(filled(value) for value in values):
            continue  # a lane no stage fills is left out of the map
        if key == "evidence" and shared_evidence(journey):
            continue  # said once beside the map, not in every column
        cells: list[Any] = values
        if kind == "channels":
            cells = [[channel(c) for c in value] for value in values]
        elif kind == "curve":
            cells = _curve_lane(journey.stages)
        result.append(
            {
                "key": key,
                "label": label,
                "kind": kind,
                "cells": cells,
                "backstage": key in BACKSTAGE_LANES,
            }
        )
    _mark_line_of_visibility(result)
    return result


def shared_evidence(journey: Journey) -> str | None:
    """The evidence every stage has, when they all have the same; None when they differ."""
    values = {stage.evidence for stage in journey.stages}
    return values.pop() if len(values) == 1 else None


def _curve_lane(stages: list[Stage]) -> list[dict[str, Any]]:
    now = curve_cells([stage.emotion for stage in stages])
    after = curve_cells([stage.emotion_to_be for stage in stages], bridge=False)
    return [{"now": a, "after": b} for a, b in zip(now, after, strict=True)]


def _mark_line_of_visibility(result: list[dict[str, Any]]) -> None:
    for lane in result:
        lane["first_backstage"] = False
    first = next((lane for lane in result if lane["backstage"]), None)
    if first is not None and first is not result[0]:
        first["first_backstage"] = True


def ranked(opportunities: list[Opportunity]) -> list[tuple[int, Opportunity]]:
    """(rank, opportunity), best first: most impact, then least effort, then as written.

    The rank is the one number of an opportunity on the page: in the list and in the grid.
    """
    best_first = sorted(
        enumerate(opportunities), key=lambda item: (-item[1].impact, item[1].effort, item[0])
    )
    return [(rank, item) for rank, (_, item) in enumerate(best_first, start=1)]


def impact_effort_grid(ranked: list[tuple[int, Opportunity]]) -> list[dict[str, Any]]:
    """Rows from high to low impact; per row one cell per effort (low to high) with its items.

    `ranked` is the output of `ranked()`: the grid numbers each opportunity by its rank.
    """
    return [
        {
            "impact": impact,
            "label": IMPACT_ROWS[impact],
            "cells": [
                {
                    "effort": effort,
                    "quick_win": impact >= 2 and effort == 1,
                    "entries": [
                        (rank, item)
                        for rank, item in ranked
                        if item.impact == impact and item.effort == effort
                    ],
                }
                for effort in (1, 2, 3)
            ],
        }
        for impact in (3, 2, 1)
    ]
