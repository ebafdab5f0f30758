"""The term linker on its own: matching rules, skipped elements, and text that never changes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from klantreis.content.model import Term
from klantreis.site.linker import TermLinker


def term(slug: str, title: str, *aliases: str) -> Term:
    return Term(slug=slug, path=f"glossary/{slug}.md", title=title, aliases=list(aliases),
                description=f"Uitleg van {title}.", body="x", body_line=1)


TERMS = [
    term("seo", "SEO", "zoekmachineoptimalisatie"),
    term("google-ads", "Google Ads"),
    term("google", "Google"),
    term("conversie", "conversie", "conversies"),
    term("cpp", "C++"),
    term("ab-test", "A/B-test", "A/B-testen"),
    term("e-mail", "e-mail"),
]
LINKER = TermLinker(TERMS)


def render(slug: str, text: str) -> str:
    return f'<a class="kr-begrip" data-begrip="{slug}">{text}</a>'


def linked(html_text: str, **options) -> list[tuple[str, str]]:
    result = LINKER.link(html_text, render, **options)
    soup = BeautifulSoup(result.html, "html.parser")
    return [(a["data-begrip"], a.get_text()) for a in soup.select("a.kr-begrip")]


def test_first_occurrence_of_term_and_alias_is_linked_once():
    assert linked("<p>SEO en SEO. Conversies en een conversie.</p>") == [
        ("seo", "SEO"), ("conversie", "Conversies")]


def test_longest_match_wins_and_whole_words_only():
    assert linked("<p>Google Ads of Google. Googlen en SEOs niet.</p>") == [
        ("google-ads", "Google Ads"), ("google", "Google")]


def test_capitals_only_terms_do_not_match_lowercase():
    assert linked("<p>seo en Seo zijn geen SEO</p>") == [("seo", "SEO")]


def test_terms_with_regex_characters():
    assert linked("<p>C++ en een A/B-test via e-mail.</p>") == [
        ("cpp", "C++"), ("ab-test", "A/B-test"), ("e-mail", "e-mail")]


def test_never_in_headings_code_links_or_opt_out_blocks():
    page = ("<h2>SEO</h2><p><code>SEO</code> <a href='x'>SEO</a> <pre>SEO</pre></p>"
            "<div class='geen-begrippen'><p>SEO</p></div><p>Hier wel SEO.</p>")
    result = LINKER.link(page, render)
    soup = BeautifulSoup(result.html, "html.parser")
    assert [a.parent.name for a in soup.select("a.kr-begrip")] == ["p"]
    assert soup.select("a.kr-begrip")[0].parent.get_text() == "Hier wel SEO."


def test_own_page_and_disabled_page_are_not_linked_but_mentions_count():
    own = LINKER.link("<p>SEO met Google</p>", render, own_slug="seo")
    assert BeautifulSoup(own.html, "html.parser").select("a")[0]["data-begrip"] == "google"
    off = LINKER.link("<p>SEO met Google</p>", render, enabled=False)
    assert off.html == "<p>SEO met Google</p>"
    assert off.mentioned == {"seo", "google"}


def test_everything_outside_text_nodes_is_kept_byte_for_byte():
    page = '<p class="a"  data-x=\'1\'>Over &amp; SEO<br/>en <!-- SEO --> verder</p>'
    result = LINKER.link(page, render)
    assert result.html == ('<p class="a"  data-x=\'1\'>Over &amp; <a class="kr-begrip" '
                           'data-begrip="seo">SEO</a><br/>en <!-- SEO --> verder</p>')


WORDS = st.sampled_from(["SEO", "seo", "Google", "Ads", "Google Ads", "conversies", "C++",
                         "A/B-test", "e-mail", "de", "klant", "<", "&", "é", "\n", " ", "-"])
TAGS = st.sampled_from(["p", "h2", "code", "a", "li", "em", "div"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(TAGS)
        text = html.escape(" ".join(draw(st.lists(WORDS, max_size=12))), quote=False)
        parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


ADDED_LINK = re.compile(r'<a class="kr-begrip" data-begrip="[^"]*">([^<]*)</a>')


@settings(max_examples=300, deadline=None)
@given(pages(), st.booleans())
def test_linking_never_changes_the_visible_text(page, link_every):
    result = LINKER.link(page, render, link_every=link_every)
    assert visible_text(result.html) == visible_text(page)
    # Only words were wrapped: removing the added links gives back the original page exactly.
    assert ADDED_LINK.sub(r"\1", result.html) == page
    assert result.linked == len(ADDED_LINK.findall(result.html))
