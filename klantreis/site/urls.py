"""Site URLs: where each source page ends up, and relative links between pages.

The MkDocs adapter fills the map from its files, so directory URLs (online) and `.html` URLs
(the offline bundle) both come out right; the engine only ever asks for a relative link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping


class Urls:
    """Maps source paths (relative to docs/, posix) to site URLs and makes relative links."""

    def __init__(self, url_of: Mapping[str, str]) -> None:
        self._url_of = dict(url_of)

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self._url_of

    def url(self, src_uri: str) -> str:
        return self._url_of[src_uri]

    def link(self, target_src: str, from_src: str, anchor: str = "") -> str:
        """A link from page `from_src` to page `target_src` that works on any host and from disk."""
        href = relative_url(self._url_of[target_src], self._url_of[from_src])
        return f"{href}#{anchor}" if anchor else href


def relative_url(target: str, base: str) -> str:
    """`target` relative to the page at `base`; both are site-root URLs ('a/b/' or 'a/b.html')."""
    target = "" if target in ("", "./", ".") else target
    base = "" if base in ("", "./", ".") else base
    base_dir = base[:-1] if base.endswith("/") else posixpath.dirname(base)
    relative = _relative_path(target.rstrip("/"), base_dir)
    if target == "" or target.endswith("/"):
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


def _relative_path(target: str, start: str) -> str:
    """posixpath.relpath for the clean paths MkDocs makes (no '.', '..' or '//'), without its
    normalising: a build asks this for every link on every page."""
    target_parts = target.split("/") if target else []
    start_parts = start.split("/") if start else []
    common = 0
    for target_part, start_part in zip(target_parts, start_parts, strict=False):
        if target_part != start_part:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."
