"""Run-time switches, read from the environment when validators are built (never at lint time).

PKILINT_SEMANTIC_DN=0
    Disables the automatic registration: stock pkilint behaves exactly as without the plugin.
    The explicit API (`create_name_validators()`) still works. With a pkilint that loads
    plugins through the `pkilint.subject_validators` entry point, this only turns off the
    start-up hook and `activate()`; pkilint's `PKILINT_DISABLE_PLUGINS=semantic_dn` turns the
    plugin off there.
PKILINT_SEMANTIC_DN_DISABLE=code[,code...]
    Codes this plugin must not report (and not list in `validations`), for CAs that tune
    NOTICEs for their pipelines. Separators: comma, semicolon or white space. A code may be
    written without its `semantic_dn.` prefix, or as a rule's name (all its codes); a name
    that is neither is reported once on stderr (`core/selection.py`).
"""

from __future__ import annotations

import os
import sys

ENABLE_VARIABLE = "PKILINT_SEMANTIC_DN"
DISABLE_CODES_VARIABLE = "PKILINT_SEMANTIC_DN_DISABLE"

_OFF_WORDS = frozenset({"0", "false", "no", "off"})


def automatic_registration_enabled(environ=os.environ) -> bool:
    return environ.get(ENABLE_VARIABLE, "1").strip().casefold() not in _OFF_WORDS


def split_names(text: str) -> list[str]:
    """Names in a comma, semicolon or white-space separated list."""
    for separator in ",;":
        text = text.replace(separator, " ")
    return text.split()


def disabled_names(environ=None) -> list[str]:
    """The names in PKILINT_SEMANTIC_DN_DISABLE, as written."""
    return split_names(
        (os.environ if environ is None else environ).get(DISABLE_CODES_VARIABLE, "")
    )


_warned = False


def warn_once(reason: str) -> None:
    """Say once per process, on stderr, that the plugin is not active and why."""
    global _warned
    if _warned:
        return
    _warned = True
    print(
        f"pkilint-semantic-dn: semantic DN checks are NOT active: {reason}. "
        f"pkilint runs unchanged; set {ENABLE_VARIABLE}=0 to silence this warning.",
        file=sys.stderr,
    )
