"""Every finding this plugin can report, as one table generated from the rule registry.

Nothing here is written by hand: each rule declares its findings beside its logic
(`rules/<name>.py`), the engine declares `rule_failed`, `preissuance` its `check`-only codes.
`finding_metadata.csv` (`python -m pkilint_semantic_dn.core.catalogue`), the README rules
table, the `rules` listing and the `check`/`scan` output all come from `entries()`.
"""

from __future__ import annotations

import csv
import io
import sys
from typing import NamedTuple

from pkilint_semantic_dn.core import attributes, engine, preissuance, registry


class Entry(NamedTuple):
    code: str
    severity: str  # a pkilint severity name
    attributes: str  # which subject attributes the rule reports on, in words
    citation: str  # the requirement the finding rests on
    description: str  # one sentence: what it catches
    example: str  # a value that triggers it
    # "pkilint": a validator reports it (finding_metadata.csv lists it); "check": only
    # `pkilint-semantic-dn check` does, on a requested subject before issuance.
    scope: str = "pkilint"
    why: str = ""  # why this severity
    rule: str = ""  # the rule that reports it ("" for the engine's and check's own)
    origin: str = "built-in"


def attributes_text(rule: registry.Rule | None) -> str:
    """`stateOrProvinceName, jurisdictionStateOrProvinceName` or `every attribute except ...`."""
    if rule is None:
        return "every attribute"

    def names(oids) -> str:
        return ", ".join(sorted(attributes.attribute_name(o) for o in oids))

    if rule.attributes is not None:
        return names(rule.attributes - rule.never)
    if rule.never:
        return f"every attribute except {names(rule.never)}"
    return "every attribute"


def entries() -> tuple[Entry, ...]:
    """Rules' findings in registry order, then `rule_failed`, then the `check`-only codes."""
    out = []
    for r in registry.rules():
        text = attributes_text(r)
        for f in r.findings:
            out.append(_entry(f, text, r.name, r.origin))
    out.append(_entry(engine.RULE_FAILED, "every attribute"))
    for f in preissuance.FINDINGS:
        out.append(_entry(f, "every attribute"))
    return tuple(out)


def _entry(f: registry.Finding, text: str, rule: str = "", origin="built-in") -> Entry:
    return Entry(
        f.code,
        f.severity,
        text,
        f.citation,
        f.description,
        f.example,
        f.scope,
        f.why,
        rule,
        origin,
    )


def by_code() -> dict[str, Entry]:
    return {e.code: e for e in entries()}


def pkilint_entries() -> tuple[Entry, ...]:
    """What pkilint can report: the validators declare these, finding_metadata.csv lists
    the built-in ones."""
    return tuple(e for e in entries() if e.scope == "pkilint")


METADATA_COLUMNS = ("severity", "code", "source", "description")


def render_metadata_csv() -> str:
    """finding_metadata.csv in the columns pkimetal reads: severity,code,source,description.

    Built-in findings only: a CA's house rules are its own (it can render its own file with
    `pkilint-semantic-dn rules --format csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(METADATA_COLUMNS)
    for e in pkilint_entries():
        if e.origin == "built-in":
            writer.writerow((e.severity, e.code, e.citation, e.description))
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(render_metadata_csv())
