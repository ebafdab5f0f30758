"""The contract between our search worker and Material's page script, read from the installed
Material. Each test names what changed when a Material upgrade breaks our search, so the build
or this suite fails instead of the search box in a reader's browser.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import material
import pytest
from material.plugins.search.plugin import SearchPlugin

from klantreis.mkdocs_adapter.plugin import MATERIAL_WORKER

TEMPLATES = Path(material.__file__).resolve().parent / "templates"
OFFLINE_PLUGIN = Path(material.__file__).resolve().parent / "plugins" / "offline" / "plugin.py"


@pytest.fixture(scope="module")
def bundle() -> str:
    found = sorted((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(found) == 1, f"Material's page script: expected one bundle.*.min.js, got {found}"
    return found[0].read_text(encoding="utf-8")


def test_base_html_names_the_search_worker_once_in_its_config_block():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{%\s*block config\s*%}(.*?){%\s*endblock\s*%}", base, re.S)
    assert block, "base.html has no {% block config %} any more: theme/main.html overrides it"
    workers = MATERIAL_WORKER.findall(block.group(1))
    assert len(workers) == 1, (
        "base.html's config block no longer names Material's search worker as "
        f"'assets/javascripts/workers/search.<hash>.min.js' exactly once: {workers}")
    assert (TEMPLATES / workers[0]).is_file(), f"{workers[0]} is not in Material's templates"
    assert '"search":' in block.group(1), "the config block's key for the worker is not 'search'"


def test_page_script_sends_only_config_and_docs_as_setup_message_0(bundle):
    # Our index travels in config.klantreis because only these two keys reach the worker.
    setup = re.search(
        r"\(\{config:(\w+),docs:(\w+)\}\)=>\w+\.next\(\{type:0,data:\{config:\1,docs:\2,", bundle)
    assert setup, ("Material's page script no longer posts {type: 0, data: {config, docs, ...}} "
                   "(SETUP) to the search worker: search-worker.js expects that message")


def test_page_script_sends_the_query_as_message_2(bundle):
    assert re.search(r"\.next\(\{type:2,data:\w+\}\)", bundle), (
        "Material's page script no longer posts the query as {type: 2, data: text} (QUERY)")


def test_page_script_waits_for_ready_1_and_result_3(bundle):
    assert re.search(r"function \w+\(e\)\{return e\.type===1\}", bundle), (
        "Material's page script no longer recognises READY as message type 1")
    assert re.search(r"function \w+\(e\)\{return e\.type===3\}", bundle), (
        "Material's page script no longer recognises RESULT as message type 3")


def test_result_items_are_rendered_from_the_fields_the_worker_sends(bundle):
    for field, pattern in {
        "score": r"\"data-md-score\":\w+\.score\.toFixed\(2\)",
        "title": r"x\(\"h1\",null,\w+\.title\)",
        "text": r"\w+\.text\.length>0&&\w+\.text",
        "location": r"new URL\(\w+\.location,",
        "terms": r"Object\.keys\(\w+\.terms\)",
    }.items():
        assert re.search(pattern, bundle), (
            f"Material's result list no longer reads the item field '{field}' the way "
            "search-worker.js provides it")


def test_index_file_names_online_and_offline(bundle):
    assert '"search/search_index.json"' in bundle, "online index is no longer search_index.json"
    assert '"search/search_index.js"' in bundle and "__index" in bundle, (
        "offline, Material no longer loads search/search_index.js defining __index")
    offline = OFFLINE_PLUGIN.read_text(encoding="utf-8")
    assert '"search_index.json"' in offline and "var __index = " in offline, (
        "Material's offline plugin no longer copies search_index.json into search_index.js")
    assert "@event_priority(-100)" in offline, (
        "the offline plugin's on_post_build is no longer at priority -100: ours (-50) must run "
        "before it copies the index")


def test_material_search_plugin_keeps_its_index_where_we_replace_it():
    # With our search on, the adapter swaps the plugin's `search_index` for a stand-in that
    # only writes the config, so Material does not parse every page for an index we replace.
    source = (Path(material.__file__).resolve().parent / "plugins" / "search" / "plugin.py"
              ).read_text(encoding="utf-8")
    assert "self.search_index = SearchIndex(**self.config)" in source, (
        "Material's search plugin no longer keeps its index in `search_index`")
    assert "self.search_index.add_entry_from_context(page)" in source, (
        "Material's search plugin no longer indexes pages with add_entry_from_context")
    assert "self.search_index.generate_search_index(" in source, (
        "Material's search plugin no longer writes its index with generate_search_index")


def test_material_search_page_step_only_indexes_and_strips_search_attributes():
    # The adapter runs this step only on pages whose HTML has "data-search-": on the others it
    # would index into our stand-in and strip nothing. Anything more it did would be skipped.
    source = inspect.getsource(SearchPlugin.on_page_context)
    body = [line.strip() for line in source.splitlines()[1:]
            if line.strip() and not line.strip().startswith("#")]
    assert body == [
        "if not self.config.enabled:",
        "return",
        "self.search_index.add_entry_from_context(page)",
        "page.content = re.sub(",
        'r"\\s?data-search-\\w+=\\"[^\\"]+\\"",',
        '"",',
        "page.content",
        ")",
    ], "Material's search plugin does more per page now: see _spare_material_indexing"
