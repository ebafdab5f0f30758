"""Parts of Material's page rendered once per folder for the pages outside the navigation.

Material writes the whole navigation, the search box, the stylesheets, scripts, its
configuration and the footer into every page. For a page outside the navigation (an article
among hundreds, reached from the indexes) no navigation item is active and there is no previous
or next page, so these parts differ from those of another such page only in their links, which
are relative to the page. Two pages that MkDocs makes relative links for from the same depth of
the same folder get the same parts, byte for byte, unless a navigation link points below one of
them. Those pages share one rendering of each part: with hundreds of articles the navigation
alone was most of the time Material took per page.

`theme/main.html`, `theme/partials/nav.html` and `theme/partials/search.html` ask this class;
tests/test_shared_parts.py compares every page with a build that renders every part for every
page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader

MATERIAL_PREFIX = "material-theme"
"""Material's own templates under this prefix: our partial includes the one it stands before."""

Key = tuple[str, bool]


class SharedParts:
    """The rendered parts of each group of pages outside the navigation (see the module)."""

    def __init__(self, nav: Any) -> None:
        self._in_nav = {id(page) for page in nav.pages}
        # Every folder a navigation link points into: a page there is a link's base of its own.
        self._folders_linked: set[str] = set()
        for url in _urls(nav.items):
            parts = url.split("/")
            for depth in range(1, len(parts)):
                self._folders_linked.add("/".join(parts[:depth]) + "/")
        self._rendered: dict[tuple[str, Key], str] = {}

    def key(self, page: Any) -> Key | None:
        """What the page's parts depend on, or None when they are the page's own."""
        if page is None or page.parent is not None or id(page) in self._in_nav:
            return None
        url = page.url
        if not url or url.rstrip("/") + "/" in self._folders_linked:
            return None
        folder, _, name = url.rstrip("/").rpartition("/")
        # MkDocs makes links relative to "folder/name/", or to "folder/" after a file name.
        has_file_name = not url.endswith("/") and "." in name
        return folder, has_file_name

    def part(self, name: str, page: Any, render: Callable[[], str]) -> str:
        """The part `name` of the page: rendered by `render` (a block's `super`, or a macro)
        once for the pages that share it."""
        key = self.key(page)
        if key is None:
            return render()
        if (name, key) not in self._rendered:
            self._rendered[name, key] = render()
        return self._rendered[name, key]

    def forget(self) -> None:
        """Render again on next use: the preview re-renders pages after an edit."""
        self._rendered.clear()


def _urls(items: list[Any]) -> list[str]:
    """The URLs of the navigation's pages and links, sections searched through."""
    urls = []
    for item in items:
        if getattr(item, "url", None):
            urls.append(item.url)
        if getattr(item, "children", None):
            urls += _urls(item.children)
    return urls


def with_material_prefix(loader: BaseLoader, theme_dirs: list[str], own_dir: Path) -> BaseLoader:
    """The theme's loader, plus the templates after our theme folder (Material's) under
    MATERIAL_PREFIX, so our partial can include the one it stands in front of."""
    position = [Path(folder).resolve() for folder in theme_dirs].index(own_dir.resolve())
    below = FileSystemLoader(theme_dirs[position + 1 :])
    return ChoiceLoader([loader, PrefixLoader({MATERIAL_PREFIX: below})])
