"""Family 2 on plain strings: placeholders and not-applicable words."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.rules import placeholders as p

ST, L, O, SERIAL = "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.5"
US = (("2.5.4.6", "US"),)


def codes(check, oid, value, subject=US):
    return [h.code for h in check(oid, value, subject)]


@pytest.mark.parametrize(
    "oid,value",
    [
        (ST, "Some-State"),
        (ST, "some state"),
        (ST, "SOME_STATE"),
        (ST, "Ｓｏｍｅ－Ｓｔａｔｅ"),
        (O, "Internet Widgits Pty Ltd"),
        (O, "Internet Widgits Pty. Ltd."),
        (L, "Default City"),
        (O, "Default Company Ltd"),
        (ST, "Default Province"),
        (ST, "Some State or Province"),
        (ST, "Default Region"),
        (ST, "State or Province Name (full name)"),
        (L, "Locality Name (eg, city)"),
        (O, "Your Company"),
        (L, "changeme"),
        (ST, "State"),
        (L, "City"),
    ],
)
def test_placeholders(oid, value):
    assert codes(p.check_placeholder, oid, value) == [p.PLACEHOLDER_VALUE]


EV = (("1.3.6.1.4.1.311.60.2.1.3", "US"), ("2.5.4.15", "Private Organization"))


@pytest.mark.parametrize("value", ["0", "00", "0000"])
def test_all_zero_serial_number_in_ev_subjects_only(value):
    assert codes(p.check_placeholder, SERIAL, value, EV) == [p.PLACEHOLDER_VALUE]
    assert codes(p.check_placeholder, SERIAL, value, US) == []


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
    assert codes(p.check_placeholder, oid, value) == []
    assert codes(p.check_not_applicable, oid, value) == []


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
    assert codes(p.check_not_applicable, oid, value) == [p.NOT_APPLICABLE_VALUE]


@pytest.mark.parametrize(
    "oid,value",
    [
        (O, "Default Logistics Ltd"),
        (O, "State Street Corporation"),
        (O, "State"),  # a field label only where a place belongs
        (O, "City"),
        (O, "Some State Agency"),
        (SERIAL, "0123"),
        (SERIAL, ""),
        ("2.5.4.6", "XX"),
        (O, "x" * 10000),
    ],
)
def test_not_placeholders(oid, value):
    assert codes(p.check_placeholder, oid, value) == []


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
    subject = US
    assert codes(p.check_not_applicable, oid, value, subject) == [
        p.NOT_APPLICABLE_VALUE
    ]


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
    assert codes(p.check_not_applicable, oid, value, (("2.5.4.6", country),)) == []


def test_messages():
    (hit,) = p.check_placeholder(ST, "Some-State", US)
    assert hit.message == (
        'stateOrProvinceName value "Some-State" is a placeholder (OpenSSL\'s default '
        'stateOrProvinceName: "Some-State"), not the Subject\'s information'
    )
    (hit,) = p.check_not_applicable(L, "n/a", US)
    assert hit.message == (
        'localityName value "n/a" only says that the value is absent or not applicable ("N/A")'
    )
