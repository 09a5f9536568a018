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
        (O, "changeme"),
        (ST, "State"),
        (L, "City"),
        (SERIAL, "0"),
        (SERIAL, "0000"),
    ],
)
def test_placeholders(oid, value):
    assert codes(p.check_placeholder, oid, value) == [p.PLACEHOLDER_VALUE]


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
        (O, "NA"),
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
