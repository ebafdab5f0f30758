"""The editor's forms come from the content model: every field, label, hint, limit and choice."""

from __future__ import annotations

from klantreis.cms_adapter.config import cms_config, present_catalogues
from klantreis.cms_adapter.site_files import map_data
from klantreis.content.loader import load_knowledge_base
from klantreis.content.model import JourneyFile, Stage, TermFrontMatter


def config_for(root):
    return cms_config(load_knowledge_base(root), {"name": "proxy", "proxy_url": "/x"},
                      present_catalogues(root))


def collection(config, name):
    return next(item for item in config["collections"] if item["name"] == name)


def by_name(fields):
    return {field["name"]: field for field in fields}


def test_term_form_has_every_field_of_the_model_with_its_dutch_label(project):
    fields = by_name(collection(config_for(project()), "begrippen")["fields"])
    for name, field in TermFrontMatter.model_fields.items():
        if name == "bron":
            continue  # the mini knowledge base has no sources: nothing to choose from
        assert fields[name]["label"] == field.title
        assert fields[name]["hint"] == field.description
        assert fields[name]["required"] == field.is_required()
    assert list(fields) == ["title", "aliases", "description", "phases", "related", "body"]
    assert fields["related"]["widget"] == "relation"
    assert fields["related"]["collection"] == "begrippen"
    assert fields["description"]["pattern"] == [
        "^[\\s\\S]{0,300}$",
        "Houd 'description' bij één zin van hoogstens 300 tekens; zet de rest in de uitleg "
        "onder de front matter.",
    ]


def test_choices_follow_the_catalogues_on_disk(project):
    root = project()
    channels = root / "journeys/_channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8") + (
        "- id: podcast\n  name: Podcast\n  online: true\n  description: Luisteren.\n"))
    stages = by_name(collection(config_for(root), "klantreizen")["fields"])["stages"]
    stage = by_name(stages["fields"])
    assert stage["channels"]["options"][-1] == {"label": "Podcast", "value": "podcast"}
    assert [option["value"] for option in stage["channels"]["options"]] == [
        "website", "google", "winkel", "podcast"]
    assert [option["label"] for option in stage["phase"]["options"]] == [
        "Aandacht", "Overweging", "Aankoop", "Service", "Loyaliteit"]
    assert stage["emotion"] == {**stage["emotion"], "widget": "number", "value_type": "int",
                                "min": -2, "max": 2, "required": False}
    assert list(stage) == [name for name in Stage.model_fields if name != "bron"]


def test_journey_form_nests_persona_and_opportunities(project):
    fields = by_name(collection(config_for(project()), "klantreizen")["fields"])
    assert list(fields) == [name for name in JourneyFile.model_fields if name != "bron"]
    assert fields["persona"]["widget"] == "object"
    assert by_name(fields["persona"]["fields"])["name"]["required"] is True
    assert fields["stages"]["min"] == 1
    chance = by_name(fields["opportunities"]["fields"])
    assert (chance["impact"]["min"], chance["impact"]["max"]) == (1, 3)


def test_articles_choose_one_phase_by_name(project):
    fields = by_name(collection(config_for(project()), "artikelen")["fields"])
    assert fields["title"]["required"] is True
    assert fields["categories"]["options"][0] == {"label": "Aandacht", "value": "Aandacht"}
    assert (fields["categories"]["min"], fields["categories"]["max"]) == (1, 1)
    assert fields["date"]["widget"] == "datetime"
    assert fields["body"]["widget"] == "markdown"


def test_catalogues_are_offered_only_when_the_knowledge_base_has_them(project):
    files = collection(config_for(project()), "catalogi")["files"]
    assert [entry["file"] for entry in files] == [
        "journeys/_channels.yml", "journeys/_models.yml", "journeys/_phases.yml"]
    phases = files[-1]["fields"][0]
    assert phases["allow_add"] is False and phases["allow_remove"] is False


def test_map_data_names_phases_and_channels_and_carries_icons(project):
    data = map_data(project())
    assert data["phases"]["aandacht"]["name"] == "Aandacht"
    assert data["channels"]["winkel"] == {"name": "Winkel"}
    assert data["icons"]["material/eye-outline"]["paths"]
