"""The whitespace rule on plain strings: leading, trailing and repeated white space."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.rules import whitespace as w

O = "2.5.4.10"


def codes(value, oid=O):
    return [h.code for h in w.check(oid, value)]


@pytest.mark.parametrize(
    "value,expected",
    [
        (" Example", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Example ", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("\u00a0Example", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Example\u3000", [w.LEADING_OR_TRAILING_WHITESPACE]),
        ("Exa  mple", [w.REPEATED_WHITESPACE]),
        (" Exa  mple ", [w.LEADING_OR_TRAILING_WHITESPACE, w.REPEATED_WHITESPACE]),
        # The tab and the zero width space are the control character rule's findings.
        ("Exa\tmple\u200b ", [w.LEADING_OR_TRAILING_WHITESPACE]),
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
        "ຄານ\u200bວນ\u200bວຽນ",
        "   ",  # white space only: stock pkilint's insignificant value finding
        "",
        "Ｅｘａｍｐｌｅ",
        # Controls at either end are the control character rule's finding.
        "Exa\tmple",
        "Example\n",
        "\x85Example",
    ],
)
def test_near_misses(value):
    assert codes(value) == []


def test_messages():
    (hit,) = w.check(O, " Example ")
    assert hit.message == (
        'organizationName value " Example " has leading and trailing white space'
    )
    (hit,) = w.check(O, "Exa  mple")
    assert (
        hit.message == 'organizationName value "Exa  mple" contains consecutive spaces'
    )


def test_country_is_not_checked():
    assert codes(" US", "2.5.4.6") == []


def test_declaration():
    r = w.check.rule
    assert r.name == "whitespace"
    assert r.codes == (w.LEADING_OR_TRAILING_WHITESPACE, w.REPEATED_WHITESPACE)
    assert [f.severity for f in r.findings] == ["WARNING", "NOTICE"]
    assert r.attributes is None and r.never == w.NOT_APPLICABLE and not r.plain


@pytest.mark.parametrize(
    "value",
    [" " * 65536, "\u200c" * 65536, "a\u200e" * 32768, "\t" * 65536, "a  " * 20000],
)
def test_hostile(value):
    codes(value)
