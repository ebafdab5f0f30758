"""The link check of `klantreis check`: links as the reader gets them, on the line on disk."""

from __future__ import annotations

import re

from conftest import run_cli

FRONT = "---\ntitle: Gids\ndescription: Een gids.\nphases: [aandacht]\n---\n"
# The body starts on line 6 of the file (after five lines of front matter).


def link_findings(root) -> list[str]:
    result = run_cli("check", "--project", str(root))
    assert "Traceback" not in result.output
    return [line.strip() for line in result.output.splitlines()
            if re.match(r"\s+docs/\S+:\d+: de (link|afbeelding)", line)]


def test_links_in_inline_code_and_fenced_code_are_not_links(project):
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"
        "Schrijf een link zo: `[tekst](pagina.md)`, of zo: ``[tekst](andere.md)``.\n\n"
        "```markdown\n[voorbeeld](voorbeeld.md)\n<a href=\"ook-niet.md\">x</a>\n```\n\n"
        "~~~\n[tilde](tilde.md)\n~~~\n"
    )})
    result = run_cli("check", "--project", str(root))
    assert link_findings(root) == []
    assert result.exit_code == 0, result.output


def test_a_broken_reference_style_link_is_reported_on_its_definition_line(project):
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"            # 6, 7
        "Lees [de gids][g] en [de afspraak][a].\n\n"  # 8, 9
        "[g]: nergens.md\n"     # 10
        "[a]: afspraak.md\n"    # 11
    )})
    assert link_findings(root) == [
        "docs/gids/gids.md:10: de link 'nergens.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
    ]


def test_links_out_of_docs_are_broken_even_when_the_file_exists(project):
    deep = "../" * 30 + "etc/passwd"
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"
        f"Zie [geheim]({deep}).\n\n"   # 8
        "En [de instellingen](../../mkdocs.yml).\n"  # 10
    )})
    assert (root / "mkdocs.yml").is_file()
    assert link_findings(root) == [
        f"docs/gids/gids.md:8: de link '{deep}' wijst naar een plek buiten docs/. "
        "Link alleen naar pagina's en bestanden in docs/.",
        "docs/gids/gids.md:10: de link '../../mkdocs.yml' wijst naar een plek buiten docs/. "
        "Link alleen naar pagina's en bestanden in docs/.",
    ]


def test_a_symbolic_link_out_of_docs_is_not_a_page(project, tmp_path):
    outside = tmp_path / "buiten.md"
    outside.write_text("# Buiten\n", encoding="utf-8")
    root = project({"docs/gids/gids.md": FRONT + "# Gids\n\nZie [buiten](buiten.md).\n"})
    (root / "docs/gids/buiten.md").symlink_to(outside)
    findings = link_findings(root)
    assert findings == [
        "docs/gids/gids.md:8: de link 'buiten.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
    ]


def test_text_of_a_macro_is_no_link_and_a_macro_does_not_hide_a_link(project):
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"
        "{{ begrip('seo', '[geen link](nergens.md)') }}\n\n"   # 8
        "{{ begrip('seo', '`') }} [kapot](kapot.md) {{ begrip('seo', '`') }}\n\n"  # 10
        "{{ fase('aandacht')\n}} en [ook kapot](ook-kapot.md).\n"  # 12, 13
    )})
    assert link_findings(root) == [
        "docs/gids/gids.md:10: de link 'kapot.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:13: de link 'ook-kapot.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
    ]


def test_every_broken_link_and_image_with_its_own_line(project):
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"                                              # 6, 7
        "Eerst `[kapot](kapot.md)` als code, dan [kapot](kapot.md).\n\n"  # 8, 9
        "!!! note\n    Nog eens [kapot](kapot.md).\n\n"            # 10, 11, 12
        "<a href=\"html-kapot.md\">html</a>\n\n"                   # 13, 14
        "![Een plaatje](plaatje.png)\n\n"                         # 15, 16
        "[goed](afspraak.md), [ook goed](../index.md#over-seo), [fase](../fasen/aandacht.md), "
        "[extern](https://example.nl/x.md), [mail](mailto:a@example.nl).\n"  # 17
    )})
    assert link_findings(root) == [
        "docs/gids/gids.md:8: de link 'kapot.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:11: de link 'kapot.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:13: de link 'html-kapot.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:15: de afbeelding 'plaatje.png' bestaat niet. "
        "Controleer de map en de naam.",
    ]


def test_an_image_that_exists_in_docs_is_fine(project):
    root = project({
        "docs/gids/gids.md": FRONT + "# Gids\n\n![Een plaatje](../img/plaatje.png)\n",
        "docs/img/plaatje.png": b"\x89PNG\r\n\x1a\n",
    })
    assert link_findings(root) == []


def test_a_page_whose_only_broken_link_is_in_html_is_checked(project):
    # The quick look that spares parsing most pages must see raw HTML links too.
    root = project({"docs/gids/gids.md": FRONT + (
        "# Gids\n\n"                                        # 6, 7
        "Zie <a href=\"weg.md\">de oude pagina</a>.\n\n"     # 8, 9
        "<img src=\"weg.png\" alt=\"Weg\">\n"               # 10
    )})
    assert link_findings(root) == [
        "docs/gids/gids.md:8: de link 'weg.md' wijst naar een pagina die niet bestaat. "
        "Controleer de map en de bestandsnaam (met .md).",
        "docs/gids/gids.md:10: de afbeelding 'weg.png' bestaat niet. "
        "Controleer de map en de naam.",
    ]
