"""Command-line options `check`, `scan` and `serve` share, in pkilint's conventions.

- `-s/--severity LEVEL` filters what is reported, as pkilint's own `-s` does: findings below
  LEVEL are left out (default INFO, pkilint's default; ALL reports everything).
- `--fail-on LEVEL` sets the exit threshold: status 1 when a reported finding is at or above
  it (default WARNING: NOTICEs are heuristics and must not block issuance).
- `--disable NAMES` / `--enable NAMES` select the rules: codes, codes without the
  `semantic_dn.` prefix, or rule names (all their codes; a name that is also a code means
  the code), as comma lists, repeatable. `--enable` reports only the codes named (and
  `rule_failed`). An unknown name is an error, never ignored.
Both severity options take pkilint's names: FATAL, ERROR, WARNING, NOTICE, INFO, DEBUG.
"""

from __future__ import annotations

import argparse
from typing import NamedTuple

from pkilint_semantic_dn.core import config, registry, selection
from pkilint_semantic_dn.core.registry import SEVERITIES

SEVERITY_CHOICES = SEVERITIES + ("ALL",)
DEFAULT_REPORT_SEVERITY = "INFO"
DEFAULT_FAIL_ON = "WARNING"


class UsageError(ValueError):
    """A command-line value that cannot be used; the message says why."""


def add_severity_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s",
        "--severity",
        type=str.upper,
        choices=SEVERITY_CHOICES,
        default=DEFAULT_REPORT_SEVERITY,
        metavar="LEVEL",
        help="report only findings of this severity or higher, as pkilint's -s "
        f"({', '.join(SEVERITY_CHOICES)}; default {DEFAULT_REPORT_SEVERITY})",
    )
    parser.add_argument(
        "--fail-on",
        type=str.upper,
        choices=SEVERITIES,
        default=DEFAULT_FAIL_ON,
        metavar="LEVEL",
        help="exit status 1 when a reported finding is of this severity or higher "
        f"(default {DEFAULT_FAIL_ON})",
    )


def add_rule_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CODES",
        help="switch off these codes or rules (comma list, prefix optional; adds to "
        "PKILINT_SEMANTIC_DN_DISABLE)",
    )
    parser.add_argument(
        "--enable",
        action="append",
        default=[],
        metavar="CODES",
        help="report only these codes or rules (comma list, prefix optional)",
    )


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a finding of `severity` is at or above `threshold` (ALL: always)."""
    if threshold == "ALL":
        return True
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)


class Selection(NamedTuple):
    disabled: frozenset  # every code switched off, from any source
    from_environment: frozenset  # those PKILINT_SEMANTIC_DN_DISABLE switched off
    from_options: frozenset  # those --disable/--enable switched off


def option_names(values: list[str]) -> list[str]:
    """The names given to repeated `--disable`/`--enable` options, comma lists split."""
    return [n for v in values for n in config.split_names(v)]


def rule_selection(args) -> Selection:
    """The codes switched off by the environment and `--disable`/`--enable`; raises
    UsageError naming any unknown code (with the closest known one)."""
    environment = selection.environment_disabled()
    wanted_off = option_names(getattr(args, "disable", []))
    wanted_on = option_names(getattr(args, "enable", []))
    off, unknown = selection.resolve(wanted_off)
    on, unknown_on = selection.resolve(wanted_on)
    unknown += unknown_on
    if unknown:
        listed = ", ".join(f"{n!r}{selection.suggestion(n)}" for n in unknown)
        raise UsageError(f"no such code or rule: {listed}")
    if wanted_on:
        # A rule that fails is still said (rule_failed), unless switched off by name.
        every = all_codes() - {registry.RULE_FAILED.code}
        off = off | (every - on)
    return Selection(environment | off, environment, frozenset(off))


def all_codes() -> frozenset:
    return frozenset(c for codes in selection.known().values() for c in codes)
