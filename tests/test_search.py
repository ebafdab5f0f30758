"""The search index the engine builds: page text without glued words, Dutch word forms that
exist in the index, term names as synonyms, and the definition as a term's result text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conftest import build
from hypothesis import given, settings
from hypothesis import strategies as st

from klantreis.site.dutch import word_groups
from klantreis.site.search_text import page_text, word_counts, words


def index_of(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_words_of_neighbouring_elements_never_run_together():
    html = (
        '<dl class="kr-kenmerken"><dt>Ook geschreven als</dt><dd>livechat, chatfunctie</dd>'
        "<dt>Fasen</dt><dd><a>Overweging</a> <a>Aankoop</a></dd></dl><p>Eind</p><p>Begin</p>"
    )
    text = page_text(html).body
    assert "als livechat" in text and "Fasen Overweging" in text and "Eind Begin" in text
    assert "alslivechat" not in words(text) and "fasenoverweging" not in words(text)


def test_footnote_and_source_markers_leave_the_words_and_drop_the_noise():
    html = (
        '<p>Reviews helpen<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
        ' echt<span class="kr-bron">[bron]</span> veel.</p>'
        '<h2 id="x">Kop<a class="headerlink" href="#x">&para;</a></h2>'
        '<nav class="kr-fasestrook" data-search-exclude>Aandacht</nav><script>var x;</script>'
    )
    text = page_text(html)
    assert text.body == "Reviews helpen echt veel. Kop"
    assert text.headings == ["Kop"]


def test_index_words_fold_accents_apostrophes_and_compounds():
    assert words("CTA's en KPI’s") == ["cta", "en", "kpi"]
    assert words("zo‘n, zo`n, zo´n") == ["zon", "zon", "zon"]  # every apostrophe alike
    assert words("Categorieën") == ["categorieen"]
    assert words("e-mailmarketing") == ["mailmarketing", "emailmarketing"]
    assert words("A/B-test") == ["test", "abtest"]


# Texts of word characters, separators and the odd ones out (accents, apostrophes, non-ASCII).
TEXT = st.text(alphabet=st.sampled_from(list("ab1 -/'’.,_é€ßİ\n")), max_size=40)


@given(TEXT)
@settings(max_examples=500)
def test_word_counts_are_the_counts_of_the_index_words(text):
    # The index counts words with a faster path for plain ASCII text; it must count alike.
    assert word_counts(text) == Counter(words(text))


def test_word_forms_group_only_words_that_occur():
    assert ["prijs", "prijzen"] in word_groups(["prijs", "prijzen", "klant"])
    assert ["afspraak", "afspraken"] in word_groups(["afspraak", "afspraken"])
    assert ["categorie", "categorieen"] in word_groups(["categorie", "categorieen"])
    # Alone, "prijzen" has no base form in the index: nothing is invented for it.
    assert word_groups(["prijzen", "klant"]) == []


def test_term_names_are_synonyms_and_the_definition_is_the_result_text(mini_site):
    index = index_of(mini_site)
    ours = index["config"]["klantreis"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    number = list(docs).index("begrippen/seo/")
    assert docs["begrippen/seo/"]["text"] == (
        "Het beter vindbaar maken van je website in zoekmachines.")
    for name in ("seo", "zoekmachineoptimalisatie"):
        assert [number, 3.0] in ours["names"][name] or any(
            entry[0] == number for entry in ours["names"][name]), name
    assert ours["kinds"][number] == "term"
    # Material's own configuration stays, for its highlighter on the target page.
    assert index["config"]["separator"] and index["config"]["lang"] == ["nl"]


def test_index_words_of_the_site_contain_no_glued_label(mini_site):
    vocabulary = set(index_of(mini_site)["config"]["klantreis"]["words"])
    assert "zoekmachineoptimalisatie" in vocabulary
    assert not [word for word in vocabulary if word.startswith("als") and word[3:] in vocabulary
                and len(word) > 6]


def test_our_search_off_leaves_materials_index_and_worker(project, tmp_path):
    from conftest import build

    root = project()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - klantreis\n" in config
    (root / "mkdocs.yml").write_text(
        config.replace("  - klantreis\n", "  - klantreis:\n      search: false\n"),
        encoding="utf-8")
    site = build(root)
    assert "klantreis" not in index_of(site)["config"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/workers/search." in home
    assert not (site / "assets" / "klantreis" / "search-worker.js").exists()


def test_question_words_are_stop_words_but_no_content_word_is():
    from klantreis.site.dutch import STOP_WORDS

    assert {"waarom", "welke", "mag", "hoe", "af", "doe", "the"} <= STOP_WORDS
    # spaCy lists "zo'n"; folded it would be "zon" (sun), a word of the knowledge base.
    assert not {"zon", "klant", "fase", "kanaal", "reviews"} & STOP_WORDS


def test_derived_words_group_with_the_word_they_come_from():
    groups = word_groups(["vindbaar", "vindbaarheid", "vergelijken", "vergelijking",
                          "vergelijkt", "bezoek", "bezoekers", "oud", "oudere", "coach",
                          "coaching", "zorg", "zorgt"])
    for group in (["vindbaar", "vindbaarheid"], ["bezoek", "bezoekers"], ["oud", "oudere"],
                  ["coach", "coaching"], ["zorg", "zorgt"],
                  ["vergelijken", "vergelijking", "vergelijkt"]):
        assert group in groups
    # Two forms of a verb whose stem is not a word of the index still meet at that stem.
    assert ["terugkomen", "terugkomt"] in word_groups(["terugkomen", "terugkomt"])


def test_words_that_only_look_derived_stay_apart():
    # korting (discount) is no form of kort (short), letter none of let, meten none of met.
    assert word_groups(["kort", "korting", "let", "letter", "met", "meten", "meet"]) == [
        ["meet", "meten"]]
    # A shared stem of a few letters joins nothing: kaart and karen both give "kaar".
    assert word_groups(["kaart", "karen"]) == []


def test_forms_of_one_word_are_equally_rare(tmp_path):
    from klantreis.content.loader import load_knowledge_base
    from klantreis.site.search import SearchPage, build_index

    kb = load_knowledge_base(Path(__file__).parent / "fixtures" / "mini")
    texts = ["Hij vergelijkt prijzen."] + ["Zijn vergelijking prijzen."] * 5 + ["Iets anders."]
    built = build_index([
        SearchPage(f"p{n}.md", f"p{n}/", f"Pagina {n}", f"<p>{text}</p>")
        for n, text in enumerate(texts)
    ], kb)["index"]
    words = built["words"]

    def weight(word: str, page: int) -> int:
        flat = built["postings"][words.index(word)]
        pages = [sum(flat[0:i + 1:2]) for i in range(0, len(flat), 2)]
        return dict(zip(pages, flat[1::2], strict=True))[page]

    # "vergelijkt" is on one page and "vergelijking" on five: as forms of one word they are
    # on six pages, and one mention weighs the same in both.
    assert weight("vergelijkt", 0) == weight("vergelijking", 1)


def test_a_journey_is_found_by_its_persona_sector_and_kind(mini_site):
    index = index_of(mini_site)
    ours = index["config"]["klantreis"]
    locations = [doc["location"] for doc in index["docs"]]
    journey = locations.index("klantreizen/vera/")
    assert ours["kinds"][journey] == "journey"
    assert any(number == journey for number, _ in ours["names"]["vera"])
    words = ours["words"]

    def pages_with(word: str) -> list[int]:
        flat = ours["postings"][words.index(word)]
        return [sum(flat[0:i + 1:2]) for i in range(0, len(flat), 2)]

    # The sector ("Gezondheid") and the kind of page are words of the journey.
    assert journey in pages_with("gezondheid")
    assert journey in pages_with("klantreis")


def test_a_guide_is_found_by_the_search_words_in_its_front_matter(project, tmp_path):
    """`aliases` on a guide: words that are not on the page find it, whole and word by word."""
    root = project({
        "docs/gids/afspraak.md": (
            "---\ntitle: Een afspraak maken\ndescription: Hoe een klant een afspraak maakt.\n"
            "aliases: [Intakegesprek plannen, agenda]\n---\n# Een afspraak maken\n\nTekst.\n"
        ),
    })
    index = index_of(build(root))
    ours = index["config"]["klantreis"]
    guide = [doc["location"] for doc in index["docs"]].index("gids/afspraak/")
    assert ours["kinds"][guide] == "page"
    for name in ("intakegesprekplannen", "agenda"):
        assert [entry[0] for entry in ours["names"][name]] == [guide], name
    assert "intakegesprek" in ours["words"]
    # The words are for search only: the page does not show them.
    page = (root / "site" / "gids" / "afspraak" / "index.html").read_text(encoding="utf-8")
    assert "Intakegesprek" not in page


def test_text_marked_for_no_search_is_shown_but_not_indexed(project):
    root = project({
        "docs/gids/intern.md": (
            "---\ntitle: Intern\ndescription: Een gids met een stuk buiten de zoekfunctie.\n---\n"
            "# Intern\n\nOpen tekst.\n\n"
            '<p data-search-exclude="ja">Geheimwoord staat alleen op de pagina.</p>\n'
        ),
    })
    site = build(root)
    assert "geheimwoord" not in index_of(site)["config"]["klantreis"]["words"]
    page = (site / "gids" / "intern" / "index.html").read_text(encoding="utf-8")
    # Material's search plugin takes its markers out of the page, as it always did.
    assert "Geheimwoord staat alleen op de pagina." in page
    assert "data-search-exclude" not in page
