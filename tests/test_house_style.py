"""The house style: avoided forms are warned about on their line, with the preferred form."""

from __future__ import annotations

from test_figures import check_lines

STYLE = (
    "- preferred: social media\n"
    "  avoid: [sociale media]\n"
    "- preferred: conversiepercentage\n"
    "  avoid: [conversieratio, conversierate]\n"
    "  note: Eén woord voor één ding.\n"
)


def test_avoided_forms_are_found_in_pages_terms_and_yaml_but_not_in_aliases_or_code(project):
    root = project({
        "journeys/_stijl.yml": STYLE,
        "glossary/conversie.md": (
            "---\ntitle: Conversie\naliases: [conversieratio]\n"
            "description: Een bezoeker die doet wat je hoopt.\n---\n"
            "Je conversieratio stijgt als je Sociale\nmedia goed inzet.\n\n"
            "`conversierate` in code telt niet.\n"
        ),
        "journeys/_channels.yml": (
            "- id: website\n  name: Website\n  online: true\n"
            "  description: Je website, gevonden via sociale media.\n"
            "- id: google\n  name: Google\n  online: true\n  description: De zoekmachine.\n"
            "- id: winkel\n  name: Winkel\n  online: false\n  description: De winkel.\n"
        ),
    })
    assert [line for line in check_lines(root) if "huisstijl" in line] == [
        "glossary/conversie.md:6: waarschuwing: 'Sociale media': de huisstijl schrijft "
        "'social media'. Vervang het door 'social media' (journeys/_stijl.yml).",
        "glossary/conversie.md:6: waarschuwing: 'conversieratio': de huisstijl schrijft "
        "'conversiepercentage'. Vervang het door 'conversiepercentage' (journeys/_stijl.yml). "
        "Eén woord voor één ding.",
        "journeys/_channels.yml:4: waarschuwing: 'sociale media': de huisstijl schrijft "
        "'social media'. Vervang het door 'social media' (journeys/_stijl.yml).",
        "journeys/_phases.yml:9: waarschuwing: 'sociale media': de huisstijl schrijft "
        "'social media'. Vervang het door 'social media' (journeys/_stijl.yml).",
    ]


def test_a_style_list_with_a_mistake_is_an_error_on_its_line(project):
    root = project({"journeys/_stijl.yml": "- preferred: social media\n  avoid: []\n"})
    assert check_lines(root) == ["journeys/_stijl.yml:2: 'avoid' moet minstens één item hebben."]
