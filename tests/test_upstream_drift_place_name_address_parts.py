"""Upstream patch 09 (`upstream/pkilint-0.13.3-place-name-address-parts.patch`) against the
plugin rule it ports (`rules/place_name_address_parts.py`).

Patch 09 needs patch 07's `pkilint/common/place_names.py` (country names, place name keys)
and patch 08's `pkilint/common/postal_codes.py` (postal code shapes). On the shared pkilint
source with the series applied, the ported `find_address_parts` gives the plugin
rule's findings, messages included, on the rule's examples and near misses and thousands of
random place values in random subjects; the generated `pkilint/common/address_data.py` is
what `tools/build_upstream_address_data.py` writes from this repository's CSV files. A
change to one side only fails here. Skips without the source archive (fails under
SEMANTIC_DN_REQUIRE_CORPORA=1, as CI sets), like `tests/test_upstream_series.py`.

One deliberate difference is kept out of the random subjects: with several postalCode values
of which one's words begin another's (`AB 12` and `AB 12 CD`), the plugin tries them in the
order of a set (which varies between processes) and the port in the subject's order.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

import build_upstream_address_data as builder
from upstream_port import load_common, patched_tree
from pkilint_semantic_dn.core import attributes, registry
from pkilint_semantic_dn.rules import place_name_address_parts as rule

MODULES = (
    "dn_string",
    "place_names",
    "postal_code_data",
    "postal_codes",
    "address_data",
    "address_parts",
)

# the plugin's codes -> the kinds of pkilint/common/address_parts.py
KINDS = {
    rule.POSTAL_CODE_IN_PLACE_NAME: "postal_code_in_place_name",
    rule.STREET_ADDRESS_IN_PLACE_NAME: "street_address_in_place_name",
    rule.JOINED_PLACE_NAMES: "joined_place_names",
}

C, ST, L = (
    attributes.COUNTRY_NAME,
    attributes.STATE_OR_PROVINCE_NAME,
    attributes.LOCALITY_NAME,
)
JC = attributes.JURISDICTION_COUNTRY_NAME
JST = attributes.JURISDICTION_STATE_OR_PROVINCE_NAME
JL = attributes.JURISDICTION_LOCALITY_NAME
POSTAL, STREET = attributes.POSTAL_CODE, attributes.STREET_ADDRESS


@pytest.fixture(scope="module")
def patched_source(tmp_path_factory) -> Path:
    return patched_tree(tmp_path_factory, "upstream-address-parts")


@pytest.fixture
def port(monkeypatch, patched_source):
    """The patched tree's pkilint/common modules; returns address_parts."""
    return load_common(monkeypatch, patched_source, MODULES)


def compare(port, cases) -> int:
    """Asserts that the port's findings are the rule's on every (type, value, subject);
    returns how many cases have a finding."""
    reported = 0
    for oid, value, subject in cases:
        ours = [(KINDS[h.code], h.message) for h in rule.check(oid, value, subject)]
        theirs = [
            (f.kind, f.message)
            for f in port.find_address_parts(
                oid, value, lambda o: [v for t, v in subject if t == o]
            )
        ]
        assert theirs == ours, (oid, value, subject)
        reported += bool(ours)
    return reported


_KEYWORDS = {"C": C, "ST": ST, "L": L}


def _examples():
    """The rule's examples and near misses: `L=Chiyoda-ku, Tokyo (ST=Tokyo)`."""
    (texts,) = [
        r.examples + r.near_misses
        for r in registry.rules()
        if r.name == "place_name_address_parts"
    ]
    cases = []
    for text in texts:
        match = re.fullmatch(r"(ST|L)=(.*?)(?: \(((?:ST|L|C)=.*)\))?", text)
        keyword, value, context = match.groups()
        subject = [
            (_KEYWORDS[k], v)
            for k, v in (p.split("=", 1) for p in (context or "").split(", ") if p)
        ]
        cases.append(
            (_KEYWORDS[keyword], value, [*subject, (_KEYWORDS[keyword], value)])
        )
    return cases


