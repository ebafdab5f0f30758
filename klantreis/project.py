"""The project folder: is it a knowledge base, and the few settings of its mkdocs.yml that the
command line and the checks need before (or without) MkDocs.

mkdocs.yml is read with `!ENV` evaluated as MkDocs does; other tags (`!!python/name`) become None.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

CONFIG_FILE = "mkdocs.yml"


def is_knowledge_base(folder: Path) -> bool:
    """A knowledge base is a folder with a mkdocs.yml (the glossary and journeys sit beside it)."""
    return (folder / CONFIG_FILE).is_file()


def read_config(folder: Path) -> dict[str, Any]:
    """The settings of mkdocs.yml; empty when it is missing or unreadable (MkDocs says why)."""
    try:
        text = (folder / CONFIG_FILE).read_text(encoding="utf-8-sig")
        config = yaml.load(text, Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def preview_address(folder: Path, address: str) -> str:
    """The address of the live preview: MkDocs serves it below the path of `site_url`."""
    site_url = read_config(folder).get("site_url")
    path = urlsplit(site_url).path if isinstance(site_url, str) else "/"
    return f"http://{address}" + ("/" + path.lstrip("/")).rstrip("/") + "/"


class _ConfigLoader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml, without running anything."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable that is set, else the
    default (as in pyyaml-env-tag, which MkDocs uses)."""
    if isinstance(node, yaml.SequenceNode):
        items = [loader.construct_object(child, deep=True) for child in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        names, default = [loader.construct_scalar(node)], None  # type: ignore[arg-type]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _nothing(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("!", _nothing)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _nothing)
