"""The link check of `klantreis check`: links as the reader gets them, read from parsed pages.

Each hand-written page is parsed with Python-Markdown and the extensions of mkdocs.yml that
decide what is a link and what is code. Links in code are therefore never checked, and
reference-style links are. A broken target is then looked up in the text on disk for the line.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

from .content.errors import ContentError
from .content.knowledge import KnowledgeBase
from .content.schema import SCHEMA_DIR, SCHEMAS
from .project import read_config
from .site.pages import STARTER_FILE, generated_pages

# The extensions that change where links are found (code, admonitions, tabs, footnotes,
# Markdown inside HTML). Others (emoji, toc, abbr) only change how text looks.
STRUCTURAL = (
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
    "pymdownx.blocks.html",
)
# MkDocs always adds these.
DEFAULT_EXTENSIONS = ("tables", "fenced_code")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FENCED_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[`~]*[ \t]*$", re.MULTILINE | re.DOTALL)
# Everything that may be a link target in raw Markdown or HTML: a superset of what the parsed
# page links to (it also finds targets in code), so a page with none broken needs no parse.
# Each pattern has a literal start or runs only where its marker occurs: the search then skips
# through the text instead of trying every position (a build reads every page this way).
MAYBE_LINK_TARGET = re.compile(r"\]\(\s*<?([^)>\s]+)")
MAYBE_HTML_TARGET = re.compile(r"""(?:href|src)\s*=\s*["']?([^"'\s>]+)""")
MAYBE_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<([^>]+)>|^\s{0,3}\[[^\]]+\]:\s*(\S+)", re.M)
# A code span ends in its paragraph: it never crosses a blank line.
INLINE_CODE = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)\1(?!`)", re.DOTALL)


def _maybe_targets(body: str) -> Iterator[str]:
    """The targets the patterns above find in a page's raw text."""
    yield from MAYBE_LINK_TARGET.findall(body)
    if "href" in body or "src" in body:
        yield from MAYBE_HTML_TARGET.findall(body)
    if "]:" in body:
        for angled, plain in MAYBE_REFERENCE.findall(body):
            yield angled or plain


class _Targets(HTMLParser):
    """Collects `a[href]` and `img[src]` of an HTML fragment, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append((tag, value))


class LinkChecker:
    """Checks the relative links of every hand-written page against the pages and files."""

    def __init__(self, project: Path, docs_dir: str = "docs") -> None:
        self.docs = (project / docs_dir).resolve()
        self.settings = markdown_settings(project)
        self.markdown = markdown.Markdown(**self.settings)

    def broken(
        self, kb: KnowledgeBase, only: Collection[str] | None = None
    ) -> Iterator[ContentError]:
        """Broken links in every page (in the pages of `only`, when given).

        A page is parsed only when a quick look at its text finds a target that does not exist:
        most pages have none, and parsing every page again would double a build's Markdown work.
        """
        if kb.sources and "footnotes" not in self.settings["extensions"]:
            # The plugin adds footnotes when there are sources: they are cited as footnotes.
            extensions = [*self.settings["extensions"], "footnotes"]
            configs = self.settings["extension_configs"]
            self.markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)
        known = {page.src_uri for page in kb.pages} | {g.src_uri for g in generated_pages(kb)}
        known |= {STARTER_FILE} | {f"{SCHEMA_DIR}/{name}" for name in SCHEMAS}
        for page in kb.pages:
            if only is not None and page.path not in only:
                continue
            body = without_macros(page.body) if page.render_macros else page.body
            if not self._suspicious(body, page.src_uri, known):
                continue
            targets = self.targets(body)
            seen: dict[str, int] = {}
            for tag, target in targets:
                problem = self._problem(tag, target, page.src_uri, known)
                if problem is None:
                    continue
                occurrence = seen[target] = seen.get(target, -1) + 1
                message, hint = problem
                line = page.body_line + line_of(page.body, target, occurrence)
                yield ContentError(page.path, line, message, hint)

    def _suspicious(self, body: str, src_uri: str, known: set[str]) -> bool:
        """Whether anything in the raw text that may be a link points nowhere (code included)."""
        return any(
            self._problem("a", target, src_uri, known) is not None
            for target in _maybe_targets(body)
        )

    def targets(self, body: str) -> list[tuple[str, str]]:
        """(tag, target) of every link and image in the page as HTML."""
        self.markdown.reset()
        collector = _Targets()
        collector.feed(self.markdown.convert(body))
        collector.close()
        return collector.found

    def _problem(
        self, tag: str, target: str, src_uri: str, known: set[str]
    ) -> tuple[str, str] | None:
        """(message, hint) when `target` on page `src_uri` points nowhere; else None."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        if not path or SCHEME.match(target) or target.startswith(("/", "//")):
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        what = "de afbeelding" if tag == "img" else "de link"
        if resolved == ".." or resolved.startswith("../"):
            return (
                f"{what} '{target}' wijst naar een plek buiten docs/.",
                "Link alleen naar pagina's en bestanden in docs/.",
            )
        if self._exists(resolved, known):
            return None
        if tag == "img":
            return (f"de afbeelding '{target}' bestaat niet.", "Controleer de map en de naam.")
        return (
            f"de link '{target}' wijst naar een pagina die niet bestaat.",
            "Controleer de map en de bestandsnaam (met .md).",
        )

    def _exists(self, resolved: str, known: set[str]) -> bool:
        index = posixpath.join(resolved, "index.md") if resolved != "." else "index.md"
        if resolved in known or index in known:
            return True
        on_disk = (self.docs / resolved).resolve()
        # Through a symbolic link a path inside docs/ can still end outside it.
        return on_disk.is_relative_to(self.docs) and on_disk.exists()


def markdown_settings(project: Path) -> dict[str, Any]:
    """The structural Markdown extensions of mkdocs.yml, with their plain settings."""
    extensions: dict[str, dict[str, Any]] = {name: {} for name in DEFAULT_EXTENSIONS}
    for item in _configured_extensions(project):
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        name = str(name).removeprefix("markdown.extensions.")
        if name in STRUCTURAL:
            extensions[name] = settings if isinstance(settings, dict) else {}
    usable = {}
    for name, settings in extensions.items():
        for candidate in (settings, {}):
            try:
                markdown.Markdown(extensions=[name], extension_configs={name: candidate})
            except Exception:  # an extension that is not installed or rejects its settings
                continue
            usable[name] = candidate
            break
    return {"extensions": list(usable), "extension_configs": usable}


def _configured_extensions(project: Path) -> list[Any]:
    extensions = read_config(project).get("markdown_extensions")
    return extensions if isinstance(extensions, list) else []


def without_macros(body: str) -> str:
    """The body without its `{{ }}`, `{% %}` and `{# #}`; each leaves only its line breaks.

    The macros plugin renders them before Markdown sees the page; their text is no Markdown.
    Not spaces: a line indented by them would read as code.
    """
    return MACRO.sub(lambda match: "\n" * match.group(0).count("\n"), body)


def line_of(body: str, target: str, occurrence: int = 0) -> int:
    """0-based line in `body` of the `occurrence`-th place `target` is written as a link.

    Code is blanked first, so a target also written in code is not taken for the link.
    """
    text = _blank(INLINE_CODE, _blank(FENCED_CODE, _blank(MACRO, body)))
    forms = dict.fromkeys([target, unquote(target), target.replace("&", "&amp;")])
    for form in forms:
        written = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|(?:href|src)\s*=\s*[\"']?)" + re.escape(form))
        places = [match.start() for match in written.finditer(text)]
        if not places:
            bare = re.compile(r"(?<![\w./-])" + re.escape(form))
            places = [match.start() for match in bare.finditer(text)]
        if places:
            return text.count("\n", 0, places[min(occurrence, len(places) - 1)])
    return 0


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
