"""Which codes are switched off: names as users write them, checked against the registry.

A code may be given in full (`semantic_dn.unrecognized_subdivision`), without the built-in
prefix (`unrecognized_subdivision`), or as a rule's name, which means all its codes
(`subdivision`, `country_in_place_name`). A name that is none of these is never ignored in
silence: the command line refuses it, and `PKILINT_SEMANTIC_DN_DISABLE` (read where
validators are built, inside pkilint) says so once on stderr and goes on with the rest.
"""

from __future__ import annotations

import difflib
import sys
from typing import Iterable

from pkilint_semantic_dn.core import config, registry

_warned: set[str] = set()


def known() -> dict[str, tuple[str, ...]]:
    """Every name a user may write -> the codes it means."""
    from pkilint_semantic_dn.core import preissuance

    names: dict[str, tuple[str, ...]] = {}
    codes = [f.code for r in registry.rules() for f in r.findings]
    codes += [registry.RULE_FAILED.code] + [f.code for f in preissuance.FINDINGS]
    for code in codes:
        names[code] = (code,)
        if code.startswith(registry.BUILTIN_PREFIX):
            names.setdefault(code[len(registry.BUILTIN_PREFIX) :], (code,))
    for r in registry.rules():
        names.setdefault(r.name, r.codes)
    return names


def resolve(names: Iterable[str]) -> tuple[frozenset[str], list[str]]:
    """(the codes `names` mean, the names that mean nothing)."""
    table = known()
    codes: set[str] = set()
    unknown = []
    for name in names:
        found = table.get(name.strip()) or table.get(name.strip().lower())
        if found is None:
            unknown.append(name)
        else:
            codes.update(found)
    return frozenset(codes), unknown


def suggestion(name: str) -> str:
    """` (did you mean X?)` for a misspelt name, or ""."""
    close = difflib.get_close_matches(name.strip().lower(), list(known()), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def environment_disabled(environ=None) -> frozenset[str]:
    """The codes `PKILINT_SEMANTIC_DN_DISABLE` switches off; unknown names are reported once
    per process on stderr (the rule they were meant for stays on) and otherwise ignored.
    """
    raw = config.disabled_names(environ)
    codes, unknown = resolve(raw)
    fresh = [n for n in unknown if n not in _warned]
    if fresh:
        _warned.update(fresh)
        listed = ", ".join(f"{n!r}{suggestion(n)}" for n in fresh)
        print(
            f"pkilint-semantic-dn: {config.DISABLE_CODES_VARIABLE} names no such code or "
            f"rule: {listed}; nothing was switched off for it",
            file=sys.stderr,
        )
    return codes
