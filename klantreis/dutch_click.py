"""Click in Dutch: help headings, and every wrong use of the command as one Dutch line.

Click writes its usage errors and help in English. The classes here translate them from the
error's type and parameter (never from its English text) and print `klantreis <command>:
<what is wrong> <how to go on>`, with exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click
from click import exceptions

from .content.errors import did_you_mean
from .project import CONFIG_FILE, is_knowledge_base

HEADINGS = {"Options": "Opties", "Commands": "Commando's", "Arguments": "Argumenten"}


class WrongUse(click.UsageError):
    """Wrong use of the command, already in Dutch: printed as one line on stderr."""

    exit_code = 2

    def __init__(self, message: str, ctx: click.Context | None = None, hint: bool = True) -> None:
        super().__init__(message, ctx)
        self.hint = hint

    def show(self, file: IO[Any] | None = None) -> None:
        command = self.ctx.command_path if self.ctx else "klantreis"
        line = f"{command}: {self.message}"
        if self.hint:
            line += f" Zie '{command} --help'."
        click.echo(line, file=file, err=True)


class Interrupted(click.ClickException):
    """Ctrl+C: said in Dutch instead of Click's "Aborted!"."""

    exit_code = 130

    def __init__(self, ctx: click.Context) -> None:
        super().__init__("gestopt met Ctrl+C.")
        self.ctx = ctx

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"{self.ctx.command_path}: {self.message}", file=file, err=True)


class DutchFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(HEADINGS.get(name, name))


class DutchContext(click.Context):
    formatter_class = DutchFormatter


class _Dutch(click.Command):
    """What commands and the group share: Dutch errors, help option and placeholders."""

    context_class = DutchContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Extra arguments are caught here, to be told in Dutch (Click reports them in English).
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        with dutch_errors(ctx):
            rest = super().parse_args(ctx, args)
        ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            message = f"onverwacht argument: {' '.join(rest)}."
            if any(isinstance(param, click.Argument) for param in self.params):
                message += " Heeft de titel spaties? Zet hem dan tussen aanhalingstekens."
            raise WrongUse(message, ctx)
        return rest


class DutchCommand(_Dutch):
    pass


class DutchGroup(_Dutch, click.Group):
    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with dutch_errors(ctx):
                return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            raise Interrupted(ctx) from None


@contextmanager
def dutch_errors(ctx: click.Context) -> Iterator[None]:
    """Turn Click's usage errors into `WrongUse`; its help (no arguments at all) stays help."""
    try:
        yield
    except (WrongUse, exceptions.NoArgsIsHelpError):
        raise
    except click.UsageError as error:
        error.ctx = error.ctx or ctx
        raise WrongUse(dutch_message(error), error.ctx) from None


def dutch_message(error: click.UsageError) -> str:
    """What went wrong, in Dutch, from the kind of error and the parameter it is about."""
    commands = _commands(error.ctx)
    if isinstance(error, exceptions.NoSuchCommand):
        return f"onbekend commando '{error.command_name}'. " + did_you_mean(
            error.command_name, commands
        )
    if isinstance(error, exceptions.NoSuchOption):
        close = " ".join(f"Bedoel je '{name}'?" for name in (error.possibilities or [])[:1])
        return f"onbekende optie '{error.option_name}'. {close}".rstrip()
    if isinstance(error, exceptions.BadOptionUsage):
        return _option_message(error)
    if isinstance(error, exceptions.MissingParameter) and error.param is not None:
        return _missing_message(error.param)
    if isinstance(error, exceptions.BadParameter) and error.param is not None:
        return f"de waarde voor {_name(error.param)} klopt niet."
    if error.ctx is not None and isinstance(error.ctx.command, click.Group) and commands:
        return "kies een commando: " + ", ".join(commands) + "."
    return "de opdracht klopt niet."


def _commands(ctx: click.Context | None) -> list[str]:
    command = ctx.command if ctx else None
    return sorted(command.commands) if isinstance(command, click.Group) else []


def _option_message(error: exceptions.BadOptionUsage) -> str:
    option = _find_option(error.ctx, error.option_name)
    if option is not None and option.is_flag:
        return f"de optie '{error.option_name}' neemt geen waarde."
    return f"na de optie '{error.option_name}' hoort een waarde."


def _find_option(ctx: click.Context | None, name: str) -> click.Option | None:
    params = ctx.command.params if ctx else []
    return next(
        (p for p in params if isinstance(p, click.Option) and name in p.opts + p.secondary_opts),
        None,
    )


def _missing_message(param: click.Parameter) -> str:
    choices = getattr(param.type, "choices", None)
    text = f"{_name(param)} ontbreekt."
    if choices:
        text += " Kies uit: " + ", ".join(str(choice) for choice in choices) + "."
    return text


def _name(param: click.Parameter) -> str:
    if isinstance(param, click.Argument):
        return f"het argument {param.human_readable_name}"
    return f"de optie '{param.opts[0]}'" if param.opts else f"'{param.name}'"


class Choice(click.Choice):
    """A choice whose wrong value is told in Dutch, with the closest choice."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        options = [str(choice) for choice in self.choices]
        raise WrongUse(
            f"'{value}' kan niet bij {_name(param) if param else 'deze waarde'}. "
            + did_you_mean(value, options),
            ctx,
        )


class KnowledgeBaseFolder(click.ParamType):
    """The folder of a knowledge base: it exists, is a folder, and holds a mkdocs.yml."""

    name = "map"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        folder = Path(value)
        shown = "deze map" if str(value) == "." else f"'{value}'"
        if not folder.exists():
            raise WrongUse(f"de map '{value}' bestaat niet.", ctx)
        if not folder.is_dir():
            raise WrongUse(f"'{value}' is een bestand, geen map.", ctx)
        if not is_knowledge_base(folder):
            raise WrongUse(
                f"hier staat geen kennisbank: {shown} ({folder.resolve()}) heeft geen "
                f"{CONFIG_FILE}. Ga naar de map van je kennisbank, of geef die op met "
                "--project <map>.",
                ctx,
                hint=False,
            )
        return folder
