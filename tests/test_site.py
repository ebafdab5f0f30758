"""Built fixture sites: term pages, tooltips, backlinks, phase and channel pages."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import assert_link_resolves, build, content, glossary_data, page, run_cli


def term_links(soup, site):
    definitions = glossary_data(site)
    return [(a["data-begrip"], a.get_text(), definitions[a["data-begrip"]]["uitleg"])
            for a in content(soup).select("a.kr-begrip")]


def test_first_occurrences_are_linked_with_their_definition(mini_site):
    links = term_links(page(mini_site, ""), mini_site)
    assert links[:3] == [
        ("seo", "SEO", "Het beter vindbaar maken van je website in zoekmachines."),
        ("conversie", "conversie", "Een bezoeker die doet wat je hoopt, zoals kopen."),
        ("google-ads", "Google Ads", "Betaalde advertenties in Google."),
    ]
    # The macro link with its own text counts too, but automatic links stay one per term.
    assert [slug for slug, *_ in links].count("seo") == 1


def test_no_links_in_headings_code_existing_links_or_navigation(mini_site):
    soup = page(mini_site, "")
    article = content(soup)
    assert not article.select("h1 a.kr-begrip, h2 a.kr-begrip, code a.kr-begrip, a a.kr-begrip")
    assert not soup.select("nav.md-nav a.kr-begrip, header a.kr-begrip")
    assert article.select_one("code").get_text() == "SEO in code"


def test_alias_links_to_its_term_and_lowercase_seo_is_not_linked(mini_site):
    links = term_links(page(mini_site, "gids/gids/"), mini_site)
    assert ("seo", "zoekmachineoptimalisatie") in [(s, t) for s, t, _ in links]
    home = content(page(mini_site, ""))
    assert "seo in kleine letters" in home.get_text()
    assert all(a.get_text() != "seo" for a in home.select("a.kr-begrip"))


def test_term_page_shows_definition_aliases_phases_related_and_backlinks(mini_site):
    soup = page(mini_site, "begrippen/seo/")
    article = content(soup)
    assert article.select_one("h1").get_text() == "SEO"
    assert article.select_one(".kr-definitie").get_text() == (
        "Het beter vindbaar maken van je website in zoekmachines.")
    assert "zoekmachineoptimalisatie" in article.select_one(".kr-kenmerken").get_text()
    assert not [a for a in article.select("a.kr-begrip") if a["data-begrip"] == "seo"]
    related = [a.get_text() for a in article.select(".kr-begrippenlijst a")]
    assert related == ["Google Ads"]
    backlinks = {a.get_text(): a["href"] for a in article.select(".kr-backlinks a")}
    assert {"Mini Kennisbank", "Een gids", "Eerste artikel", "Vera zoekt een afslankcoach"} <= set(backlinks)
    for href in backlinks.values():
        assert_link_resolves(mini_site, "begrippen/seo/", href)


def test_related_terms_link_both_ways(mini_site):
    article = content(page(mini_site, "begrippen/google-ads/"))
    assert [a.get_text() for a in article.select(".kr-begrippenlijst a")] == ["SEO"]


def test_term_index_groups_by_letter(mini_site):
    article = content(page(mini_site, "begrippen/"))
    assert [h.get_text().strip("¶") for h in article.select("h2")] == ["C", "G", "S"]
    assert [a.get_text() for a in article.select(".kr-begrippenlijst dt a")] == [
        "conversie", "Google Ads", "SEO"]


def test_phase_page_has_template_channels_stages_terms_articles_and_neighbours(mini_site):
    url = "fasen/aandacht/"
    article = content(page(mini_site, url))
    assert "Zorg dat de klant je vindt." in article.select_one(".kr-doel").get_text()
    rows = article.select("table.kr-kanalen tbody tr")
    assert [row.th.get_text() for row in rows] == ["Website", "Google"]
    assert rows[0].select("td")[1].get_text() == "online"
    for link in article.select("table.kr-kanalen a, .kr-stappenlijst a, .kr-paginalijst a"):
        assert_link_resolves(mini_site, url, link["href"])
    stage_links = [a["href"] for a in article.select(".kr-stappenlijst a")]
    assert stage_links == ["../../klantreizen/vera/#stap-1", "../../klantreizen/vera/#stap-2"]
    assert [a.get_text() for a in article.select(".kr-paginalijst a")] == ["Een gids", "Eerste artikel"]
    assert article.select_one("a[rel=next]").get_text() == "Volgende fase: Overweging →"
    assert article.select_one("a[rel=prev]") is None
    strip = article.select_one(".kr-fasestrook")
    assert strip.select_one("[aria-current]").get_text() == "Aandacht"


def test_channel_pages_and_matrix_link_both_ways(mini_site):
    article = content(page(mini_site, "kanalen/"))
    rows = article.select("table.kr-matrix tbody tr")
    assert [row.th.a.get_text() for row in rows] == ["Website", "Google", "Winkel"]
    website = [cell.get_text() for cell in rows[0].select("td")]
    assert website[:5] == ["✓Website dient Aandacht", "✓Website dient Overweging",
                           "niet in Aankoop", "niet in Service", "niet in Loyaliteit"]
    legend = article.select_one(".kr-legenda").get_text(" ", strip=True)
    assert legend.startswith("✓ het kanaal dient deze fase")
    assert "geen rol" in legend
    for link in article.select("table.kr-matrix a"):
        assert_link_resolves(mini_site, "kanalen/", link["href"])
    channel = content(page(mini_site, "kanalen/winkel/"))
    assert [a["href"] for a in channel.select(".kr-stappenlijst a")] == ["../../klantreizen/vera/#stap-4"]


def test_drafts_are_not_published(mini_site):
    assert not (mini_site / "artikelen" / "concept-artikel").exists()
    assert "Concept artikel" not in (mini_site / "feed_rss_created.xml").read_text()
    assert "Concept artikel" not in (mini_site / "search" / "search_index.json").read_text()


def test_failed_build_keeps_the_previous_site_and_sources(project):
    root = project()
    site = build(root)
    before = (site / "index.html").read_text()
    (root / "glossary" / "seo.md").write_text("---\ntitle: SEO\n---\n", encoding="utf-8")
    sources = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "site" not in p.parts}
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1
    assert "glossary/seo.md:2: het verplichte veld 'description' ontbreekt." in result.output
    assert "Traceback" not in result.output
    assert (site / "index.html").read_text() == before
    assert {p: p.read_bytes() for p in sources} == sources


def test_term_pages_carry_a_light_navigation_of_the_top_sections(mini_site):
    # Term pages are reached from the A-Z index; the full navigation on each would dominate
    # the build time of a large glossary (see benchmarks/results.md).
    soup = page(mini_site, "begrippen/seo/")
    full = page(mini_site, "gids/gids/")
    # The same top sections as the full navigation of a hand-written page, and nothing below them.
    assert top_sections(soup) == top_sections(full)
    assert soup.select("nav.md-nav--primary ul ul") == []
    assert full.select("nav.md-nav--primary ul ul") != []
    # The table of contents on the right still lists the sections of the term page.
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary nav.md-nav--secondary a")]
    assert toc == [heading.get_text(strip=True).rstrip("¶") for heading in content(soup).select("h2")]
    assert toc[0] == "Uitleg"


def top_sections(soup) -> list[str]:
    items = soup.select("nav.md-nav--primary > ul.md-nav__list > li")
    return [item.select_one(".md-nav__link").get_text(strip=True) for item in items]


def test_term_and_channel_pages_stay_out_of_an_automatic_navigation(mini_site):
    # The mini fixture lets MkDocs build the navigation itself (no `nav:` in mkdocs.yml).
    nav = page(mini_site, "").select_one("nav.md-nav--primary").get_text(" ")
    assert "Een gids" in nav
    assert "Google Ads" not in nav and "Kanaal: Winkel" not in nav


def test_simple_macro_calls_render_without_the_template_engine_and_others_with_it(project):
    root = project({
        "docs/gids/eenvoudig.md": (
            "# Eenvoudig\n\nZie {{ begrip('seo') }} en {{ fase(\"aandacht\", tekst='de eerste fase') }}.\n"
        ),
        "docs/gids/volledig.md": (
            "# Volledig\n\n{% set naam = 'seo' %}Zie {{ begrip(naam) }} op {{ page.title }}.\n"
        ),
    })
    site = build(root)
    simple = content(page(site, "gids/eenvoudig/"))
    assert [a.get_text() for a in simple.select("p a")] == ["SEO", "de eerste fase"]
    assert simple.select_one("a.kr-begrip")["data-begrip"] == "seo"
    full = content(page(site, "gids/volledig/"))
    assert full.select_one("a.kr-begrip")["data-begrip"] == "seo"
    assert "op Volledig." in full.get_text()


def test_every_page_names_the_other_pages_by_their_titles(real_site):
    """A build lets go of each page's text once it is written; the navigation and lists of the
    pages rendered after it must still show its title."""
    wrong = []
    for path in sorted(real_site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.md-nav__link"):
            text = " ".join(link.get_text(" ").split())
            if not text or text == "None":
                wrong.append(f"{path.relative_to(real_site)}: {link.get('href')} {text!r}")
    assert wrong == []


def test_generated_pages_show_their_blocks_in_place(real_site):
    """The blocks of a generated page skip Markdown as stand-ins; every one must come back."""
    for path in sorted(real_site.rglob("*.html")):
        assert "kr-html:" not in path.read_text(encoding="utf-8"), path
    article = content(page(real_site, "begrippen/aida/"))
    order = [
        element.name if element.name != "h2" else element["id"]
        for element in article.find_all(["nav", "dl", "h2"], recursive=False)
    ]
    assert order[:4] == ["nav", "dl", "uitleg", "verwante-begrippen"]
    related = article.find("h2", id="verwante-begrippen").find_next_sibling()
    assert related.name == "dl" and related.select("a[data-begrip='cta']")


def test_an_own_theme_folder_overrides_a_partial_and_keeps_the_knowledge_base_theme(project):
    """A consultant's custom_dir comes first; our templates stay before Material's, so search
    and the page's metadata still work."""
    root = project({"eigen/partials/copyright.html": '<div class="eigen-voet">Eigen voet</div>'})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("  language: nl\n", "  language: nl\n  custom_dir: eigen\n"), "utf-8")
    soup = page(build(root), "")
    assert soup.select_one(".eigen-voet").get_text() == "Eigen voet"
    assert soup.select_one('meta[property="og:site_name"]')["content"] == "Mini Kennisbank"
    config_block = soup.select_one("script#__config").get_text()
    assert "assets/klantreis/search-worker.js" in config_block
    assert "assets/javascripts/workers/search." not in config_block


def test_block_macros_show_on_a_guide_and_in_a_blog_posts_excerpt(project):
    """A guide's blocks wait out Markdown in the stash; a post's excerpt is converted again from
    its Markdown, so a post's blocks go in as they are and show in the blog's list too."""
    post = (
        "---\ndate: 2026-10-02\nauthors: [marieke]\ndescription: Kanalen.\n---\n"
        "# Kanalen in beeld\n\n{{ kanalen_van_fase('aandacht') }}\n\n<!-- more -->\n\nMeer.\n"
    )
    root = project({
        "docs/artikelen/posts/kanalen.md": post,
        "docs/gids/kanalen.md": "# Kanalen\n\n{{ kanalen_van_fase('aandacht') }}\n",
    })
    site = build(root)
    guide = content(page(site, "gids/kanalen/"))
    listed = content(page(site, "artikelen/"))
    for soup in (guide, listed):
        assert "kr-html" not in str(soup)
        assert soup.select("table a[href*='kanalen/']"), soup
