"""Upstream patch 08 (`upstream/pkilint-0.13.3-postal-code.patch`) against the plugin rule it
ports (`rules/postal_code.py`).

On the shared pkilint source with the series applied, the pure module
`pkilint/common/postal_codes.py` gives the
plugin rule's findings, messages included, on the rule's examples and near misses and on
thousands of random postalCode values in random subjects; its generated `pkilint/common/postal_code_data.py` is exactly what
`tools/build_upstream_postal_data.py` writes from this repository's CSV files, and the country
facts derived from it are the plugin's. A change to one side only fails here. Skips without
the source archive (fails under SEMANTIC_DN_REQUIRE_CORPORA=1, as CI sets), like
`tests/test_upstream_series.py`.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

import build_upstream_postal_data as builder
from upstream_port import load_common, patched_tree
from pkilint_semantic_dn.core import registry
from pkilint_semantic_dn.rules import postal_code as rule

# the plugin's codes -> the kinds of pkilint/common/postal_codes.py
KINDS = {
    rule.PLACE_NAME_IN_POSTAL_CODE: "place_name_in_postal_code",
    rule.COUNTRY_PREFIX_IN_POSTAL_CODE: "country_prefix_in_postal_code",
}

COUNTRY, LOCALITY, STATE, POSTAL_CODE = "2.5.4.6", "2.5.4.7", "2.5.4.8", "2.5.4.17"


@pytest.fixture(scope="module")
def patched_source(tmp_path_factory) -> Path:
    return patched_tree(tmp_path_factory, "upstream-postal-code")


MODULES = ("dn_string", "postal_code_data", "postal_codes")


@pytest.fixture
def port(monkeypatch, patched_source):
    return load_common(monkeypatch, patched_source, MODULES)


# pieces of postalCode values: codes of several national shapes, country codes and signs,
# place names (the subjects' own among them), postal line words, punctuation, fullwidth and
# non-ASCII letters, the Japanese postal mark
_PIECES = (
    "1260", "80331", "100-0001", "94043", "3707BK", "SW1A", "1AA", "K1A", "0B1", "D02",
    "X285", "VLT", "1117", "500", "1234", "00100", "Nyon", "nyon", "NYON", "Tokyo",
    "München", "Ｎｙｏｎ", "１２６０", "CA", "NL", "NLD", "D", "DE", "DEU", "CH", "FIN", "FL",
    "LV", "AD", "L", "MSR", "Vlt", "Ab", "ab", "Öz", "ß", "CEDEX", "cedex", "BFPO", "FIQQ",
    "1ZZ", "〒", "-", " ", "  ", ",", ".", "(", ")", "'", "\t", "Box", "Chiyoda-ku",
)  # fmt: skip
_COUNTRIES = (
    "CH", "US", "NL", "DE", "FI", "LI", "LV", "AD", "LU", "GB", "JP", "FR", "MT", "IE",
    "MS", "nl", " de ", "XX", "", None,
)  # fmt: skip
_PLACES = (
    "Nyon",
    "nyon ",
    "Tokyo",
    "München",
    "CA",
    "Vlt",
    "Chiyoda-ku",
    "AB",
    "",
    None,
)


def _examples() -> list[tuple[str, list[tuple[str, str]]]]:
    """The rule's examples and near misses: `postalCode=1260 Nyon (C=CH, L=Nyon)`."""
    (texts,) = [
        r.examples + r.near_misses for r in registry.rules() if r.name == "postal_code"
    ]
    keywords = {"C": COUNTRY, "L": LOCALITY, "ST": STATE}
    found = []
    for text in texts:
        match = re.fullmatch(r"postalCode=(.*?)(?: \((.*)\))?", text)
        value, context = match.group(1), match.group(2) or ""
        subject = [
            (keywords[k], v)
            for k, v in (p.split("=", 1) for p in context.split(", ") if p)
        ]
        found.append((value, [*subject, (POSTAL_CODE, value)]))
    return found


def _random_cases(n: int, seed: int = 8):
    rnd = random.Random(seed)
    cases = []
    for _ in range(n):
        value = "".join(rnd.choices(_PIECES, k=rnd.randint(1, 6)))
        subject = []
        for oid, choices in (
            (COUNTRY, _COUNTRIES),
            (LOCALITY, _PLACES),
            (STATE, _PLACES),
        ):
            for _ in range(rnd.choice((1, 1, 1, 2))):
                v = rnd.choice(choices)
                if v is not None:
                    subject.append((oid, v))
        subject.append((POSTAL_CODE, value))
        rnd.shuffle(subject)
        cases.append((value, subject))
    return cases


