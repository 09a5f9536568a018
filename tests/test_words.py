"""core.words: the whole-value key and the word tables under pkilint_semantic_dn/data/."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.core import words
from pkilint_semantic_dn.rules import not_applicable_value as n
from pkilint_semantic_dn.rules import placeholder_value as p


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Some-State", "somestate"),
        ("some state", "somestate"),
        ("SOME_STATE", "somestate"),
        ("Ｓｏｍｅ－Ｓｔａｔｅ", "somestate"),
        ("Néant", "neant"),
        ("k.A.", "ka"),
        ("該当なし", "該当なし"),
        ("-", ""),
        ("x" * 80, "x" * 80),
        ("x" * 81, ""),  # too long to be a word of the tables
    ],
)
def test_key(value, expected):
    assert words.key(value) == expected


def test_placeholder_table():
    rows = words.read_table("placeholder_values.csv")
    assert rows[0] == {
        "value": "Some-State",
        "why": "OpenSSL's default stateOrProvinceName",
        "attributes": "any",
        "source": "OpenSSL openssl.cnf default",
    }
    assert {r["attributes"] for r in rows} == {"any", "place"}
    assert all(r["value"] and r["why"] and r["source"] for r in rows)
    assert len(p.PLACEHOLDERS) == 52 and len(p.GEOGRAPHIC_PLACEHOLDERS) == 6
    assert p.PLACEHOLDERS["localitynameegcity"] == (
        "Locality Name (eg, city)",
        "an OpenSSL prompt",
    )
    assert set(p.GEOGRAPHIC_PLACEHOLDERS) == {
        "city",
        "state",
        "province",
        "stateprovince",
        "locality",
        "town",
    }


def test_not_applicable_table():
    rows = words.read_table("not_applicable_words.csv")
    assert len(rows) == 67
    assert all(r["word"] and words.key(r["word"]) for r in rows)
    assert all(r["language"] for r in rows)
    assert {r["also_a_town"] for r in rows} <= {"", "yes"}
    assert {r["never_a_name"] for r in rows} <= {"", "yes"}
    assert len(n.NOT_APPLICABLE_WORDS) == 61
    assert n.NOT_APPLICABLE_WORDS["na"] == "N/A"  # the first spelling is quoted
    assert n._PUNCTUATED_ONLY == {"ka", "nd", "nvt", "sd", "so"}
    assert n._NEVER_NAMES == {"unknown", "undefined", "unspecified"}
    assert len(n._ALSO_TOWN_NAMES) == 14 and "neant" in n._ALSO_TOWN_NAMES


def test_the_key_of_an_ascii_value_is_its_letters_and_digits_lowercased():
    # The ASCII path deletes bytes instead of testing each character: every string of up
    # to two ASCII characters, and the words of the tables' near misses.
    import itertools

    def by_definition(value):
        return "".join(c for c in value if c.isalnum()).lower()

    alphabet = [chr(c) for c in range(0x80)]
    for n in range(3):
        for chars in itertools.product(alphabet, repeat=n):
            value = "".join(chars)
            assert words.short_key.__wrapped__(value) == by_definition(value), repr(
                value
            )
    for value in ("N/A", "n.a.", "-none-", "Some-State", "Default City", "AT&T Inc."):
        assert words.short_key(value) == by_definition(value)
