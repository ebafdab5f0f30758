"""Links between pages are relative, so the site works on any host, below a sub-path and from
disk."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantreis.site.urls import relative_url


@pytest.mark.parametrize(("target", "base", "expected"), [
    ("begrippen/seo/", "begrippen/cta/", "../seo/"),
    ("fasen/aandacht/", "begrippen/seo/", "../../fasen/aandacht/"),
    ("", "begrippen/seo/", "../../"),
    ("begrippen/", "", "begrippen/"),
    ("begrippen/seo/", "begrippen/", "seo/"),
    ("begrippen/", "begrippen/seo/", "../"),
    ("begrippen/seo/", "begrippen/seo/", "./"),
    ("a/b.html", "a/c.html", "b.html"),
    ("index.html", "a/b/c.html", "../../index.html"),
    ("ab/", "a/", "../ab/"),  # a common start of a name is not a common folder
])
def test_a_link_climbs_only_as_far_as_needed(target, base, expected):
    assert relative_url(target, base) == expected


SEGMENT = st.sampled_from(["a", "b", "ab", "fasen", "seo"])
URL = st.lists(SEGMENT, max_size=4).map(lambda parts: "".join(f"{part}/" for part in parts))


@given(URL, URL)
def test_a_link_leads_where_the_standard_library_says(target, base):
    expected = posixpath.relpath("/" + target, "/" + base.rstrip("/"))
    expected = "./" if expected == "." else expected + "/"
    assert relative_url(target, base) == expected
    # And followed from the page it is on, it arrives at the target.
    assert posixpath.normpath(posixpath.join("/" + base, relative_url(target, base))) == (
        posixpath.normpath("/" + target)
    )
