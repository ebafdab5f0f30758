"""Material's navigation, rendered once per folder for the pages that are not in it.

Material writes the whole navigation into every page. For a page outside the navigation (an
article among hundreds, reached from the indexes) no item is active, so its navigation differs
from that of another such page only in the links, which are relative to the page. Two pages
that MkDocs makes relative links for from the same depth of the same folder get the same
navigation, byte for byte, unless a navigation link points below one of them. Those pages share
one rendering: with hundreds of articles this was most of the time Material took per page.

`theme/partials/nav.html` asks this class; tests/test_shared_nav.py compares every page with
Material's own rendering.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader

MATERIAL_PREFIX = "material-theme"
"""Material's own templates under this prefix: our partials/nav.html includes Material's."""


class SharedNavigation:
    """The rendered navigation of each group of pages outside it (see the module)."""

    def __init__(self, nav: Any) -> None:
        self._in_nav = {id(page) for page in nav.pages}
        # Every folder a navigation link points into: a page there is a link's base of its own.
        self._folders_linked: set[str] = set()
        for url in _urls(nav.items):
            parts = url.split("/")
            for depth in range(1, len(parts)):
                self._folders_linked.add("/".join(parts[:depth]) + "/")
        self._rendered: dict[tuple[str, bool], str] = {}

    def key(self, page: Any) -> tuple[str, bool] | None:
        """What the page's navigation depends on, or None when it is the page's own."""
        if page is None or page.parent is not None or id(page) in self._in_nav:
            return None
        url = page.url
        if not url or url.rstrip("/") + "/" in self._folders_linked:
            return None
        folder, _, name = url.rstrip("/").rpartition("/")
        # MkDocs makes links relative to "folder/name/", or to "folder/" after a file name.
        has_file_name = not url.endswith("/") and "." in name
        return folder, has_file_name

    def has(self, key: tuple[str, bool]) -> bool:
        return key in self._rendered

    def get(self, key: tuple[str, bool]) -> str:
        return self._rendered[key]

    def keep(self, key: tuple[str, bool], html: str) -> str:
        self._rendered[key] = html
        return html

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
