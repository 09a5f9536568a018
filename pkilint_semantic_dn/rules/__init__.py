"""Pure rule logic: strings in, hits out. No pyasn1, no pkilint, no I/O at call time.

Every rule is a function `(attribute_oid, value, subject) -> list[Hit]` (`check`, or
`check_<what>` where a module holds several), where `subject`
is the whole distinguished name as `(attribute_oid, value)` pairs (value None when it could
not be decoded). Front ends (pkilint validators, `check`, `scan`) turn hits into their own
output through the catalogue.
"""

from __future__ import annotations

import re
from typing import Callable, Collection, NamedTuple, Optional, Sequence, Tuple

Subject = Sequence[Tuple[str, Optional[str]]]

# Values are quoted in messages; a hostile 64 KiB value must not become a 64 KiB message.
_QUOTE_LIMIT = 200


class Hit(NamedTuple):
    code: str
    message: str


def scope(
    only: Collection[str] | None = None,
    *,
    never: Collection[str] = (),
    plain: bool = True,
) -> Callable:
    """Declares which attributes a rule can report on: types `only` these (None: any) and
    `never` those; `plain=False` when it never reports a value for which `is_plain` holds.

    The rule still tests all of this itself, so calling it directly stays correct; the
    declaration lets a front end that runs every rule on every attribute skip the calls that
    would return at once (see `may_report`). tests/test_rule_scope.py holds rules to it.
    """

    def declare(rule):
        rule.only_attributes = None if only is None else frozenset(only)
        rule.never_attributes = frozenset(never)
        rule.reports_plain_values = plain
        return rule

    return declare


def may_report(rule: Callable, attribute_oid: str | None) -> bool:
    """False only where the rule's `scope` rules the attribute type out (None: a type that
    no scope names, which only rules without `only` can report on)."""
    only = getattr(rule, "only_attributes", None)
    if only is not None and attribute_oid not in only:
        return False
    return attribute_oid not in getattr(rule, "never_attributes", ())


# Anything but printable ASCII; the characters DN syntax, escaping, templates, labels, quotes
# and percent-encoding need; and leading, trailing or doubled spaces. A character class and
# three fixed strings: one linear scan, whatever the input.
_NOT_PLAIN = re.compile(r"[^ -~]|[=\\%{}\[\]<>$:\"'`]|^ | $|  ")


def is_plain(value: str) -> bool:
    """True for the most common kind of value: printable ASCII with none of the characters
    that the structural rules (embedded DN syntax, leaks, white space, controls, encoding)
    look for, e.g. `Example Inc.`, `Mountain View`, `www.example.com`."""
    return _NOT_PLAIN.search(value) is None


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

    def remember(self, key, compute: Callable):
        """`compute(self, key)`, worked out once per subject: facts several rules need (the
        subject's country). Lives as long as the subject, i.e. one name being checked.
        """
        memo = self.__dict__.setdefault("_memo", {})
        try:
            return memo[compute, key]
        except KeyError:
            found = memo[compute, key] = compute(self, key)
            return found

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
