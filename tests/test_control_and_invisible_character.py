"""The control and invisible character rule on plain strings."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.rules import control_and_invisible_character as c

O = "2.5.4.10"


def codes(value, oid=O):
    return [h.code for h in c.check(oid, value)]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Exa\tmple", [c.CONTROL_CHARACTER]),
        ("Example\n", [c.CONTROL_CHARACTER]),
        ("Exa\x00mple", [c.CONTROL_CHARACTER]),
        ("Exa\x7fmple", [c.CONTROL_CHARACTER]),
        ("Exa\x9bmple", [c.CONTROL_CHARACTER]),
        ("Exa\u200bmple", [c.INVISIBLE_CHARACTER]),
        ("\ufeffExample", [c.INVISIBLE_CHARACTER]),
        ("Exa\u202emple", [c.INVISIBLE_CHARACTER]),
        ("Exa\u2067mple", [c.INVISIBLE_CHARACTER]),
        ("Exa\u00admple", [c.INVISIBLE_CHARACTER]),
        ("Exa\u200dmple", [c.INVISIBLE_CHARACTER]),
        ("Example\u200e", [c.INVISIBLE_CHARACTER]),
        # RIGHT-TO-LEFT MARK and ARABIC LETTER MARK are right-to-left characters
        # themselves; in a value without other right-to-left text they are still invisible.
        ("Example\u200f Ltd", [c.INVISIBLE_CHARACTER]),
        ("Example\u061c Ltd", [c.INVISIBLE_CHARACTER]),
        ("\u200f", [c.INVISIBLE_CHARACTER]),
        # The trailing space is the whitespace rule's finding.
        ("Exa\tmple\u200b ", [c.CONTROL_CHARACTER, c.INVISIBLE_CHARACTER]),
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
        "شركة\u061c مثال",  # ARABIC LETTER MARK in Arabic text
        "Example \u05d0\u200f",  # RIGHT-TO-LEFT MARK after a Hebrew letter
        "   ",  # white space only: stock pkilint's insignificant value finding
        "",
        "Ｅｘａｍｐｌｅ",
        # Visible white space is the whitespace rule's, not this one's.
        " Exa  mple ",
        "\u00a0Example",
    ],
)
def test_near_misses(value):
    assert codes(value) == []


def test_messages_escape_controls():
    (hit,) = c.check(O, "Exa\tmple")
    assert hit.message == (
        'organizationName value "Exa\\tmple" contains the control character U+0009 TAB'
    )
    (hit,) = c.check(O, "Exa\u202emple")
    assert hit.message.endswith("U+202E RIGHT-TO-LEFT OVERRIDE")


def test_country_is_not_checked():
    assert codes("U\tS", "2.5.4.6") == []


def test_declaration():
    r = c.check.rule
    assert r.name == "control_and_invisible_character"
    assert r.codes == (c.CONTROL_CHARACTER, c.INVISIBLE_CHARACTER)
    assert [f.severity for f in r.findings] == ["ERROR", "WARNING"]
    assert r.attributes is None and r.never == c.NOT_APPLICABLE and not r.plain


@pytest.mark.parametrize(
    "value",
    [" " * 65536, "\u200c" * 65536, "a\u200e" * 32768, "\t" * 65536, "a  " * 20000],
)
def test_hostile(value):
    codes(value)
