"""The one Jinja environment for all markup the engine produces.

Autoescaping is on and undefined names fail, so text from the sources can never become markup
and a typo in a template stops the build instead of shipping an empty block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

EMOTION_LABELS = {
    -2: "heel negatief",
    -1: "negatief",
    0: "neutraal",
    1: "positief",
    2: "heel positief",
}


class Renderer:
    """Renders the engine's templates; icons come from the theme's bundled icon sets."""

    def __init__(self, icon_dirs: Iterable[Path] = ()) -> None:
        self.env = Environment(
            loader=PackageLoader("klantreis", "templates"),
            # HTML and Markdown output is escaped; scaffolds (.j2) are YAML and Markdown sources.
            autoescape=select_autoescape(["html", "md"], default=False, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._icon_dirs = tuple(icon_dirs)
        self.env.globals["icon"] = self.icon
        self.env.globals["emotion_label"] = EMOTION_LABELS.get
        # A JSON string is a valid YAML scalar: quotes, colons and accents stay intact.
        self.env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)

    def render(self, name: str, /, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def icon(self, name: str) -> Markup:
        """The inline SVG of a bundled icon ('material/eye-outline'), or nothing if unknown."""
        return _read_icon(self._icon_dirs, name)


@lru_cache(maxsize=512)
def _read_icon(dirs: tuple[Path, ...], name: str) -> Markup:
    for folder in dirs:
        path = folder / ".icons" / f"{name}.svg"
        if path.is_file():
            svg = path.read_text(encoding="utf-8")
            # Icons are decoration next to a visible label: hide them from screen readers.
            return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
    return Markup("")
