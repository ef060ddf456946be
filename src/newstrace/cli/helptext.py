"""Command help as plain text a user can read: argument names without type labels.

typer (0.29) prints each positional argument with its Python type ("PATH <list[str]>") and
the usage line with braces ("{PATH}..."), and has no setting to turn either off; this
command class writes the same sections with the names alone. Everything else (options,
defaults, wrapping) is click's own formatting.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand

__all__ = ["PlainHelp"]


class PlainHelp(TyperCommand):
    """A typer command whose help names arguments as ``PATH...``, never by Python type."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS]`` then each argument as ``NAME``, ``NAME...`` or ``[NAME]``."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, arguments named without their type."""
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((_argument_name(param), record[1]))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param: Any) -> str:
    name = param.metavar or (param.name or "").upper()
    name = name.removesuffix("...")
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"