_CODES = (
    "80331",
    "8001",
    "1050",
    "3707BK",
    "3707 BK",
    "00100",
    "500",
    "1AA",
    "K1A 0B1",
)
_WORDS = (
    "",
    " Nyon",
    " München",
    " nyon",
    " CEDEX",
    " AB",
    " ab",
    ", Tokyo",
    " D",
    " CH",
)


def _prefixed_cases(n: int, seed: int = 9):
    """Values in the shape of the findings: a country's code or sign, a separator, a postal
    code and perhaps words (`D-80331 München`), under that country or another."""
    rnd = random.Random(seed)
    countries = sorted(rule.COUNTRY_MARKERS)
    cases = []
    for _ in range(n):
        alpha2 = rnd.choice(countries)
        prefix = rnd.choice(sorted(rule.COUNTRY_MARKERS[alpha2]))
        prefix = rnd.choice((prefix, prefix.lower(), prefix.title()))
        value = (
            prefix
            + rnd.choice(("-", " ", "", "--", "  ", "/"))
            + rnd.choice(_CODES)
            # the words, or the prefix again: only the first word can be the prefix
            + rnd.choice((*_WORDS, " " + prefix))
        )
        country = alpha2 if rnd.random() < 0.8 else rnd.choice(countries)
        subject = [(COUNTRY, country), (LOCALITY, rnd.choice(("Nyon", "D", "Tokyo")))]
        cases.append((value, [*subject, (POSTAL_CODE, value)]))
    return cases


def compare(port, cases) -> int:
    """Asserts that the port's findings are the rule's on every case; returns how many cases
    have a finding."""
    reported = 0
    for value, subject in cases:
        ours = [
            (KINDS[h.code], h.message) for h in rule.check(POSTAL_CODE, value, subject)
        ]
        theirs = [
            (f.kind, f.message)
            for f in port.find_postal_code_contents(
                value, lambda oid: [v for t, v in subject if t == oid]
            )
        ]
        assert theirs == ours, (value, subject)
        reported += bool(ours)
    return reported


def test_the_rule_examples_and_near_misses_give_the_same_findings(port):
    cases = _examples()
    assert len(cases) == 8
    assert compare(port, cases) == 4


def test_random_values_give_the_same_findings(port):
    cases = _random_cases(4000)
    reported = compare(port, cases)
    # both kinds are exercised, and values without findings too
    assert 800 < reported < 3200
    kinds = {
        KINDS[h.code]
        for value, subject in cases
        for h in rule.check(POSTAL_CODE, value, subject)
    }
    assert kinds == set(KINDS.values())


def test_prefixed_values_give_the_same_findings(port):
    cases = _prefixed_cases(3000)
    reported = compare(port, cases)
    prefixes = sum(
        any(
            h.code == rule.COUNTRY_PREFIX_IN_POSTAL_CODE
            for h in rule.check(POSTAL_CODE, v, s)
        )
        for v, s in cases
    )
    assert reported > 1500 and prefixes > 1000


def test_long_values_give_the_same_findings(port):
    cases = [
        ("1260 " * 300 + "Nyon", [(COUNTRY, "CH")]),
        ("Nyon " * 100, [(COUNTRY, "CH")]),
        ("D-" + "8" * 2000 + " München", [(COUNTRY, "DE")]),
        ("x" * 1030 + " Nyon", [(LOCALITY, "Nyon")]),
    ]
    compare(port, cases)


def test_the_generated_data_module_is_what_the_tool_writes(patched_source):
    module = patched_source / builder.MODULE
    assert module.read_text(encoding="utf-8") == builder.render()


def test_the_ported_country_facts_are_the_plugins(port):
    assert port.COUNTRY_PREFIXES == rule.COUNTRY_MARKERS
    assert {k: frozenset({v}) for k, v in port.OFFICIAL_PREFIXES.items()} == (
        rule.OFFICIAL_PREFIXES
    )
    assert port.DIGITS_ONLY_COUNTRIES == rule.DIGITS_ONLY
    assert sys.modules["pkilint.common.postal_code_data"].POSTAL_LINE_WORDS == (
        rule._POSTAL_WORDS
    )
    assert (port.MAX_LENGTH, port.MAX_TOKENS) == (
        rule.postal.MAX_ANALYSED,
        rule.postal.MAX_TOKENS,
    )
