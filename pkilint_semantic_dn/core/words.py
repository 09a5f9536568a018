"""Whole-value word matching: the key two values share when they are "the same words", the
attribute groups the word rules treat alike, and the reader of their word tables.

The key keeps letters and digits only, folded for case, width and diacritics, so
`Some-State`, `some state`, `SOME_STATE` and `Ｓｏｍｅ－Ｓｔａｔｅ` are one key. The word
tables themselves are data: `pkilint_semantic_dn/data/*.csv`, read once at import by the rule
that uses them.
"""

from __future__ import annotations

import csv
import functools
import os
import threading
import unicodedata

from pkilint_semantic_dn.core import attributes, normalise

# Longer values are never placeholders or not-applicable words; the key is only computed for
# short values.
MAX_LENGTH = 80

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")

# Attributes that hold the name of a person or an organisation.
NAME_ATTRIBUTES = frozenset(
    {
        attributes.ORGANIZATION_NAME,
        attributes.ORGANIZATIONAL_UNIT_NAME,
        attributes.COMMON_NAME,
        attributes.SURNAME,
        attributes.GIVEN_NAME,
        "2.5.4.43",  # initials
        "2.5.4.44",  # generationQualifier
        attributes.PSEUDONYM,
        "2.5.4.41",  # name
    }
)
# Attributes that hold a place: a subdivision or a locality.
GEOGRAPHIC_ATTRIBUTES = frozenset(
    {
        attributes.STATE_OR_PROVINCE_NAME,
        attributes.LOCALITY_NAME,
        attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
        attributes.JURISDICTION_LOCALITY_NAME,
    }
)
LOCALITY_ATTRIBUTES = frozenset(
    {attributes.LOCALITY_NAME, attributes.JURISDICTION_LOCALITY_NAME}
)


def key(value: str) -> str:
    """Letters and digits only, casefolded, without diacritics and width differences ("" for
    a value longer than `MAX_LENGTH`)."""
    # Checked before the memo, so the memo only ever holds short strings.
    if len(value) > MAX_LENGTH:
        return ""
    return short_key(value)


_NOT_ALNUM_ASCII = bytes(b for b in range(128) if not chr(b).isalnum())


# Both word rules key the same value; the memo is bounded (2,048 short strings) and holds
# nothing of a document. Rules on the hot path call `short_key` themselves after checking the
# length (one call instead of two).
@functools.lru_cache(maxsize=2048)
def short_key(value: str) -> str:
    if value.isascii():  # the common case, without Unicode normalisation
        # Letters and digits, lowercased: in ASCII, `str.isalnum` holds for exactly the
        # bytes kept here (one C pass instead of a method call per character).
        return value.lower().encode("ascii").translate(None, _NOT_ALNUM_ASCII).decode()
    decomposed = unicodedata.normalize("NFKD", normalise.fold(value))
    return "".join(filter(str.isalnum, decomposed)).casefold()


def is_one_word(text: str) -> bool:
    """Letters and digits only: no space, no punctuation."""
    return text.isalnum()


def read_table(filename: str) -> list[dict[str, str]]:
    """The rows of `data/<filename>` (a UTF-8 CSV with a header), in file order."""
    with open(os.path.join(DATA_DIR, filename), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _decode_json(text: bytes):
    import json

    return json.loads(text.decode("utf-8"))


def json_once(filename: str, wrap, read=_decode_json):
    """A function that returns `wrap(read(<the bytes of data/<filename>>))` (by default the
    file's JSON): read on its first call (not at import: the package's import stays cheap)
    and then kept, once across threads.
    """
    kept = []
    lock = threading.Lock()

    def data():
        if not kept:
            with lock:
                if not kept:
                    # Read as bytes: a text-mode read of the 4.7 MB consistency table took
                    # twice as long as decoding and parsing it.
                    with open(os.path.join(DATA_DIR, filename), "rb") as f:
                        kept.append(wrap(read(f.read())))
        return kept[0]

    return data
