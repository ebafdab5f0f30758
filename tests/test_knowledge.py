"""The indexes of the knowledge base (`klantreis/content/knowledge.py`), on the mini fixture:
each computed once, each checked against the fixture's files."""

from __future__ import annotations

from units import MINI, front_matter, mini_kb, yaml_file

from klantreis.content.loader import load_with_errors

PHASES = yaml_file(MINI / "journeys" / "_phases.yml")
CHANNELS = yaml_file(MINI / "journeys" / "_channels.yml")
VERA = yaml_file(MINI / "journeys" / "vera.yml")
TERMS = {path.stem: front_matter(path) for path in (MINI / "glossary").glob("*.md")}


def steps(refs) -> list[tuple[str, int]]:
    return [(ref.journey.slug, ref.index) for ref in refs]


def test_stages_by_phase_and_by_channel_follow_the_journey_files():
    kb = mini_kb()
    for phase in PHASES:
        written = [index for index, stage in enumerate(VERA["stages"]) if stage["phase"] == phase["id"]]
        assert steps(kb.stages_by_phase.get(phase["id"], [])) == [("vera", i) for i in written]
    for channel in CHANNELS:
        written = [i for i, stage in enumerate(VERA["stages"]) if channel["id"] in stage["channels"]]
        assert steps(kb.stages_by_channel.get(channel["id"], [])) == [("vera", i) for i in written]
    ref = kb.stages_by_phase["overweging"][0]
    assert ref.stage.title == VERA["stages"][2]["title"]
    assert ref.anchor == "stap-3"


def test_terms_by_phase_and_sorted_ignoring_case():
    kb = mini_kb()
    for phase in PHASES:
        written = sorted((term["title"] for term in TERMS.values() if phase["id"] in term.get("phases", [])),
                         key=str.casefold)
        assert [term.title for term in kb.terms_by_phase.get(phase["id"], [])] == written
    assert [term.title for term in kb.terms.values()] == sorted(
        (term["title"] for term in TERMS.values()), key=str.casefold)


def test_related_terms_go_both_ways():
    kb = mini_kb()
    # Only seo.md declares a relation (to google-ads).
    assert {slug: [term.slug for term in terms] for slug, terms in kb.related.items()} == {
        "seo": ["google-ads"], "google-ads": ["seo"]}


def test_a_related_term_that_did_not_load_is_left_out(project):
    root = project({"glossary/google-ads.md": "---\ntitle: Google Ads\n---\nGeen beschrijving.\n"})
    kb, errors = load_with_errors(root)
    assert [error.path for error in errors] == ["glossary/google-ads.md"]
    assert "google-ads" not in kb.terms
    assert kb.related == {}


def test_pages_by_phase_sorted_by_title():
    kb = mini_kb()
    by_phase = {phase: [page.title for page in listed] for phase, listed in kb.pages_by_phase.items()}
    # gids.md: phases [aandacht]; afspraak.md: [aankoop]; articles by category.
    assert by_phase == {
        "aandacht": sorted(["Een gids", "Eerste artikel"], key=str.casefold),
        "aankoop": ["Een afspraak maken"],
        "overweging": ["Concept artikel"],
    }


def test_model_stages_by_phase_and_neighbours_and_matrix():
    kb = mini_kb()
    assert [(model.id, name) for model, name in kb.model_stages_by_phase["aandacht"]] == [
        ("aida", "Attention"), ("aida", "Interest")]
    assert kb.model_ids == {"aida"}
    previous, following = kb.neighbours("aandacht")
    assert previous is None and following.id == "overweging"
    previous, following = kb.neighbours("loyaliteit")
    assert previous.id == "service" and following is None
    ids = [phase["id"] for phase in PHASES]
    assert [(channel.id, serves) for channel, serves in kb.channel_phase_matrix()] == [
        (channel["id"], [phase_id in channel["phases"] for phase_id in ids]) for channel in CHANNELS]
    assert list(kb.phase) == ids
