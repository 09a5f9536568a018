"""Upstream patch 07 (place names) against the plugin: the port must not drift.

`upstream/pkilint-0.13.3-place-names.patch` ports the plugin's place-name comparison
(`core/placenames`, `core/geo`, `core/normalise.comparison_words`) as
`pkilint/common/place_names.py`, with its data `pkilint/common/place_names.json`, and the
rules subdivision, country_in_place_name and not_applicable_value (the word table in
`pkilint/common/placeholder_values.py`). Here the shared pkilint source gets the series, the
ported modules are imported from that tree (beside the installed plugin), and:

- the data file is exactly what tools/export_upstream_data.py makes of this repository's
  data (geodata.json, subdivision_type_words.csv), and the word table is
  data/not_applicable_words.csv;
- keys, whole_key, is_subdivision and country_names agree with the plugin on every ISO
  3166-1/3166-2 name pycountry knows and on thousands of variants (type words, separators,
  case, codes, other scripts);
- the three rules' findings (kind and message) agree with the plugin's on the same values in
  subjects, and on the same values percent-encoded, with a replacement character or as
  mojibake, the subdivision rule's deferral to the rules that report the value as something
  else included (encoding_leak too: patch 06's `encoding_leaks`);
- StateOrProvinceSubdivisionValidator asks exactly the ported functions of the rules the
  plugin's subdivision rule defers to (its `defer_to`), no more, no fewer.

Skips (or fails in CI) without the shared source archive, as tests/test_upstream_series.py.
"""

from __future__ import annotations

import ast
import csv
import random
import urllib.parse
from pathlib import Path

import pytest

import export_upstream_data
from upstream_port import load_modules, patched_tree
from helpers import ROOT

ST = "2.5.4.8"
L = "2.5.4.7"
C = "2.5.4.6"
JURISDICTION_ST = "1.3.6.1.4.1.311.60.2.1.2"
JURISDICTION_L = "1.3.6.1.4.1.311.60.2.1.1"
JURISDICTION_C = "1.3.6.1.4.1.311.60.2.1.3"

# the plugin's codes -> the kinds of pkilint/common/place_names.py
KINDS = {
    "semantic_dn.country_name_in_state_or_locality": "country_name_as_place",
    "semantic_dn.country_name_appended_to_state_or_locality": "country_name_appended",
    "semantic_dn.foreign_country_or_continent_in_state": "other_country_or_continent",
    "semantic_dn.possible_foreign_country_in_state": "possible_other_country",
    "semantic_dn.unrecognized_subdivision": "unrecognized_subdivision",
    "semantic_dn.former_subdivision": "former_subdivision",
}
# the rules the subdivision rule defers to (its `defer_to`) -> the function of the series
# that StateOrProvinceSubdivisionValidator._is_reported_otherwise asks for each
DEFERRED_TO = {
    "country_in_place_name": "find_country_in_place_name",
    "embedded_attribute_assignment": "find_embedded_syntax",
    "placeholder_value": "find_placeholder",
    "not_applicable_value": "_find_not_applicable_word",
    "structured_data_leak": "find_structured_data",
    "encoding_leak": "find_encoding_leaks",
}


@pytest.fixture(scope="module")
def patched_source(tmp_path_factory) -> Path:
    return patched_tree(tmp_path_factory, "upstream-place-names")


