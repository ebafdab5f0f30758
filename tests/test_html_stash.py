"""The generated pages' finished HTML passes Python-Markdown as a stand-in and comes back."""

from __future__ import annotations

import markdown

from klantreis.site.html_stash import HtmlStash


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "attr_list", "toc"])


def test_a_block_comes_back_where_it_stood_and_markdown_around_it_still_works():
    stash = HtmlStash()
    block = '<ul class="lijst">\n<li>*geen nadruk*</li>\n</ul>\n'
    page = f"## Kop\n\n{stash.put(block)}\n\nTekst met *nadruk*."

    html = stash.restore(convert(page))

    assert '<h2 id="kop">Kop</h2>\n<ul class="lijst">\n<li>*geen nadruk*</li>\n</ul>' in html
    assert html.index("</ul>") < html.index("<p>Tekst")
    assert "<em>nadruk</em>" in html
    assert "kr-html" not in html


def test_blocks_inside_blocks_come_back_and_each_block_is_handed_out_once():
    stash = HtmlStash()
    inner = stash.put("<span>binnen</span>")
    outer = stash.put(f"<div>{inner}</div>\n")

    assert stash.restore(convert(outer)) == "<div><span>binnen</span></div>"
    # A second page with the same stand-in gets nothing silently: the comment stays visible
    # in the source instead of another page's block.
    assert stash.restore(str(outer)) == str(outer)
