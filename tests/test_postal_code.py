"""The postal code rule on plain strings: exact outcomes, near misses, hostile input, one
computation of the subject's facts per subject."""

from __future__ import annotations


import pytest

from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import postal_code as pc

L, ST, PC = a.LOCALITY_NAME, a.STATE_OR_PROVINCE_NAME, a.POSTAL_CODE
JURL, JURST = a.JURISDICTION_LOCALITY_NAME, a.JURISDICTION_STATE_OR_PROVINCE_NAME

PLACE_IN_POSTAL = pc.PLACE_NAME_IN_POSTAL_CODE
PREFIX = pc.COUNTRY_PREFIX_IN_POSTAL_CODE

_KEYS = {
    "C": a.COUNTRY_NAME,
    "ST": ST,
    "L": L,
    "PC": PC,
    "STREET": a.STREET_ADDRESS,
    "JURST": JURST,
    "JURL": JURL,
}


def subject(**values):
    return [(_KEYS[k], v) for k, v in values.items()]


def codes(oid, value, **context):
    return [h.code for h in pc.check(oid, value, subject(**context))]


def counting(function):
    """`function`, counting its calls in `.calls`."""

    def counted(*args):
        counted.calls += 1
        return function(*args)

    counted.calls = 0
    return counted


@pytest.mark.parametrize(
    "value, context, expected",
    [
        ("1260 Nyon", dict(C="CH", L="Nyon"), [PLACE_IN_POSTAL]),
        ("6300 Zug", dict(C="CH"), [PLACE_IN_POSTAL]),
        ("6300 ZUG", dict(C="CH", L="Zug"), [PLACE_IN_POSTAL]),
        ("Tokyo 100-0001", dict(C="JP", ST="Tokyo"), [PLACE_IN_POSTAL]),
        ("100-0001 東京都", dict(C="JP"), [PLACE_IN_POSTAL]),
        ("CA 94043", dict(C="US", ST="California"), [PLACE_IN_POSTAL]),
        ("Singapore 018956", dict(C="SG"), [PLACE_IN_POSTAL]),
        ("NLD-3707BK", dict(C="NL"), [PREFIX]),
        ("NL-3707 BK", dict(C="NL"), [PREFIX]),
        ("D-80331", dict(C="DE"), [PREFIX]),
        ("DE-80331", dict(C="DE"), [PREFIX]),
        ("CH-1260", dict(C="CH"), [PREFIX]),
        ("SE-114 55", dict(C="SE"), [PREFIX]),
        ("S-114 55", dict(C="SE"), [PREFIX]),
        ("FIN-00100", dict(C="FI"), [PREFIX]),
        ("USA 94043", dict(C="US"), [PREFIX]),
        ("CH-1260 Nyon", dict(C="CH", L="Nyon"), [PREFIX, PLACE_IN_POSTAL]),
    ],
)
def test_violations(value, context, expected):
    assert codes(PC, value, **context) == expected


@pytest.mark.parametrize(
    "value, country",
    [
        ("SW1A 1AA", "GB"),
        ("EC1A 1BB", "GB"),
        ("K1A 0B1", "CA"),
        ("K1A0B1", "CA"),
        ("100-0001", "JP"),
        ("〒100-0001", "JP"),
        ("94043", "US"),
        ("94043-1351", "US"),
        ("1010", "AT"),
        ("D02 X285", "IE"),
        ("D6W XY12", "IE"),
        ("AD500", "AD"),
        ("LV-1050", "LV"),
        ("LT-01100", "LT"),
        ("MD-2001", "MD"),
        ("AZ 1000", "AZ"),
        ("AZ1000", "AZ"),
        ("BB11000", "BB"),
        ("KY1-1100", "KY"),
        ("VC0100", "VC"),
        ("VG1110", "VG"),
        ("AI-2640", "AI"),
        ("MSR 1110", "MS"),
        ("EC170150", "EC"),
        ("L-4002", "LU"),
        ("JE2 3AB", "JE"),
        ("IM1 1AA", "IM"),
        ("GY1 1AA", "GG"),
        ("GX11 1AA", "GI"),
        ("FIQQ 1ZZ", "FK"),
        ("VLT 1117", "MT"),
        ("BS8811", "BN"),
        ("C1425DKT", "AR"),
        ("3707 BK", "NL"),
        ("3707BK", "NL"),
        ("114 55", "SE"),
        ("00-950", "PL"),
        ("1000-001", "PT"),
        ("01310-100", "BR"),
        ("110001", "IN"),
        ("HM 12", "BM"),
        ("BFPO 123", "GB"),
        ("75008 CEDEX", "FR"),
        ("1260", "CH"),
        ("1260", ""),
        ("NLD-3707BK", ""),  # no countryName: no prefix judgement
    ],
)
def test_near_misses(value, country):
    context = dict(C=country) if country else {}
    assert codes(PC, value, **context) == []


