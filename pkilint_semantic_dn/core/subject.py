"""The subject a rule sees: the name's `(attribute OID, value)` pairs, in certificate order.

`Subject` is that tuple of pairs (value None when it could not be decoded), plus what rules
ask of it again and again, worked out once per subject: the values of one type
(`values_of`) and any derived fact (`fact`, or `fact_of` on pairs that may not be a
Subject yet). A rule that scanned the pairs itself for every attribute would make a subject
of n attributes cost O(n^2); hostile subjects have thousands.

Rules read a subject only through `values_of` and `fact` (whose computations read it through
`values_of`), so `record_reads` can tell which attribute types a run of rules read. (One
class for every subject: rules' attribute look-ups stay specialised to it.)
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence, Tuple

Pairs = Sequence[Tuple[str, Optional[str]]]


class Subject(tuple):
    """A name's (OID, value) pairs that also answer "values of this type" in O(1).

    `Subject(pairs)`, as `tuple(pairs)`: no `__new__` of its own, which would be a Python
    call more on every new subject."""

    def by_type(self) -> dict[str, list[str]]:
        """The decoded values of each type (built on first use, kept with the subject; do
        not modify). Not a read: the caller records what it reads of it."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for t, v in tuple.__iter__(self):  # not an override
                if v is not None:
                    index.setdefault(t, []).append(v)
            self.__dict__["_index"] = index
        return index

    def values_of(self, oid: str) -> list[str]:
        """Decoded values of every attribute of type `oid` (do not modify the list)."""
        d = self.__dict__
        index = d.get("_index")
        if index is None:
            index = Subject.by_type(self)  # not an override (a rule must not call it)
        reads = d.get("_reads")
        if reads is not None:  # recording (`record_reads`)
            reads.add(oid)
        return index.get(oid, [])

    def record_reads(self) -> set:
        """From now on, every attribute type asked of `values_of` (by rules, and by facts
        worked out meanwhile) is added to the set returned."""
        reads = self.__dict__["_reads"] = set()
        return reads

    def fact(self, compute: Callable, *args):
        """`compute(self, *args)`, worked out once per subject (the subject's country, the
        keys of its postal codes...). Lives as long as the subject: one name being checked.
        `compute` must be a module-level function, so the memo stays small."""
        if not isinstance(self, Subject):  # called as `fact_of` with plain pairs
            self = Subject(self)
        memo = self.__dict__.get("_memo")
        if memo is None:
            memo = self.__dict__["_memo"] = {}
        # A fact without arguments is known by its function alone (no key tuple to build on
        # every question; a function never equals a tuple, so keys cannot collide).
        key = (compute, *args) if args else compute
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            found = memo[key] = compute(self, *args)
        return found


_MISSING = object()

# `as_subject(pairs).fact(compute, *args)` in one call: rules ask their facts on every
# attribute they check, and inside a lint each call costs more than its work.
fact_of = Subject.fact


def as_subject(pairs: Pairs) -> Subject:
    """`pairs` as a Subject (itself if it already is one): rules called directly with a list
    of pairs get the same answers as through the engine."""
    return pairs if isinstance(pairs, Subject) else Subject(pairs)


def subject_values(subject: Pairs, oid: str) -> list[str]:
    """Decoded values of every attribute of type `oid` in the subject (do not modify)."""
    return as_subject(subject).values_of(oid)
