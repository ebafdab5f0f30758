"""The term linker on its own: matching rules, skipped elements, and text that never changes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
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
    term("cta", "CTA", "CTA's", "CTAs", "call to action"),
    term("qa", "Q&A"),
    term("bb", "B&B"),
    term("cafe", "café"),
    term("mond-tot-mond", "mond-tot-mondreclame", "mond aan mond"),
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
    assert [a["data-begrip"] for a in BeautifulSoup(own.html, "html.parser").select("a")] == [
        "google"]
    assert own.mentioned == {"seo", "google"}
    off = LINKER.link("<p>SEO met Google</p>", render, enabled=False)
    assert off.html == "<p>SEO met Google</p>"
    assert off.mentioned == {"seo", "google"}


def test_everything_outside_text_nodes_is_kept_byte_for_byte():
    page = '<p class="a"  data-x=\'1\'>Over &amp; SEO<br/>en <!-- SEO --> verder</p>'
    result = LINKER.link(page, render)
    assert result.html == ('<p class="a"  data-x=\'1\'>Over &amp; <a class="kr-begrip" '
                           'data-begrip="seo">SEO</a><br/>en <!-- SEO --> verder</p>')


WORDS = st.sampled_from(["SEO", "seo", "Google", "Ads", "Google Ads", "conversies", "C++",
                         "A/B-test", "e-mail", "de", "klant", "<", "&", "é", "\n", " ", "-",
                         "Q&A", "caf\u00e9", "cafe\u0301", "mond", "aan", "\u00a0", "CTA's"])
ENTITIES = st.sampled_from(["&amp;", "&#233;", "caf&eacute;", "Q&amp;A", "&nbsp;", "&eacute",
                            "&bogus;", "mond&nbsp;aan mond"])
TAGS = st.sampled_from(["p", "h2", "code", "a", "li", "em", "div"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(TAGS)
        text = html.escape(" ".join(draw(st.lists(WORDS, max_size=12))), quote=False)
        text += "".join(draw(st.lists(ENTITIES, max_size=3)))
        parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


class _LinkableText(HTMLParser):
    """Text outside the elements where terms are never linked (h2, code, a)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skipping += tag in ("h2", "code", "a")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("h2", "code", "a")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _linkable_text(page: str) -> list[str]:
    parser = _LinkableText()
    parser.feed(page)
    parser.close()
    return parser.parts


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
    # And it did link: the first SEO in running text (not in a heading, code or link) is a link.
    if "SEO" in " ".join(_linkable_text(page)).split():
        assert "seo" in {slug for slug in re.findall(r'data-begrip="([^"]*)"', result.html)}


def test_character_references_are_read_as_the_browser_shows_them():
    assert linked("<p>Een Q&amp;A en een B&B.</p>") == [("qa", "Q&A"), ("bb", "B&B")]
    result = LINKER.link("<p>Naar het caf&eacute; of het &#99;af&#233;.</p>", render,
                         link_every=True)
    # The link wraps the text as written, entities and all; the rest is untouched.
    assert result.html == ('<p>Naar het <a class="kr-begrip" data-begrip="cafe">caf&eacute;</a>'
                           ' of het <a class="kr-begrip" data-begrip="cafe">&#99;af&#233;</a>.</p>')


def test_unicode_is_matched_in_nfc_and_never_split_inside_a_letter():
    decomposed = "cafe\u0301"
    assert linked(f"<p>Een {decomposed} om de hoek.</p>") == [("cafe", decomposed)]
    accent_only = TermLinker([term("cafe-zonder", "cafe")])
    result = accent_only.link(f"<p>{decomposed} en cafe</p>", render)
    soup = BeautifulSoup(result.html, "html.parser")
    assert [a.get_text() for a in soup.select("a")] == ["cafe"]
    assert soup.get_text() == f"{decomposed} en cafe"


def test_multi_word_forms_match_across_line_breaks_and_odd_spaces():
    for spaced in ("mond aan\nmond", "mond&nbsp;aan mond", "mond\u00a0aan  mond"):
        assert linked(f"<p>Via {spaced} kwam hij.</p>") == [
            ("mond-tot-mond", html.unescape(spaced))], spaced


def test_a_term_written_in_capitals_matches_only_as_written_in_every_form():
    assert linked("<p>cta, cta's en ctas niet</p>") == []
    assert linked("<p>Twee CTA's op de pagina.</p>") == [("cta", "CTA's")]
    assert linked("<p>Een Call to action niet, een call to action wel.</p>") == [
        ("cta", "call to action")]
    # A title in small letters matches in any case, every form.
    assert linked("<p>Conversies tellen.</p>") == [("conversie", "Conversies")]


@pytest.mark.parametrize("place", [
    "<table><caption>SEO</caption><tr><th>SEO</th></tr></table>",
    "<dl><dt>SEO</dt></dl>",
    '<div class="admonition tip"><p class="admonition-title">SEO</p></div>',
    "<template><p>SEO</p></template>",
    "<noscript><p>SEO</p></noscript>",
    "<iframe>SEO</iframe>",
    "<figure><figcaption>SEO</figcaption></figure>",
    "<p>Zie<sup>SEO</sup></p>",
    "<script>var x = '<p>SEO</p>';</script>",
])
def test_names_labels_and_hidden_content_get_no_link(place):
    assert linked(place) == []


@pytest.mark.parametrize("place", [
    "<table><tr><td>SEO</td></tr></table>",
    "<dl><dt>Term</dt><dd>SEO</dd></dl>",
    '<div class="admonition tip"><p class="admonition-title">Tip</p><p>SEO</p></div>',
    "<ul><li>SEO</li></ul>",
    "<blockquote><p>SEO</p></blockquote>",
])
def test_running_text_in_cells_lists_and_boxes_gets_a_link(place):
    assert linked(place) == [("seo", "SEO")]


@pytest.mark.parametrize(("page", "expected"), [
    # A '>' inside an attribute is no end of the tag: what follows it there is no text.
    ('<p><span title="a > SEO">tekst</span> SEO</p>',
     '<p><span title="a > SEO">tekst</span> [seo:SEO]</p>'),
    # Tags inside a comment are no tags, and nothing in a comment is linked.
    ("<p><!-- <b> SEO --> en SEO</p>", "<p><!-- <b> SEO --> en [seo:SEO]</p>"),
    # An opted-out block ends at its own closing tag, not at the first of its name inside it.
    ('<div class="geen-begrippen"><div>x</div>SEO</div><p>SEO</p>',
     '<div class="geen-begrippen"><div>x</div>SEO</div><p>[seo:SEO]</p>'),
    # A link inside a link's neighbour: only the link's own text is skipped.
    ('<p><a href="x">SEO</a> en SEO</p>', '<p><a href="x">SEO</a> en [seo:SEO]</p>'),
    # Hand-written HTML in capitals, or in mixed case, is the same HTML to a browser.
    ('<P><CODE>SEO</CODE> <A HREF="x">SEO</A> en SEO</P>',
     '<P><CODE>SEO</CODE> <A HREF="x">SEO</A> en [seo:SEO]</P>'),
    ("<p><kBd>SEO</kBd> en SEO</p>", "<p><kBd>SEO</kBd> en [seo:SEO]</p>"),
])
def test_tags_comments_and_opted_out_blocks_are_read_as_a_browser_reads_them(page, expected):
    result = LINKER.link(page, lambda slug, text: f"[{slug}:{text}]")
    assert result.html == expected