# pieces of place values: postal codes of several national shapes, house numbers, street
# words of each kind, unit and box words, Japanese block numbers and markers, separators
# (fullwidth and ideographic ones too), years, names with commas, the subjects' own values
_PIECES = (
    "Tokyo", "Chiyoda-ku", "Mountain View", "Bristol", "City of", "Japan", "JP", "United States",
    "Washington", "D.C.", "Madrid", "Comunidad de", "Kingston upon Hull", ",", ", ", ";", "、",
    "，", " ", " ", " ", "100-0001", "94043", "CA", "SW1A", "1AA", "K1A", "0B1", "D02", "X285",
    "114", "55", "3707BK", "D-80331", "1600", "Amphitheatre", "Parkway", "Street", "St.",
    "Straße", "Hauptstraße", "Kalverstraat", "rue", "de", "Rivoli", "Via", "Roma", "Calle",
    "1", "5", "12a", "12-14", "Suite", "PO", "Box", "Postfach", "#12", "1-2-3", "4丁目",
    "2番地", "8号", "十", "番", "丁目", "1812", "of", "Febrero", "(", ")", "Ｔｏｋｙｏ", "ABC",
    "12", "Marktplatz", "〒", "No.", "Margate", "Dr.",
)  # fmt: skip
_PLACE_VALUES = (
    "Tokyo",
    "Bristol",
    "Mountain View",
    "Chiyoda-ku",
    "",
    "Japan",
    "Madrid",
)
# no two of which have word lists where one begins the other (see the module docstring)
_POSTAL_CODES = ("100-0001", "ABC 12", "94043", "K1A 0B1", "", "x" * 41)
_STREETS = ("1600 Amphitheatre Parkway", "Marktplatz", "Via Roma 1")
_COUNTRIES = ("JP", "GB", "US", "ES", "jp ", "XX", "")


def _random_cases(n: int, seed: int = 9):
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        oid = rnd.choice((L, L, ST, ST, JL, JST))
        value = "".join(rnd.choices(_PIECES, k=rnd.randint(1, 7)))
        subject = [(oid, value)]
        for other, choices, most in (
            (C, _COUNTRIES, 1),
            (JC, _COUNTRIES, 1),
            (ST, _PLACE_VALUES, 2),
            (L, _PLACE_VALUES, 2),
            (JST, _PLACE_VALUES, 1),
            (JL, _PLACE_VALUES, 1),
            (POSTAL, _POSTAL_CODES, 2),
            (STREET, _STREETS, 1),
        ):
            for v in rnd.sample(choices, rnd.randint(0, most)):
                subject.append((other, v))
        rnd.shuffle(subject)
        cases.append((oid, value, subject))
    return cases


def _render_shape(rnd, shape: str) -> str:
    """A word of the shape (`AA9A` -> `SW1A`), at times with one character changed."""
    out = [
        (
            rnd.choice("0123456789")
            if c == "9"
            else (
                rnd.choice("ABCDEFGHKLMNPRSTVWXY")
                if c == "A"
                else rnd.choice("abcdefgh") if c == "a" else c
            )
        )
        for c in shape
    ]
    if out and rnd.random() < 0.2:
        out[rnd.randrange(len(out))] = rnd.choice("0aA-.")
    return "".join(out)


def _street_cases(n: int, seed: int = 11):
    """Place values built from address words: house numbers, street names, street type
    words of every kind in the plugin's table (whole and compound), unit and box words, postal
    codes of every shape the plugin knows (and near shapes), Eircodes, years."""
    rnd = random.Random(seed)
    words = sorted(
        rule._SUFFIX_TYPES
        | rule._AMBIGUOUS_ABBREVIATIONS
        | rule._PREFIX_TYPES
        | rule._NUMBER_WORDS
    )
    one = sorted(rule.postal._ONE_TOKEN_POSTAL)
    two = sorted(rule.postal._TWO_TOKEN_POSTAL)

    def piece():
        kind = rnd.randrange(9)
        if kind == 0:
            return rnd.choice(
                ("1", "5", "12a", "1600", "12-14", "123456", "1.", "#12", "1-2-3")
            )
        if kind == 1:
            return rnd.choice(
                ("Main", "Amphitheatre", "Baker", "Haupt", "Roma", "de", "of")
            )
        if kind == 2:
            word = rnd.choice(words)
            return rnd.choice((word, word.title(), word.upper(), word + "."))
        if kind == 3:
            stem = rnd.choice(("Haupt", "Kalver", "Ab", "Drottning", ""))
            return stem + rnd.choice(rule._COMPOUND_SUFFIXES)
        if kind == 4:
            return _render_shape(rnd, rnd.choice(one))
        if kind == 5:
            first, second = rnd.choice(two)
            return _render_shape(rnd, first) + " " + _render_shape(rnd, second)
        if kind == 6:
            return (
                rnd.choice(("D02", "D6W", "A65", "d02"))
                + " "
                + rnd.choice(("X285", "x285", "XXXX", "1234", "F4A2", "AB1"))
            )
        if kind == 7:
            return rnd.choice(("1812", "1999", "2024"))
        return rnd.choice(("Tokyo", "Mountain View", "No.", "Box", "PO", "Suite"))

    cases = []
    for _ in range(n):
        parts = [
            " ".join(piece() for _ in range(rnd.randint(1, 4)))
            for _ in range(rnd.choice((1, 1, 2)))
        ]
        value = ", ".join(parts)
        oid = rnd.choice((L, ST, JL, JST))
        cases.append((oid, value, [(oid, value), (ST if oid == L else L, "Tokyo")]))
    return cases


