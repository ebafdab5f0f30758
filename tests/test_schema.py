"""JSON Schemas for editors: generated from the model, accept what check accepts, reject the rest."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, REPO, make_project, run_cli

from klantreis.check import findings
from klantreis.content.loader import load_knowledge_base
from klantreis.content.schema import SCHEMA_DIR, SCHEMAS, all_schemas
from klantreis.content.sources import split_front_matter


def repo_schema(name: str) -> dict:
    return json.loads((REPO / SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schemas_are_up_to_date():
    kb = load_knowledge_base(REPO)
    fresh = all_schemas(kb)
    for name in SCHEMAS:
        path = REPO / SCHEMA_DIR / name
        assert path.is_file(), f"{path} ontbreekt: draai 'klantreis schema'"
        assert path.read_text(encoding="utf-8") == fresh[name], (
            f"{SCHEMA_DIR}/{name} is verouderd: draai 'klantreis schema'")


@pytest.mark.parametrize("path", sorted((REPO / "journeys").glob("[!_]*.yml")), ids=lambda p: p.name)
def test_schema_accepts_every_journey_in_the_repository(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(validator(repo_schema("klantreis.schema.json")).iter_errors(data))
    assert errors == []


def test_schema_accepts_the_rich_fixture_journey_and_the_starter_file(tmp_path):
    schema = validator(repo_schema("klantreis.schema.json"))
    rich = yaml.safe_load((FIXTURES / "rijk/journeys/lisa-fiets.yml").read_text(encoding="utf-8"))
    assert list(schema.iter_errors(rich)) == []
    project = make_project(tmp_path / "kb")
    result = run_cli("new", "--project", str(project), "klantreis", "Tom koopt een bank")
    assert result.exit_code == 0, result.output
    text = (project / "journeys/tom-koopt-een-bank.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/klantreis.schema.json"
    assert list(schema.iter_errors(yaml.safe_load(text))) == []


def test_schemas_accept_the_glossary_and_catalogues_of_the_repository():
    term_schema = validator(repo_schema("begrip.schema.json"))
    for path in sorted((REPO / "glossary").glob("*.md")):
        front = split_front_matter(path.read_text(encoding="utf-8"), path.name).front_matter.data
        assert list(term_schema.iter_errors(front)) == [], path.name
    catalogues = {
        "catalogus-fasen.schema.json": "_phases.yml",
        "catalogus-kanalen.schema.json": "_channels.yml",
        "catalogus-modellen.schema.json": "_models.yml",
        "catalogus-bronnen.schema.json": "_bronnen.yml",
        "catalogus-stijl.schema.json": "_stijl.yml",
    }
    for name, file in catalogues.items():
        path = REPO / "journeys" / file
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert list(validator(repo_schema(name)).iter_errors(data)) == [], file


def test_schema_is_dutch_and_lists_the_catalogue_ids():
    schema = repo_schema("klantreis.schema.json")
    stage = schema["$defs"]["Stage"]
    assert stage["title"] == "Stap"
    assert stage["properties"]["pain_points"]["title"] == "Knelpunten"
    assert stage["properties"]["backstage"]["description"].startswith("Wat het bedrijf doet")
    assert stage["properties"]["phase"]["enum"] == [
        "aandacht", "overweging", "aankoop", "service", "loyaliteit"]
    assert "website" in stage["properties"]["channels"]["items"]["enum"]
    assert stage["properties"]["emotion"]["anyOf"][0] == {
        "maximum": 2, "minimum": -2, "type": "integer"}
    # Every field has a Dutch title and description: what a form shows as label and hint.
    for definition in [schema, *schema["$defs"].values()]:
        for key, field in definition["properties"].items():
            if "$ref" in field:
                continue  # the definition it points to has the title and description
            assert field.get("title") and field.get("description"), key
            same_in_both = {"persona", "sector", "impact"}
            assert field["title"] != key.replace("_", " ").title() or key in same_in_both, key


FIXTURE_KB = FIXTURES / "mini"
STAGE = {"phase": "aandacht", "title": "Vera ziet een advertentie"}
BAD_JOURNEYS = {
    "onbekend_veld": {"stages": [{**STAGE, "feelings": "Blij"}]},
    "onbekende_fase": {"stages": [{**STAGE, "phase": "aandachtt"}]},
    "onbekend_kanaal": {"stages": [{**STAGE, "channels": ["tv"]}]},
    "emotie_3": {"stages": [{**STAGE, "emotion": 3}]},
    "emotie_na_min_3": {"stages": [{**STAGE, "emotion_to_be": -3}]},
    "emotie_als_tekst": {"stages": [{**STAGE, "emotion": "blij"}]},
    "online_ja": {"stages": [{**STAGE, "online": "ja"}]},
    "moment_ja": {"stages": [{**STAGE, "moment_of_truth": "ja"}]},
    "onderbouwing_gevoel": {"stages": [{**STAGE, "evidence": "gevoel"}]},
    "citaten_geen_lijst": {"stages": [{**STAGE, "quotes": "Top!"}]},
    "impact_4": {"stages": [STAGE], "opportunities": [{"title": "Sneller", "impact": 4, "effort": 1}]},
    "moeite_0": {"stages": [STAGE], "opportunities": [{"title": "Sneller", "impact": 1, "effort": 0}]},
    "kans_zonder_titel": {"stages": [STAGE], "opportunities": [{"impact": 1, "effort": 1}]},
    "stap_0": {"stages": [STAGE], "opportunities": [{"title": "X", "impact": 1, "effort": 1, "stage": 0}]},
    "geen_stappen": {"stages": []},
    "stap_zonder_titel": {"stages": [{"phase": "aandacht"}]},
}


@pytest.mark.parametrize("case", sorted(BAD_JOURNEYS))
def test_schema_rejects_what_check_rejects(case, tmp_path):
    data = {"title": "Vera", "persona": {"name": "Vera"}, **BAD_JOURNEYS[case]}
    project = make_project(tmp_path / "kb", {
        "journeys/vera.yml": yaml.safe_dump(data, allow_unicode=True)})
    errors = [p for p in findings(project) if not p.warning and p.path == "journeys/vera.yml"]
    assert errors, "check accepts this"
    schema = validator(json.loads(all_schemas(load_knowledge_base(FIXTURE_KB))[
        "klantreis.schema.json"]))
    assert list(schema.iter_errors(data)), "the schema accepts this"


def test_schema_and_check_both_accept_the_new_values(tmp_path):
    stage = {**STAGE, "online": "mixed", "evidence": "observatie", "emotion": -2,
             "emotion_to_be": 2, "moment_of_truth": True, "quotes": ["Eindelijk!"]}
    data = {"title": "Vera", "persona": {"name": "Vera"}, "stages": [stage],
            "opportunities": [{"title": "X", "impact": 3, "effort": 3, "stage": 1}]}
    project = make_project(tmp_path / "kb", {
        "journeys/vera.yml": yaml.safe_dump(data, allow_unicode=True)})
    assert [p for p in findings(project) if not p.warning] == []
    schema = validator(json.loads(all_schemas(load_knowledge_base(project))[
        "klantreis.schema.json"]))
    assert list(schema.iter_errors(data)) == []


def test_klantreis_schema_writes_the_folder_and_check_warns_when_stale(tmp_path):
    project = make_project(tmp_path / "kb")
    result = run_cli("schema", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / SCHEMA_DIR).iterdir()) == sorted(SCHEMAS)
    assert [p for p in findings(project) if p.path.startswith(SCHEMA_DIR)] == []
    # A new channel makes the enum of channel ids in the schema out of date.
    channels = project / "journeys/_channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8") + (
        "- id: tv\n  name: Televisie\n  online: false\n  description: Reclame op tv.\n"),
        encoding="utf-8")
    stale = [p for p in findings(project) if p.path.startswith(SCHEMA_DIR)]
    assert [(p.path, p.warning) for p in stale] == [("schema/klantreis.schema.json", True)]
    assert "klantreis schema" in stale[0].hint
    result = run_cli("schema", "--project", str(project))
    assert "schema/klantreis.schema.json" in result.output
    assert [p for p in findings(project) if p.path.startswith(SCHEMA_DIR)] == []


def test_klantreis_schema_refuses_with_broken_content(tmp_path):
    project = make_project(tmp_path / "kb", {"journeys/_phases.yml": "- id: [\n"})
    result = run_cli("schema", "--project", str(project))
    assert result.exit_code == 1
    assert "journeys/_phases.yml" in result.output
    assert not (project / SCHEMA_DIR).exists()


def test_the_built_site_publishes_the_schemas(mini_site):
    for name in SCHEMAS:
        published = json.loads((mini_site / SCHEMA_DIR / name).read_text(encoding="utf-8"))
        assert published["$schema"].endswith("2020-12/schema")