@pytest.fixture(scope="module")
def port(patched_source):
    """The ported pure modules of the patched tree, by name, loaded from their files (and
    taken out of sys.modules again afterwards)."""
    names = (
        "dn_string",
        "placeholder_values",
        "structured_data",
        "encoding_leaks",
        "place_names",
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield load_modules(monkeypatch, patched_source, names)


def test_data_file_is_the_plugins_data(patched_source, port):
    shipped = patched_source / export_upstream_data.TARGET
    assert shipped.read_text(encoding="utf-8") == export_upstream_data.build()
    assert shipped.name == port["place_names"].DATA_FILE_NAME
    # shipped as package data
    assert "place_names.json" in (patched_source / "setup.cfg").read_text()


def test_not_applicable_words_are_the_plugins_table(port):
    path = ROOT / "pkilint_semantic_dn" / "data" / "not_applicable_words.csv"
    with path.open(encoding="utf-8", newline="") as f:
        table = [
            (
                row["word"],
                row["language"],
                row["also_a_town"] == "yes",
                row["never_a_name"] == "yes",
            )
            for row in csv.DictReader(f)
        ]
    assert list(port["placeholder_values"].NOT_APPLICABLE_WORDS) == table


def _real_names() -> list[tuple[str, str]]:
    """(alpha2, name) of every ISO 3166-2 subdivision and ISO 3166-1 country."""
    pycountry = pytest.importorskip("pycountry")
    found = []
    for s in pycountry.subdivisions:
        found.append((s.country_code, s.name))
        found.append((s.country_code, s.code))
        found.append((s.country_code, s.code.split("-", 1)[1]))
    for c in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(c, attribute, None)
            if name:
                found.append((c.alpha_2, name))
        found.append((c.alpha_2, c.alpha_3))
    return found


_AROUND = (
    ("State of ", ""), ("", " Province"), ("Provincia de ", ""), ("", "-to"), ("", " Shi"),
    ("", "省"), ("", "市"), ("", " обл."), ("Tỉnh ", ""), ("", ", City of"), ("77 ", ""),
    ("St. ", ""), ("", " and Tobago"), ("", " & Co"), ("the ", ""), ("", ", Japan"),
    ("", " (France)"), ("", "; US"), ("", " / DE"), ("Mt ", ""), ("Sankt ", ""),
    ("", " F.D."), ("", "，中国"), ("Thành phố ", ""), ("", " Prefecture"), ("", "县"),
)  # fmt: skip
_WORDS = (
    "Europe", "Asia", "Russia", "Frankreich", "Macedonia", "Moldova", "Georgia", "Jersey",
    "N/A", "null", "None", "NA", "KA", "SD", "k.A.", "Default Province", "Some-State",
    "State: Tokyo", "ST=Tokyo", "{\"ST\": \"x\"}", "${state}", "重庆币", "Calfornia",
    "Nord-Pas-de-Calais", "Central Region", "Θεσσαλονίκη", "القيروان", "กรุงเทพฯ", "東京都",
    "Tokyo", "München", "Ã¼ber", "%C3%BC", "a\ufffdb", "St. Martin", "San Marino", "",
    " ", "--", "x" * 170,
)  # fmt: skip


def _variants(rnd: random.Random, names: list[tuple[str, str]], n: int):
    """(alpha2, value): real names with type words, separators and case changed."""
    for _ in range(n):
        alpha2, name = rnd.choice(names)
        choice = rnd.random()
        if choice < 0.4:
            before, after = rnd.choice(_AROUND)
            name = before + name + after
        elif choice < 0.55:
            name = rnd.choice(_WORDS)
        elif choice < 0.65:
            other = rnd.choice(names)[1]
            name = f"{name}{rnd.choice(', ;/(|')}{other}"
        if rnd.random() < 0.2:
            name = rnd.choice((str.upper, str.lower, str.title))(name)
        if rnd.random() < 0.3:
            alpha2 = rnd.choice(names)[0]
        yield alpha2, name


def test_keys_and_country_questions_match_the_plugin(port):
    from pkilint_semantic_dn.core import geo, placenames

    place_names = port["place_names"]
    names = _real_names()
    rnd = random.Random(7)
    values = names + list(_variants(rnd, names, 4000))
    assert len(values) > 10_000
    for alpha2, value in values:
        assert place_names.keys(value) == placenames.keys(value), value
        assert place_names.whole_key(value) == placenames.whole_key(value), value
        assert place_names.is_subdivision(alpha2, value) == geo.is_subdivision(
            alpha2, value
        ), (alpha2, value)
    for alpha2 in {a for a, _ in names} | {"XX", " gb ", "ZZ", ""}:
        assert place_names.country_names(alpha2) == geo.country_names(alpha2), alpha2
    # the names are recognised as their own country's (the data is not empty)
    assert sum(place_names.is_subdivision(a, v) for a, v in names) > 10_000


def _rules(*names):
    from pkilint_semantic_dn.core import registry

    found = {r.name: r for r in registry.rules()}
    return [found[n] for n in names]


def _subjects(rnd: random.Random, n: int):
    """(subject, index of the value examined)."""
    names = _real_names()
    pycountry = pytest.importorskip("pycountry")
    countries = [(c.alpha_2, c.name) for c in pycountry.countries]
    for alpha2, value in _variants(rnd, names, n):
        if rnd.random() < 0.15:  # a country as the place: its own, or another one
            country_alpha2, value = rnd.choice(countries)
            if rnd.random() < 0.5:
                alpha2 = country_alpha2
            if rnd.random() < 0.3:
                value = f"{rnd.choice(names)[1]}, {value}"
        oid = rnd.choice((ST, ST, L, JURISDICTION_ST, JURISDICTION_L))
        country = JURISDICTION_C if oid.startswith("1.3.6") else C
        subject = [(country, alpha2 if rnd.random() < 0.95 else "XX")]
        if rnd.random() < 0.1:
            subject.append((C if country == JURISDICTION_C else JURISDICTION_C, "ES"))
        subject.append((oid, value))
        yield subject, len(subject) - 1


def _damaged(rnd: random.Random, value: str) -> str:
    """The value as an encoding step leaves it: mojibake, percent-encoded, or with a
    replacement character (what encoding_leak reports)."""
    choice = rnd.random()
    if choice < 0.4:
        raw = value.encode("utf-8")
        try:
            return raw.decode(rnd.choice(("cp1252", "cp1251", "cp1253")))
        except UnicodeDecodeError:  # a byte the code page does not define
            return raw.decode("latin-1")
    if choice < 0.7:
        return urllib.parse.quote(value, safe=rnd.choice(("", " ", "-")))
    i = rnd.randrange(len(value) + 1)
    return value[:i] + "\ufffd" + value[i:]


def test_subdivision_validator_defers_as_the_plugin_rule(patched_source):
    """_is_reported_otherwise calls the ported function of each rule in the plugin rule's
    defer_to, and nothing else that reports."""
    (subdivision,) = _rules("subdivision")
    assert set(subdivision.defer_to) == set(DEFERRED_TO)
    tree = ast.parse(
        (patched_source / "pkilint" / "cabf" / "cabf_name.py").read_text(
            encoding="utf-8"
        )
    )
    (validator,) = [
        n
        for n in tree.body
        if isinstance(n, ast.ClassDef)
        and n.name == "StateOrProvinceSubdivisionValidator"
    ]
    (method,) = [
        n
        for n in validator.body
        if isinstance(n, ast.FunctionDef) and n.name == "_is_reported_otherwise"
    ]
    called = {
        n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
        for n in ast.walk(method)
        if isinstance(n, ast.Call)
        and isinstance(n.func, (ast.Attribute, ast.Name))
        and (
            n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
        ).startswith(("find_", "_find_"))
    }
    assert called == set(DEFERRED_TO.values())


def test_rules_match_the_plugin_rules(port):
    from pkilint_semantic_dn.core.engine import Engine
    from pkilint_semantic_dn.rules import country_in_place_name, not_applicable_value

    place_names = port["place_names"]
    dn_string = port["dn_string"]
    placeholder_values = port["placeholder_values"]
    structured_data = port["structured_data"]
    encoding_leaks = port["encoding_leaks"]
    engine = Engine(rules=_rules("subdivision", *DEFERRED_TO))

    def not_applicable(oid, value, get_values):
        # NotApplicableValueValidator (pkilint/cabf/cabf_name.py)
        word = placeholder_values.find_not_applicable_word(oid, value)
        if word is None:
            return None
        if oid in placeholder_values.GEOGRAPHIC_ATTRIBUTE_TYPES:
            countries = {
                v.strip().upper() for o in (C, JURISDICTION_C) for v in get_values(o)
            }
            if any(place_names.is_subdivision(c, value) for c in countries):
                return None
        return (
            f"{dn_string.attribute_name(oid)} value {dn_string.quote(value)} only says "
            f"that the value is absent or not applicable ({dn_string.quote(word)})"
        )

    counts = dict.fromkeys(
        ("country", "subdivision", "not_applicable", "deferred_to_encoding_leak"), 0
    )

    def compare(subject, index):
        oid, value = subject[index]

        def get_values(o):
            return [v for t, v in subject if t == o]

        alpha2 = place_names.subject_country(oid, get_values)

        # country_in_place_name
        found = place_names.find_country_in_place_name(oid, value, alpha2)
        theirs = [(found.kind, found.message)] if found else []
        ours = [
            (KINDS[h.code], h.message)
            for h in country_in_place_name.check(oid, value, subject)
        ]
        assert theirs == ours, subject
        counts["country"] += bool(ours)

        # not_applicable_value
        message = not_applicable(oid, value, get_values)
        ours = [h.message for h in not_applicable_value.check(oid, value, subject)]
        assert ([message] if message else []) == ours, subject
        counts["not_applicable"] += bool(ours)

        # subdivision, deferring as StateOrProvinceSubdivisionValidator does
        found = place_names.find_subdivision_problem(oid, value, alpha2)
        if found is not None and (
            place_names.find_country_in_place_name(oid, value, alpha2) is not None
            or dn_string.find_embedded_syntax(oid, value, get_values) is not None
            or placeholder_values.find_placeholder(oid, value) is not None
            or not_applicable(oid, value, get_values) is not None
            or structured_data.find_structured_data(oid, value, get_values)
        ):
            found = None
        if found is not None and encoding_leaks.find_encoding_leaks(
            oid, value, get_values
        ):
            counts["deferred_to_encoding_leak"] += 1
            found = None
        theirs = [(found.kind, found.message)] if found else []
        ours = [
            (KINDS[h.code], h.message)
            for h in engine.check(subject, only=index)
            if h.code in KINDS and h.rule == "subdivision"
        ]
        assert theirs == ours, subject
        counts["subdivision"] += bool(ours)

    rnd = random.Random(19)
    damage = random.Random(23)
    for subject, index in _subjects(rnd, 5000):
        compare(subject, index)
        oid, value = subject[index]
        if damage.random() < 0.3:
            subject = list(subject)
            subject[index] = (oid, _damaged(damage, value))
            compare(subject, index)
    assert counts["country"] > 200, counts
    assert counts["subdivision"] > 500, counts
    assert counts["not_applicable"] > 50, counts
    assert counts["deferred_to_encoding_leak"] > 250, counts
