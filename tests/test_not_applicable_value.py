"""not_applicable_value on plain strings: words that only say "absent" or "not applicable"."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import not_applicable_value as n

ST, L, O = "2.5.4.8", "2.5.4.7", "2.5.4.10"
US = (("2.5.4.6", "US"),)


def codes(oid, value, subject=US):
    return [h.code for h in n.check(oid, value, subject)]


@pytest.mark.parametrize(
    "oid,value",
    [
        ("2.5.4.4", "Na"),  # Korean surname
        ("2.5.4.4", "Null"),
        ("2.5.4.42", "Nil"),  # Turkish given name
        ("2.5.4.42", "Nan"),
        ("2.5.4.3", "Na"),
        ("2.5.4.11", "NA"),  # North America
        (O, "TBC"),  # a bank
        (O, "Default"),
        (O, "Placeholder"),
        (O, "XXXX"),
        (O, "Qwerty"),
    ],
)
def test_one_word_names_are_not_flagged(oid, value):
    assert codes(oid, value) == []


@pytest.mark.parametrize(
    "oid,value",
    [
        ("2.5.4.4", "n/a"),
        ("2.5.4.42", "-none-"),
        (O, "N/A"),
        (O, "Unknown"),
        (O, "not applicable"),
    ],
)
def test_unmistakable_forms_in_name_attributes(oid, value):
    assert codes(oid, value) == [n.NOT_APPLICABLE_VALUE]


@pytest.mark.parametrize(
    "oid,value",
    [
        (ST, "N/A"),
        (ST, "n.a."),
        (L, "NA"),
        (ST, "null"),
        (ST, "NULL"),
        (L, "-none-"),
        (L, "Unknown"),
        (ST, "TBD"),
        (ST, "not applicable"),
        (L, "k.A."),
        (ST, "néant"),
        (L, "-none-"),
        (L, "s/o"),
        (L, "该当なし".replace("该", "該")),
        (ST, "无"),
        (O, "N/A"),
        (O, "s/d"),
    ],
)
def test_not_applicable_words(oid, value):
    assert codes(oid, value) == [n.NOT_APPLICABLE_VALUE]


@pytest.mark.parametrize(
    "oid,value,country",
    [
        (ST, "NA", "ES"),  # Navarra
        (ST, "KA", "IN"),  # Karnataka
        (ST, "SD", "US"),  # South Dakota
        (ST, "SO", "CH"),  # Solothurn
        (L, "None", "IT"),  # a comune in Piedmont
        ("1.3.6.1.4.1.311.60.2.1.1", "None", "IT"),
        (L, "Ninguno", "MX"),  # towns named like the words
        (L, "Néant", "FR"),
        (L, "Nan", "CN"),
        (L, "So", "BJ"),  # `s/o` needs its slash
        (ST, "SD", "DE"),
        (L, "Nan", "TH"),
        (ST, "Nan", "TH"),
        (O, "Bank of America, N.A.", "US"),
        (O, "Unknown Worlds Entertainment", "US"),
        (ST, "-", "US"),  # punctuation only: stock pkilint reports it
        (ST, "Nanjing", "CN"),
    ],
)
def test_not_applicable_near_misses(oid, value, country):
    assert codes(oid, value, (("2.5.4.6", country),)) == []


def test_subdivision_of_the_jurisdiction_country():
    # Both countryName and jurisdictionCountryName are the subject's countries.
    subject = Subject((("2.5.4.6", "US"), ("1.3.6.1.4.1.311.60.2.1.3", "ES")))
    assert codes("1.3.6.1.4.1.311.60.2.1.2", "NA", subject) == []
    assert codes("1.3.6.1.4.1.311.60.2.1.2", "NA", US) == [n.NOT_APPLICABLE_VALUE]


def test_messages():
    (hit,) = n.check(L, "n/a", US)
    assert hit.message == (
        'localityName value "n/a" only says that the value is absent or not applicable ("N/A")'
    )


def test_declaration():
    declared = n.check.rule
    assert declared.name == "not_applicable_value"
    assert declared.code == n.NOT_APPLICABLE_VALUE
    assert declared.findings[0].severity == "ERROR"
    assert declared.never == n.NOT_APPLICABLE
    assert declared.attributes is None and declared.plain
