"""Declared codes, emitted codes, the catalogue, finding_metadata.csv and the README agree;
every rule carries its whole declaration, and its module, vectors, spec and test share its
name."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import render_docs
from helpers import VECTORS
from pkilint_semantic_dn.adapter import linting, registration
from pkilint_semantic_dn.core import catalogue
from pkilint_semantic_dn.core import registry
from pkilint import validation

ROOT = Path(__file__).resolve().parent.parent

CODE_PATTERN = re.compile(r"^[.a-z0-9\-_]+$")


def _declared() -> dict[str, validation.ValidationFinding]:
    declared = {}
    for v in registration.create_name_validators():
        for f in v.validations:
            if f is not validation.Validator.VALIDATION_FINDING_UNHANDLED_EXCEPTION:
                declared[f.code] = f
    return declared


BUILTIN = [r for r in registry.rules() if r.origin == "built-in"]


def test_codes_are_well_formed_and_namespaced():
    for code in catalogue.by_code():
        assert CODE_PATTERN.match(code), code
        assert code.startswith("semantic_dn."), code


def test_builtin_rules_are_the_listed_modules_in_order():
    from pkilint_semantic_dn import rules

    assert [r.name for r in BUILTIN] == list(rules.BUILTIN)
    on_disk = {p.stem for p in (ROOT / "pkilint_semantic_dn" / "rules").glob("*.py")}
    assert on_disk - {"__init__"} == set(rules.BUILTIN)


def test_every_rule_declares_everything_beside_its_logic():
    for r in BUILTIN:
        assert r.function.__module__ == f"pkilint_semantic_dn.rules.{r.name}"
        assert r.doc and len(r.doc.splitlines()[0]) <= 100, r.name
        assert r.examples and r.near_misses, f"{r.name}: examples and near misses"
        for f in r.findings:
            assert f.severity in ("ERROR", "WARNING", "NOTICE"), f.code
            for field in ("description", "citation", "why", "example"):
                assert getattr(f, field).strip(), f"{f.code} lacks {field}"


def test_rule_module_vectors_spec_and_test_share_the_rule_name():
    for r in BUILTIN:
        assert (ROOT / "vectors" / r.name).is_dir(), f"vectors/{r.name}/"
        assert (ROOT / "tools" / "vector_specs" / f"{r.name}.py").is_file()
        assert (ROOT / "tests" / f"test_{r.name}.py").is_file()
    names = {r.name for r in BUILTIN}
    assert {p.name for p in (ROOT / "vectors").iterdir() if p.is_dir()} == names
    specs = {p.stem for p in (ROOT / "tools" / "vector_specs").glob("*.py")}
    assert specs == names


def test_each_rules_vectors_carry_its_codes():
    for r in BUILTIN:
        emitted = set()
        for path in (ROOT / "vectors" / r.name).glob("**/*.crttest"):
            _, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
            emitted |= {f.code for f in expected}
        assert set(r.codes) <= emitted, (r.name, set(r.codes) - emitted)


def test_declared_codes_match_catalogue_with_severities():
    declared = _declared()
    # `check`-scope codes are reported by `pkilint-semantic-dn check` only, never by pkilint.
    assert set(declared) == {e.code for e in catalogue.pkilint_entries()}
    entries = catalogue.by_code()
    for code, f in declared.items():
        assert f.severity.name == entries[code].severity, code


def test_generated_validators_carry_constants_and_docstrings():
    (combined,) = registration.create_name_validators()
    for r in BUILTIN:
        v = combined.rule_validators[r.name]
        assert type(v).__name__ == r.validator
        constants = {
            f.code for n, f in vars(type(v)).items() if n.startswith("VALIDATION_")
        }
        assert constants == set(r.codes) | {"semantic_dn.rule_failed"}
        assert type(v).__doc__ == r.doc


def test_metadata_csv_rows_match_catalogue():
    path = Path(render_docs.METADATA)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["severity", "code", "source", "description"]
    assert {(r["severity"], r["code"]) for r in rows} == {
        (e.severity, e.code) for e in catalogue.pkilint_entries()
    }
    assert all(r["description"] and r["source"] for r in rows)


def test_generated_files_are_up_to_date():
    assert render_docs.main(["--check"]) == 0


def test_vectors_emit_every_code_and_only_declared_codes():
    emitted = {}
    for path in VECTORS.glob("**/*.crttest"):
        _, expected = linting.read_crttest(path.read_text(encoding="utf-8"))
        for f in expected:
            if f.code.startswith("semantic_dn."):
                emitted[f.code] = f.severity
    entries = catalogue.by_code()
    for code, severity in emitted.items():
        assert code in entries, code
        assert severity == entries[code].severity, code
    pkilint_codes = {e.code for e in catalogue.pkilint_entries()}
    never = pkilint_codes - set(emitted) - {"semantic_dn.rule_failed"}
    assert not never, f"codes without a violation vector: {sorted(never)}"


def test_check_scope_is_exactly_the_preissuance_codes():
    from pkilint_semantic_dn.core import preissuance

    scopes = {e.scope for e in catalogue.entries()}
    assert scopes <= {"pkilint", "check"}
    assert {e.code for e in catalogue.entries() if e.scope == "check"} == set(
        preissuance.CODES
    )
