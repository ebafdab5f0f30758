"""Macro calls that need no template engine: `{{ name("constant", key="constant") }}`.

Most pages call the engine's macros with constant arguments and nothing else. Such a page is
checked by parsing each call on its own and rendered by calling the macro directly, so neither
`klantreis check` nor the macros plugin compiles the whole page as a template (at a thousand
pages that was a tenth of the build). A page with anything more (a `{% block %}`, a comment,
a variable, an expression) goes the full way, through Jinja and the macros plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_PARSER = Environment()


@dataclass(frozen=True)
class MacroCall:
    """One `{{ name(...) }}` in a text, with constant arguments."""

    start: int
    end: int
    name: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    line: int
    """The call's line in the text, 1-based."""


def simple_calls(text: str) -> list[MacroCall] | None:
    """Every template expression in `text` as a simple call, or None if any is more than that."""
    if "{%" in text or "{#" in text:
        return None
    calls = []
    for expression in EXPRESSION.finditer(text):
        parsed = _parse(expression.group(1))
        if parsed is None:
            return None
        line = text.count("\n", 0, expression.start()) + 1
        calls.append(MacroCall(expression.start(), expression.end(), *parsed, line=line))
    if text.count("{{") != len(calls):
        return None  # an expression that is not closed: Jinja reports it
    return calls


@lru_cache(maxsize=4096)
def _parse(expression: str) -> tuple[str, tuple[Any, ...], tuple[tuple[str, Any], ...]] | None:
    """(name, args, kwargs) of `name(constants)`, parsed by Jinja itself; None otherwise."""
    try:
        body = _PARSER.parse("{{" + expression + "}}").body
    except TemplateSyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        return None
    call = body[0].nodes[0]
    if not isinstance(call, nodes.Call) or not isinstance(call.node, nodes.Name):
        return None
    if call.dyn_args or call.dyn_kwargs:
        return None
    if not all(isinstance(arg, nodes.Const) for arg in call.args):
        return None
    if not all(isinstance(keyword.value, nodes.Const) for keyword in call.kwargs):
        return None
    return (
        call.node.name,
        tuple(arg.value for arg in call.args),  # type: ignore[attr-defined]
        tuple((keyword.key, keyword.value.value) for keyword in call.kwargs),  # type: ignore[attr-defined]
    )
