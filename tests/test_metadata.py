"""Declared codes, emitted codes, the catalogue, finding_metadata.csv and the README agree."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import render_docs
from helpers import VECTORS
from pkilint_semantic_dn import catalogue, linting, registration
from pkilint_semantic_dn.validators import VALIDATOR_CLASSES, SemanticAttributeValidator
from pkilint import validation

CODE_PATTERN = re.compile(r"^[.a-z0-9\-_]+$")


def _declared() -> dict[str, validation.ValidationFinding]:
    declared = {}
    for v in registration.create_name_validators():
        for f in v.validations:
            if (
                f
                is not SemanticAttributeValidator.VALIDATION_FINDING_UNHANDLED_EXCEPTION
            ):
                declared[f.code] = f
    return declared


def test_codes_are_well_formed_and_namespaced():
    for code in catalogue.BY_CODE:
        assert CODE_PATTERN.match(code), code
        assert code.startswith("semantic_dn."), code


def test_every_validation_constant_is_declared():
    for cls in VALIDATOR_CLASSES:
        constants = {
            f.code for n, f in vars(cls).items() if n.startswith("VALIDATION_")
        }
        declared = {f.code for f in cls().validations}
        assert constants <= declared, cls
        assert (
            cls.__doc__ and "Requirement" in cls.__doc__
        ), f"{cls.__name__} cites nothing"


def test_declared_codes_match_catalogue_with_severities():
    declared = _declared()
    # `check`-scope codes are reported by `pkilint-semantic-dn check` only, never by pkilint.
    assert set(declared) == {e.code for e in catalogue.PKILINT_ENTRIES}
    for code, f in declared.items():
        assert f.severity.name == catalogue.BY_CODE[code].severity, code


def test_metadata_csv_rows_match_catalogue():
    path = Path(render_docs.METADATA)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["severity", "code", "source", "description"]
    assert {(r["severity"], r["code"]) for r in rows} == {
        (e.severity, e.code) for e in catalogue.PKILINT_ENTRIES
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
    for code, severity in emitted.items():
        assert code in catalogue.BY_CODE, code
        assert severity == catalogue.BY_CODE[code].severity, code
    pkilint_codes = {e.code for e in catalogue.PKILINT_ENTRIES}
    never = pkilint_codes - set(emitted) - {"semantic_dn.rule_failed"}
    assert not never, f"codes without a violation vector: {sorted(never)}"


def test_check_scope_is_exactly_the_preissuance_codes():
    from pkilint_semantic_dn import preissuance

    scopes = {e.scope for e in catalogue.ENTRIES}
    assert scopes <= {"pkilint", "check"}
    assert {e.code for e in catalogue.ENTRIES if e.scope == "check"} == set(
        preissuance.CODES
    )
