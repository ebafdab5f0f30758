"""Finished HTML kept out of Python-Markdown's way.

A generated page is Markdown with large blocks of finished HTML in it (phase strips, lists,
journey maps). Python-Markdown reads every tag of raw HTML with `html.parser` to find where the
block ends, which made these pages cost several times a hand-written page of the same length.
The blocks go into the Markdown as one short comment each, which Markdown passes through
untouched as it would the block itself, and are put back into the HTML it returns.
"""

from __future__ import annotations

import itertools
import re

from markupsafe import Markup

_KEY = re.compile(r"<!--kr-html:(\d+)-->")


class HtmlStash:
    """Holds blocks of finished HTML between a page's Markdown and its HTML."""

    def __init__(self) -> None:
        self._blocks: dict[str, str] = {}
        self._numbers = itertools.count()

    def put(self, html: str) -> Markup:
        """The comment that stands for `html` in the Markdown."""
        number = str(next(self._numbers))
        self._blocks[number] = html
        return Markup(f"<!--kr-html:{number}-->")

    def restore(self, html: str) -> str:
        """The HTML with every block back in place; each block is handed out once, so the
        stash does not grow with the pages of a preview."""
        if "<!--kr-html:" not in html:
            return html
        # Markdown drops the line break that ends a block of raw HTML; blocks within blocks
        # never went through Markdown and keep theirs.
        return _KEY.sub(lambda key: self._block(key).rstrip("\n"), html)

    def _block(self, key: re.Match[str]) -> str:
        block = self._blocks.pop(key.group(1), None)
        if block is None:
            return key.group(0)
        return _KEY.sub(self._block, block) if "<!--kr-html:" in block else block
