"""Pure rule logic: strings in, hits out. No pyasn1, no pkilint, no I/O at call time.

Every rule is a function `(attribute_oid, value, subject) -> list[Hit]` (`check`, or
`check_<what>` where a module holds several), where `subject`
is the whole distinguished name as `(attribute_oid, value)` pairs (value None when it could
not be decoded). Front ends (pkilint validators, `check`, `scan`) turn hits into their own
output through the catalogue.
"""

from __future__ import annotations

from typing import Callable, Collection, NamedTuple, Optional, Sequence, Tuple

Subject = Sequence[Tuple[str, Optional[str]]]

# Values are quoted in messages; a hostile 64 KiB value must not become a 64 KiB message.
_QUOTE_LIMIT = 200


class Hit(NamedTuple):
    code: str
    message: str


def scope(
    only: Collection[str] | None = None, *, never: Collection[str] = ()
) -> Callable:
    """Declares the attribute types a rule can report on: `only` these (None: any), `never`
    those. The rule still tests the type itself, so a direct call stays correct; the
    declaration lets a front end that runs every rule on every attribute skip, per type, the
    calls that would return at once (see `may_report`).
    """

    def declare(rule):
        rule.only_attributes = None if only is None else frozenset(only)
        rule.never_attributes = frozenset(never)
        return rule

    return declare


def may_report(rule: Callable, attribute_oid: str) -> bool:
    """False only where the rule's `scope` rules the attribute type out."""
    only = getattr(rule, "only_attributes", None)
    never = getattr(rule, "never_attributes", frozenset())
    return (only is None or attribute_oid in only) and attribute_oid not in never


def quote(value: str, limit: int = _QUOTE_LIMIT) -> str:
    """The value in double quotes, shortened in the middle of nowhere but its end."""
    if len(value) > limit:
        value = value[:limit] + f"... ({len(value)} characters)"
    return f'"{value}"'


class IndexedSubject(tuple):
    """A subject's (OID, value) pairs that also answer "values of this type" in O(1).

    Rules look up the subject's other attributes for every attribute they check; scanning the
    pairs each time would make a subject of n attributes cost O(n^2) (hostile subjects have
    thousands). The index is built on the first lookup.
    """

    def values_of(self, oid: str) -> list[str]:
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for t, v in self:
                if v is not None:
                    index.setdefault(t, []).append(v)
            self.__dict__["_index"] = index
        return index.get(oid, [])


def subject_values(subject: Subject, oid: str) -> list[str]:
    """Decoded values of every attribute of type `oid` in the subject (do not modify)."""
    values_of = getattr(subject, "values_of", None)
    if values_of is not None:
        return values_of(oid)
    return [v for t, v in subject if t == oid and v is not None]
