"""Sources on the page: footnotes for the sources a Markdown text cites, markers for YAML text.

The consultant writes `[^id]` after a figure; the definition of that footnote comes from the
sources catalogue, so one source is described in one place and every page cites it the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..content.model import Source
from ..content.texts import FOOTNOTE_DEFINITION, FOOTNOTE_REF, markdown_lines

RenderNote = Callable[[Source], str]
"""A source -> the HTML of its footnote text, with links relative to the page."""


def cited_sources(markdown: str, sources: Mapping[str, Source]) -> list[str]:
    """Ids of the catalogue's sources the text cites outside code, in order of first citation."""
    cited: dict[str, None] = {}
    for _, line in markdown_lines(markdown):
        for source_id in FOOTNOTE_REF.findall(line):
            if source_id in sources:
                cited[source_id] = None
    return list(cited)


def add_source_notes(markdown: str, sources: Mapping[str, Source], render: RenderNote) -> str:
    """The Markdown with a footnote definition for every cited source it does not define."""
    own = set(FOOTNOTE_DEFINITION.findall(markdown))
    notes = [
        f"[^{source_id}]: {render(sources[source_id])}"
        for source_id in cited_sources(markdown, sources)
        if source_id not in own
    ]
    return markdown.rstrip("\n") + "\n\n" + "\n".join(notes) + "\n" if notes else markdown
