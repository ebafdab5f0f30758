"""Where a page's text nodes are, and which stretches of the page hold no text to link.

The pages come from Python-Markdown and Material, so they are well formed. The linker asks only
about the few places where a term may occur: the text node around a place is found from the tag
just before it, and the elements whose text is never linked (links, code, headings ...) are
found by name, each up to its own closing tag. No walk over every tag of the page is needed.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Iterator

RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "param"}
)
ATTRIBUTES = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
TAG = re.compile(
    rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>|</?[A-Za-z][A-Za-z0-9-]*{ATTRIBUTES}>",
    re.DOTALL,
)
"""A tag, comment or doctype starting at a '<' (Python-Markdown escapes every other '<')."""
COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
OPENING_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]){ATTRIBUTES}>")
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# Python-Markdown and Material write tag names in lower case. Only a page with a capital in a tag
# name (hand-written HTML) needs patterns that ignore case, which search twice as slowly.
UPPER_CASE_TAG = re.compile(r"</?[a-z0-9-]*[A-Z]")


def classes(attributes: str) -> set[str]:
    """The class names in a tag's attributes."""
    if "class" not in attributes:
        return set()
    found = CLASS_ATTRIBUTE.search(attributes)
    if not found:
        return set()
    return set(next(group for group in found.groups() if group is not None).split())


class Outline:
    """The stretches of one page where text is never linked, and its text nodes on demand."""

    def __init__(self, source: str, skip_tags: Collection[str], skip_classes: Collection[str]):
        self.source = source
        self._case = re.IGNORECASE if UPPER_CASE_TAG.search(source) else re.NOFLAG
        comments = [match.span() for match in COMMENT.finditer(source)]
        self._comments = _intervals(comments)
        self._skipped = _intervals([*comments, *self._elements(skip_tags, skip_classes)])

    def locate(self, position: int) -> tuple[tuple[int, int] | None, int]:
        """The text node to read around `position` (None in a tag, a comment, a skipped element
        or where the page is not well formed), and the first position after it worth asking."""
        skipped = _around(self._skipped, position)
        if skipped is not None:
            return None, skipped[1]
        before = self.source.rfind("<", 0, position)
        start = 0
        if before >= 0:
            comment = _around(self._comments, before)
            if comment is not None:
                start = comment[1]
            else:
                tag = TAG.match(self.source, before)
                if tag is None:
                    return None, position + 1
                if tag.end() > position:
                    return None, tag.end()
                start = tag.end()
        end = self.source.find("<", position)
        node = (start, len(self.source) if end < 0 else end)
        return node, node[1]

    def opening_tags(self, name: str) -> Iterator[str]:
        """The attributes of every opening tag `name` outside comments."""
        for match in _patterns(name, self._case)[0].finditer(self.source):
            if not _within(self._comments, match.start()):
                yield match.group(1)

    def _elements(
        self, skip_tags: Collection[str], skip_classes: Collection[str]
    ) -> Iterator[tuple[int, int]]:
        """Each element that is skipped, from its opening tag to the end of its closing tag.

        The search goes on after each element found, so the elements inside it (a heading's
        permalink, code in a link) are never looked at.
        """
        opening = _skip_opening(frozenset(skip_tags), self._case)
        position = 0
        while (match := opening.search(self.source, position)) is not None:
            comment = _around(self._comments, match.start())
            if comment is not None:
                position = comment[1]
                continue
            element = self._element(match.group(1).lower(), match)
            yield element
            position = element[1]
        if any(name in self.source for name in skip_classes):
            for match in OPENING_TAG.finditer(self.source):
                skipped = classes(match.group(2)) & set(skip_classes)
                if skipped and not _within(self._comments, match.start()):
                    yield self._element(match.group(1).lower(), match)

    def _element(self, name: str, opening: re.Match[str]) -> tuple[int, int]:
        start, position = opening.span()
        if name in VOID_TAGS or opening.group(0).endswith("/>"):
            return start, position
        opening_tag, closing_tag = _patterns(name, self._case)
        close = closing_tag.search(self.source, position)
        if close is None:
            return start, len(self.source)
        if name in RAW_TEXT or opening_tag.search(self.source, position, close.start()) is None:
            return start, close.end()  # the common case: no element of its name inside
        depth = 1
        for match in _any_tag(name, self._case).finditer(self.source, position):
            if _within(self._comments, match.start()):
                continue
            if match.group(1):
                depth -= 1
            elif not match.group(0).endswith("/>"):
                depth += 1
            if depth == 0:
                return start, match.end()
        return start, len(self.source)


@functools.cache
def _skip_opening(names: frozenset[str], case: re.RegexFlag) -> re.Pattern[str]:
    alternatives = "|".join(sorted(names))
    return re.compile(rf"<({alternatives})(?=[\s/>]){ATTRIBUTES}>", case)


@functools.cache
def _patterns(name: str, case: re.RegexFlag) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An opening tag `name`, and its closing tag."""
    return (
        re.compile(rf"<{name}(?=[\s/>]){ATTRIBUTES}>", case),
        re.compile(rf"</{name}\s*>", case),
    )


@functools.cache
def _any_tag(name: str, case: re.RegexFlag) -> re.Pattern[str]:
    return re.compile(rf"<(/?){name}(?=[\s/>]){ATTRIBUTES}>", case)


Intervals = tuple[list[int], list[int]]


def _intervals(spans: list[tuple[int, int]]) -> Intervals:
    """Sorted, merged (start, end) spans as two lists, for bisect."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _around(intervals: Intervals, position: int) -> tuple[int, int] | None:
    starts, ends = intervals
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and ends[index] > position:
        return starts[index], ends[index]
    return None


def _within(intervals: Intervals, position: int) -> bool:
    return _around(intervals, position) is not None
