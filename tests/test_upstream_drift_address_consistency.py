"""Upstream patch 10 (`upstream/pkilint-0.13.3-address-consistency.patch`) against the
plugin rules it ports (`rules/locality_outside_subdivision.py`,
`rules/postal_code_region_mismatch.py`).

On the shared pkilint source with the series applied, its pure module
`pkilint/common/address_consistency.py` gives the plugin rules' findings, messages included,
on the rules' examples and near misses and on thousands of random subjects built from the
data's own names, places and postal codes; its `pkilint/common/address_consistency.json` is
exactly what `tools/export_consistency_upstream.py` writes from this repository's data. The
validators ask the validators of the rules the plugin rules defer to (02-09 port them
all). A change to one side only fails here. Skips without the source archive (fails under
SEMANTIC_DN_REQUIRE_CORPORA=1, as CI sets), like `tests/test_upstream_series.py`.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import export_consistency_upstream as exporter
from upstream_port import load_common, patched_tree
from pkilint_semantic_dn.adapter import upstream_detect
from pkilint_semantic_dn.core import consistency, registry
from pkilint_semantic_dn.rules import locality_outside_subdivision as locality_rule
from pkilint_semantic_dn.rules import postal_code_region_mismatch as postal_rule

COUNTRY, STATE, LOCALITY, POSTAL_CODE = "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.17"
JURISDICTION_COUNTRY = "1.3.6.1.4.1.311.60.2.1.3"
JURISDICTION_STATE = "1.3.6.1.4.1.311.60.2.1.2"
JURISDICTION_LOCALITY = "1.3.6.1.4.1.311.60.2.1.1"

# the plugin's codes -> the kinds of pkilint/common/address_consistency.py
KINDS = {
    locality_rule.LOCALITY_OUTSIDE_SUBDIVISION: "locality_outside_state",
    postal_rule.POSTAL_CODE_OUTSIDE_SUBDIVISION: "postal_code_outside_state",
    postal_rule.POSTAL_CODE_FORMAT_MISMATCH: "postal_code_format_mismatch",
}

# The rules defer to other rules (they say nothing on a value one of those reports). The
# port's validators ask the validators of those rules, listed in
# cabf_name._ADDRESS_VALUE_VALIDATOR_CLASSES; patches 02-09 port every one of them.
DEFERRING_RULES = ("locality_outside_subdivision", "postal_code_region_mismatch")


@pytest.fixture(scope="module")
def patched_source(tmp_path_factory) -> Path:
    return patched_tree(tmp_path_factory, "upstream-address")


_MODULES = ("dn_string", "place_names", "address_consistency")


@pytest.fixture
def port(monkeypatch, patched_source):
    """The patched tree's dn_string, place_names and address_consistency."""
    return load_common(monkeypatch, patched_source, _MODULES)


def _ours(oid: str, value: str, subject: list[tuple[str, str]]):
    if oid == POSTAL_CODE:
        return [
            (KINDS[h.code], h.message) for h in postal_rule.check(oid, value, subject)
        ]
    return [
        ("locality_outside_state", message)
        for message in locality_rule.check(oid, value, subject)
    ]


def _theirs(port, oid: str, value: str, subject: list[tuple[str, str]]):
    def values(o):
        return [v for t, v in subject if t == o]

    if oid == POSTAL_CODE:
        found = port.find_postal_code_mismatch(value, values)
    else:
        found = port.find_locality_outside_state(oid, value, values)
    return [] if found is None else [(found.kind, found.message)]


def compare(port, cases) -> int:
    """Asserts that the port's findings are the rules' on every case; returns how many
    cases have a finding."""
    reported = 0
    for oid, value, subject in cases:
        ours = _ours(oid, value, subject)
        assert _theirs(port, oid, value, subject) == ours, (oid, value, subject)
        reported += bool(ours)
    return reported


_KEYWORDS = {"C": COUNTRY, "ST": STATE, "L": LOCALITY, "postalCode": POSTAL_CODE}


def _examples():
    """The rules' examples and near misses: `L=Osaka (C=JP, ST=Tokyo)`."""
    cases = []
    for r in registry.rules():
        if r.name not in (
            "locality_outside_subdivision",
            "postal_code_region_mismatch",
        ):
            continue
        for text in r.examples + r.near_misses:
            match = re.fullmatch(r"(\w+)=(.*?) \((.*)\)", text)
            oid, value = _KEYWORDS[match.group(1)], match.group(2)
            subject = [
                (_KEYWORDS[k], v)
                for k, v in (p.split("=", 1) for p in match.group(3).split(", "))
            ]
            cases.append((oid, value, [*subject, (oid, value)]))
    return cases


