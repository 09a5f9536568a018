"""The subject a rule sees: the name's `(attribute OID, value)` pairs, in certificate order.

`Subject` is that tuple of pairs (value None when it could not be decoded), plus what rules
ask of it again and again, worked out once per subject: the values of one type
(`values_of`) and any derived fact (`fact`). A rule that scanned the pairs itself for every
attribute would make a subject of n attributes cost O(n^2); hostile subjects have thousands.

Rules read a subject only through `values_of` and `fact`, so a Subject can say which
attribute types a piece of work read (`reading`): the engine keeps an attribute's answer
keyed by the values of exactly those types.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional, Sequence, Tuple

Pairs = Sequence[Tuple[str, Optional[str]]]


class Subject(tuple):
    """A name's (OID, value) pairs that also answer "values of this type" in O(1)."""

    def __new__(cls, pairs: Iterable[tuple[str, str | None]] = ()):
        return super().__new__(cls, pairs)

    def values_of(self, oid: str) -> list[str]:
        """Decoded values of every attribute of type `oid` (do not modify the list)."""
        d = self.__dict__
        index = d.get("_index")
        if index is None:
            index = self._build_index()
        reads = d.get("_reads")
        if reads is not None:
            reads.add(oid)
        return index.get(oid, [])

    def _build_index(self) -> dict:
        index: dict = {}
        for t, v in tuple.__iter__(self):
            if v is not None:
                index.setdefault(t, []).append(v)
        self.__dict__["_index"] = index
        return index

    def fact(self, compute: Callable, *args):
        """`compute(self, *args)`, worked out once per subject (the subject's country, the
        keys of its postal codes...). Lives as long as the subject: one name being checked.
        `compute` must be a module-level function, so the memo stays small."""
        d = self.__dict__
        memo = d.get("_memo")
        if memo is None:
            memo = d["_memo"] = {}
            d["_fact_reads"] = {}
        # A fact without arguments is known by its function alone (no key tuple to build on
        # every question; a function never equals a tuple, so keys cannot collide).
        key = (compute, *args) if args else compute
        found = memo.get(key, _MISSING)
        outer = d.get("_reads")
        if found is _MISSING:
            # What the fact read is kept with it: a later question that gets the fact from
            # the memo has read those types too.
            d["_reads"] = inner = set()
            try:
                found = compute(self, *args)
            finally:
                d["_reads"] = outer
            memo[key] = found
            inner = d["_fact_reads"][key] = frozenset(inner)
        elif outer is None:
            return found
        else:
            inner = d["_fact_reads"][key]
        if outer is not None:
            outer |= inner
        return found

    def reading(self) -> set:
        """Start recording the attribute types read through `values_of` and `fact`: the
        set returned grows until `stop_reading` (one recording at a time)."""
        reads = self.__dict__["_reads"] = set()
        return reads

    def stop_reading(self) -> None:
        self.__dict__["_reads"] = None

    def projection(self, oids: tuple[str, ...]) -> tuple:
        """The values of each type in `oids`, as a key (not recorded as a read)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self._build_index()
        return tuple(tuple(index.get(oid, ())) for oid in oids)


_MISSING = object()


def as_subject(pairs: Pairs) -> Subject:
    """`pairs` as a Subject (itself if it already is one): rules called directly with a list
    of pairs get the same answers as through the engine."""
    return pairs if isinstance(pairs, Subject) else Subject(pairs)


def subject_values(subject: Pairs, oid: str) -> list[str]:
    """Decoded values of every attribute of type `oid` in the subject (do not modify)."""
    return as_subject(subject).values_of(oid)
