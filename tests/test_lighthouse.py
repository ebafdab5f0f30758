"""Lighthouse on the real knowledge base: SEO and accessibility at 95 or more on every page type."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scores():
    if not (REPO / "node_modules" / ".bin" / "lighthouse").exists():
        pytest.skip("Lighthouse is not installed: run `npm ci` (make test does)")
    sys.path.insert(0, str(REPO / "benchmarks"))
    import lighthouse

    return lighthouse.measure()


@pytest.mark.parametrize("category", ["seo", "accessibility"])
def test_scores_reach_the_threshold(scores, category):
    low = {page: values[category] for page, values in scores.items() if values[category] < 95}
    assert low == {}