def _random_cases(n: int, seed: int = 10):
    """Subjects of a country with data: state values from its subdivisions' keys, codes and
    names (or none, or an unknown one); a locality from its places (as it is, title-cased,
    with a type word or another name in brackets) or a postal code (its own example,
    another country's, lower-cased, without the hyphen, random digits, with CEDEX or a
    country prefix); jurisdiction fields for some."""
    with open(consistency.DATA_PATH, encoding="utf-8") as f:
        raw = json.load(f)
    rnd = random.Random(seed)
    countries = sorted(set(raw["places"]) | set(raw["postal"]))
    postal = sorted(raw["postal"])

    def state(alpha2):
        subdivisions = list(raw["subdivisions"].get(alpha2, {}).items())
        if not subdivisions or rnd.random() < 0.05:
            return rnd.choice(("Nowhere Land", "", "x" * 170, "Tokyo (Osaka)"))
        code, keys = rnd.choice(subdivisions)
        return rnd.choice([*keys.split(), code, raw["names"].get(code, code)])

    def place(alpha2):
        # A unit with no place of its own (listed so a state can be compared) has none
        # to draw.
        units = [u for u in raw["places"].get(alpha2, {}).items() if u[1]]
        if not units:
            return "Atlantis"
        value = rnd.choice(rnd.choice(units)[1].split())
        if rnd.random() < 0.2:
            value = value.title() + rnd.choice(
                ("", " City", "-shi", f" ({state(alpha2)})", "  ")
            )
        return value

    cases = []
    for _ in range(n):
        alpha2 = rnd.choice(countries)
        country = rnd.choice((alpha2, alpha2, alpha2.lower(), f" {alpha2} "))
        states = [state(alpha2) for _ in range(rnd.choice((0, 1, 1, 1, 2, 3, 4)))]
        which = rnd.random()
        if which < 0.1:
            country_oid, state_oid, oid = (
                JURISDICTION_COUNTRY,
                JURISDICTION_STATE,
                JURISDICTION_LOCALITY,
            )
        else:
            country_oid, state_oid = COUNTRY, STATE
            oid = LOCALITY if which < 0.55 else POSTAL_CODE
        if oid == POSTAL_CODE:
            own = raw["postal"].get(alpha2, {}).get("example", "12345")
            other = raw["postal"][rnd.choice(postal)].get("example", "1")
            value = rnd.choice(
                (
                    own,
                    other,
                    own.lower(),
                    own.replace("-", ""),
                    own.replace("-", " "),
                    "".join(rnd.choices("0123456789", k=rnd.randint(3, 9))),
                    f"{other} CEDEX",
                    f"{alpha2}-{own}",
                    f"{own}#",
                )
            )
        else:
            value = place(alpha2)
        subject = [(country_oid, country)]
        if rnd.random() < 0.05:
            subject.insert(0, (country_oid, "XX"))
        subject += [(state_oid, s) for s in states]
        subject.append((oid, value))
        cases.append((oid, value, subject))
    return cases


def test_address_consistency_port_matches_the_plugin_rules(port):
    examples = _examples()
    assert len(examples) == 15
    assert compare(port, examples) == 6
    cases = _random_cases(4000)
    assert compare(port, cases) > 1000


def test_ported_data_is_the_exporters_output(patched_source):
    shipped = patched_source / "pkilint" / "common" / "address_consistency.json"
    assert shipped.read_text(encoding="utf-8") == exporter.render(exporter.export())


def test_ported_data_is_package_data(patched_source):
    setup = (patched_source / "setup.cfg").read_text(encoding="utf-8")
    section = setup.split("[options.package_data]", 1)[1].split("\n[", 1)[0]
    assert "address_consistency.json" in section


def test_validators_defer_as_the_plugin_rules_do(patched_source):
    # the validators of exactly the rules the plugin rules defer to (upstream_detect's
    # mapping) are asked about the value, and the patched tree defines them all
    source = (patched_source / "pkilint" / "cabf" / "cabf_name.py").read_text(
        encoding="utf-8"
    )
    defined = set(re.findall(r"^class (\w+)\(", source, re.M))
    block = source.split("\n_ADDRESS_VALUE_VALIDATOR_CLASSES = (", 1)[1]
    block = block.split(")", 1)[0]
    asked = set(re.findall(r"^\s+(\w+),$", block, re.M))
    validator_of = {u.rule: u.validator for u in upstream_detect.UPSTREAM_RULES}
    rules = {r.name: r for r in registry.rules()}
    expected = set()
    for name in DEFERRING_RULES:
        for deferred in rules[name].defer_to:
            assert deferred in validator_of, (name, deferred)
            expected.add(validator_of[deferred])
    assert asked == expected
    assert asked <= defined
