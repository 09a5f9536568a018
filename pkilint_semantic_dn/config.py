"""Run-time switches, read from the environment when validators are built (never at lint time).

PKILINT_SEMANTIC_DN=0
    Disables the automatic registration: stock pkilint behaves exactly as without the plugin.
    The explicit API (`create_name_validators()`) still works.
PKILINT_SEMANTIC_DN_DISABLE=code[,code...]
    Codes this plugin must not report (and not list in `validations`), for CAs that tune
    NOTICEs for their pipelines. Separators: comma, semicolon or white space.
"""

from __future__ import annotations

import os

ENABLE_VARIABLE = "PKILINT_SEMANTIC_DN"
DISABLE_CODES_VARIABLE = "PKILINT_SEMANTIC_DN_DISABLE"

_OFF_WORDS = frozenset({"0", "false", "no", "off"})


def automatic_registration_enabled(environ=os.environ) -> bool:
    return environ.get(ENABLE_VARIABLE, "1").strip().casefold() not in _OFF_WORDS


def disabled_codes(environ=os.environ) -> frozenset[str]:
    raw = environ.get(DISABLE_CODES_VARIABLE, "")
    for separator in ",;":
        raw = raw.replace(separator, " ")
    return frozenset(raw.split())
