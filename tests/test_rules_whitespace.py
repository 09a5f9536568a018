"""Family 6 on plain strings: white space, control and invisible characters."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.rules import whitespace as w

O = "2.5.4.10"


def codes(value, oid=O):
    return [h.code for h in w.check_characters(oid, value)] + [
        h.code for h in w.check_spacing(oid, value)
    ]


@pytest.mark.parametrize(
    "value,expected",
    [
        (" Example", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Example ", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("\u00a0Example", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Example\u3000", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Exa  mple", [w.REPEATED_WHITESPACE]),
        (" Exa  mple ", [w.LEADING_OR_TRAILING_WHITESPACE, w.REPEATED_WHITESPACE]),
        ("Exa\tmple", [w.CONTROL_CHARACTER]),
        ("Example\n", [w.CONTROL_CHARACTER]),
        ("Exa\x00mple", [w.CONTROL_CHARACTER]),
        ("Exa\x7fmple", [w.CONTROL_CHARACTER]),
        ("Exa\x9bmple", [w.CONTROL_CHARACTER]),
        ("Exa\u200bmple", [w.INVISIBLE_CHARACTER]),
        ("\ufeffExample", [w.INVISIBLE_CHARACTER]),
        ("Exa\u202emple", [w.INVISIBLE_CHARACTER]),
        ("Exa\u2067mple", [w.INVISIBLE_CHARACTER]),
        ("Exa\u00admple", [w.INVISIBLE_CHARACTER]),
        ("Exa\u200dmple", [w.INVISIBLE_CHARACTER]),
        ("Example\u200e", [w.INVISIBLE_CHARACTER]),
        (
            "Exa\tmple\u200b ",
            [
                w.CONTROL_CHARACTER,
                w.INVISIBLE_CHARACTER,
                w.LEADING_OR_TRAILING_WHITESPACE,
            ],
        ),
    ],
)
def test_violations(value, expected):
    assert codes(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Example Corporation",
        "株式会社\u3000サンプル",
        "نرم\u200cافزار",
        "क्\u200dष",
        "חברה\u200f",
        "ຄານ\u200bວນ\u200bວຽນ",  # Lao words separated by ZERO WIDTH SPACE
        "ཏེ་ཧི་རན\u200b།",  # Tibetan
        "שלום\u200e world",  # a mark in mixed right-to-left text
        "   ",  # white space only: stock pkilint's insignificant value finding
        "",
        "Ｅｘａｍｐｌｅ",
    ],
)
def test_near_misses(value):
    assert codes(value) == []


def test_messages_escape_controls():
    (hit,) = w.check_characters(O, "Exa\tmple")
    assert hit.message == (
        'organizationName value "Exa\\tmple" contains the control character U+0009 TAB'
    )
    (hit,) = w.check_characters(O, "Exa\u202emple")
    assert hit.message.endswith("U+202E RIGHT-TO-LEFT OVERRIDE")


def test_country_is_not_checked():
    assert codes(" US", "2.5.4.6") == []


@pytest.mark.parametrize(
    "value",
    [" " * 65536, "\u200c" * 65536, "a\u200e" * 32768, "\t" * 65536, "a  " * 20000],
)
def test_hostile(value):
    codes(value)
