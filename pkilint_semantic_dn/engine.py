"""All rules applied to plain strings: the entry point for front ends other than pkilint.

`check` and `scan` (and anyone reusing the rules) call `check_attribute` / `check_subject`;
the rule list is the same one the pkilint validators use, so both front ends always agree.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from pkilint_semantic_dn import catalogue, config
from pkilint_semantic_dn.rules import Hit, IndexedSubject, Subject, may_report
from pkilint_semantic_dn.validators import VALIDATOR_CLASSES

RULES = tuple(cls.RULE for cls in VALIDATOR_CLASSES)
RULE_FAILED = "semantic_dn.rule_failed"


class SubjectHit(NamedTuple):
    index: int  # position of the attribute in the subject
    attribute_oid: str
    value: str
    severity: str
    code: str
    message: str


def check_attribute(
    attribute_oid: str,
    value: str,
    subject: Subject = (),
    disabled: Iterable[str] | None = None,
) -> list[Hit]:
    """Every hit of every rule on one value; `subject` gives the other attributes as context."""
    disabled = config.disabled_codes() if disabled is None else frozenset(disabled)
    hits = []
    for rule in RULES:
        if not may_report(rule, attribute_oid):
            continue
        try:
            found = rule(attribute_oid, value, subject)
        except (
            Exception
        ) as e:  # as in the validators: a rule's defect must not stop a scan
            found = [
                Hit(
                    RULE_FAILED,
                    f"{getattr(rule, '__module__', 'a rule')} could not check this value "
                    f"({type(e).__name__}); please report it to pkilint-semantic-dn",
                )
            ]
        hits.extend(h for h in found if h.code not in disabled)
    return hits


def check_subject(
    subject: Subject, disabled: Iterable[str] | None = None
) -> list[SubjectHit]:
    """Every hit on every attribute of a subject given as (OID, value) pairs."""
    disabled = config.disabled_codes() if disabled is None else frozenset(disabled)
    subject = IndexedSubject(subject)  # every rule looks up the others: index them once
    out = []
    for index, (oid, value) in enumerate(subject):
        if value is None:
            continue
        for hit in check_attribute(oid, value, subject, disabled):
            severity = catalogue.BY_CODE[hit.code].severity
            out.append(SubjectHit(index, oid, value, severity, hit.code, hit.message))
    return out