def test_address_words_give_the_same_findings(port):
    cases = _street_cases(5000)
    reported = compare(port, cases)
    assert 1500 < reported < 4900


def test_the_rule_examples_and_near_misses_give_the_same_findings(port):
    cases = _examples()
    assert len(cases) == 10
    assert compare(port, cases) == 5


def test_random_values_give_the_same_findings(port):
    cases = _random_cases(4000)
    reported = compare(port, cases)
    assert 600 < reported < 3500
    kinds = {KINDS[h.code] for oid, v, s in cases for h in rule.check(oid, v, s)}
    assert kinds == set(KINDS.values())


def test_joined_values_give_the_same_findings(port):
    # comma-separated parts of which one is the counterpart, with and without the country
    rnd = random.Random(10)
    cases = []
    for _ in range(1500):
        oid, counterpart, country = rnd.choice(((L, ST, C), (ST, L, C), (JL, JST, JC)))
        other = rnd.choice(_PLACE_VALUES[:4] + ("Tokyo 100-0001", "東京都"))
        parts = [other] + rnd.sample(
            (
                "Chiyoda-ku",
                "Japan",
                "日本",
                "JP",
                "Nippon",
                "City of",
                "1-2-3",
                "Box 1",
                "X",
            ),
            rnd.randint(1, 3),
        )
        rnd.shuffle(parts)
        value = rnd.choice((", ", ",", "; ", "、")).join(parts)
        subject = [
            (oid, value),
            (counterpart, other.split(" 1")[0]),
            (country, rnd.choice(("JP", "GB", "", "XX"))),
        ]
        cases.append((oid, value, subject))
    assert compare(port, cases) > 900


def test_long_values_give_the_same_findings(port):
    cases = [
        (L, "1 " * 600 + "Street", []),
        (L, ", ".join(["Tokyo"] * 50), [(ST, "Tokyo")]),
        (ST, "Tokyo 100-0001 " * 80, [(L, "Tokyo")]),
        (L, "x" * 1030 + ", 94043", []),
        (L, "番" * 200 + "1番", []),
        (L, "Springfield " + "ABC 12 " * 40, [(POSTAL, "ABC 12")]),
    ]
    compare(port, cases)


def test_the_generated_data_module_is_what_the_tool_writes(patched_source):
    module = patched_source / builder.MODULE
    assert module.read_text(encoding="utf-8") == builder.render()


def test_the_ported_word_tables_are_the_plugins(port):
    assert port.NAMES_WITH_COMMAS == rule.NAMES_WITH_COMMAS
    assert port._SUFFIX_TYPES == rule._SUFFIX_TYPES
    assert port._AMBIGUOUS_ABBREVIATIONS == rule._AMBIGUOUS_ABBREVIATIONS
    assert set(port._COMPOUND_SUFFIXES) == set(rule._COMPOUND_SUFFIXES)
    assert port._PREFIX_TYPES == rule._PREFIX_TYPES
    assert port._NUMBER_WORDS == rule._NUMBER_WORDS
    assert port.COUNTERPART_ATTRIBUTE_TYPES == rule.COUNTERPART
    assert port.MAX_COMPONENTS == rule._MAX_COMPONENTS
    postal = sys.modules["pkilint.common.postal_codes"]
    assert postal.ONE_WORD_POSTAL_CODE_SHAPES == rule.postal._ONE_TOKEN_POSTAL
    assert postal.TWO_WORD_POSTAL_CODE_SHAPES == rule.postal._TWO_TOKEN_POSTAL
    assert postal.MAX_TOKEN_LENGTH == rule.postal.MAX_TOKEN