def test_messages_quote_the_value_and_the_evidence():
    (hit,) = pc.check(PC, "1260 Nyon", subject(C="CH", L="Nyon"))
    assert hit.message == (
        'postalCode value "1260 Nyon" contains "Nyon" (the subject\'s localityName) '
        "besides the postal code"
    )
    (hit,) = pc.check(PC, "NLD-3707BK", subject(C="NL"))
    assert hit.message == (
        'postalCode value "NLD-3707BK" starts with "NLD-", a code of the subject\'s country '
        'NL; the postal code is "3707BK"'
    )
    (hit,) = pc.check(PC, "CA 94043", subject(C="US"))
    assert "(postal codes of US are digits only)" in hit.message


def test_other_attributes_are_not_read():
    for oid in (
        a.ORGANIZATION_NAME,
        a.COMMON_NAME,
        a.STREET_ADDRESS,
        a.COUNTRY_NAME,
        L,
        ST,
    ):
        assert pc.check(oid, "CH-1260 Nyon", subject(C="CH", L="Nyon")) == []


def test_country_tables():
    assert pc.COUNTRY_MARKERS["DE"] == {"DE", "DEU", "D"}
    assert pc.COUNTRY_MARKERS["NL"] == {"NL", "NLD"}
    assert len(pc.COUNTRY_MARKERS) == 249
    assert pc.OFFICIAL_PREFIXES["MS"] == {"MSR"} and "DE" not in pc.OFFICIAL_PREFIXES
    assert "US" in pc.DIGITS_ONLY and "GB" not in pc.DIGITS_ONLY


def test_declaration():
    r = pc.check.rule
    assert r.name == "postal_code"
    assert r.codes == (PLACE_IN_POSTAL, PREFIX)
    assert {f.severity for f in r.findings} == {"NOTICE"}
    assert r.attributes == frozenset({PC})


def test_subject_facts_are_computed_once_per_subject(monkeypatch):
    # 20,000 alternating postalCode and L attributes: the subject's country and the keys of
    # its place values are worked out once, not once per attribute (O(n^2) for the subject).
    facts = counting(pc._subject_facts)
    monkeypatch.setattr(pc, "_subject_facts", facts)
    pairs = [(a.COUNTRY_NAME, "CH"), (ST, "Zug")]
    for _ in range(10_000):
        pairs += [(PC, "6300 Zug"), (L, "Zug")]
    whole = Subject(pairs)
    found = [[h.code for h in pc.check(oid, value, whole)] for oid, value in whole]
    assert found.count([PLACE_IN_POSTAL]) == 10_000
    assert found.count([]) == len(pairs) - 10_000
    assert facts.calls == 1


KIB64 = 64 * 1024
HOSTILE = {
    "commas_and_spaces": ", " * (KIB64 // 2),
    "digits": "1" * KIB64,
    "digit_tokens": "1234 " * (KIB64 // 5),
    "hyphens_and_digits": "1-" * (KIB64 // 2),
    "street_words": "1 Main St " * (KIB64 // 10),
    "cjk_markers": "4丁目" * (KIB64 // 3),
    "letters": "Nyon " * (KIB64 // 5),
    "prefixes": "NLD-" * (KIB64 // 4),
    "separators": ",;、" * (KIB64 // 3),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_cheap_and_bounded(name):
    value = HOSTILE[name]
    context = subject(C="CH", ST=value, L=value, PC=value, STREET=value)
    hits = pc.check(PC, value, context)
    for hit in hits:
        assert hit.code in pc.check.rule.codes
        assert len(hit.message) < 1000
    # A generous bound: the rules read at most 1 KiB of a value (milliseconds); anything
    # quadratic in 64 KiB would take seconds.


def test_fullwidth_forms_are_read_as_their_ascii_letters_and_digits():
    # NFKC first: the fullwidth town is the subject's localityName, the fullwidth prefix
    # its country's code.
    (hit,) = pc.check(PC, "１２６０ Ｎｙｏｎ", subject(C="CH", L="Nyon"))
    assert hit.message == (
        'postalCode value "１２６０ Ｎｙｏｎ" contains "Nyon" (the subject\'s localityName) '
        "besides the postal code"
    )
    assert codes(PC, "ＣＨ-１２６０", C="CH") == [PREFIX]
    assert codes(PC, "８００１", C="CH") == []
