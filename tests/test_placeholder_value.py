"""placeholder_value on plain strings: tool defaults, templates, prompts, all-zero EV serials."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import placeholder_value as p

ST, L, O, SERIAL = "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.5"
US = (("2.5.4.6", "US"),)
EV = (("1.3.6.1.4.1.311.60.2.1.3", "US"), ("2.5.4.15", "Private Organization"))


def codes(oid, value, subject=US):
    return [h.code for h in p.check(oid, value, subject)]


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
    assert codes(oid, value) == [p.PLACEHOLDER_VALUE]


@pytest.mark.parametrize("value", ["0", "00", "0000"])
def test_all_zero_serial_number_in_ev_subjects_only(value):
    assert codes(SERIAL, value, EV) == [p.PLACEHOLDER_VALUE]
    assert codes(SERIAL, value, US) == []
    # The EV test is a fact of the subject: a Subject and its plain pairs agree.
    assert codes(SERIAL, value, Subject(EV)) == [p.PLACEHOLDER_VALUE]


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
    assert codes(oid, value) == []


def test_template_syntax_is_left_to_the_leak_rule():
    assert codes(ST, "${Some-State}") == []
    assert codes(O, "<Company Name>") == []


def test_messages():
    (hit,) = p.check(ST, "Some-State", US)
    assert hit.message == (
        'stateOrProvinceName value "Some-State" is a placeholder (OpenSSL\'s default '
        'stateOrProvinceName: "Some-State"), not the Subject\'s information'
    )
    (hit,) = p.check(SERIAL, "00", EV)
    assert (
        hit.message == 'serialNumber value "00" is all zeros, not a registration number'
    )


def test_declaration():
    declared = p.check.rule
    assert declared.name == "placeholder_value"
    assert declared.code == p.PLACEHOLDER_VALUE
    assert declared.findings[0].severity == "ERROR"
    assert declared.never == p.NOT_APPLICABLE
    assert declared.attributes is None and declared.plain
