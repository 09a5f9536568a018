"""The documented switches: PKILINT_SEMANTIC_DN and PKILINT_SEMANTIC_DN_DISABLE."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.adapter import registration
from pkilint_semantic_dn.core import config, registry, selection


@pytest.mark.parametrize(
    "value,enabled",
    [
        (None, True),
        ("1", True),
        ("yes", True),
        ("0", False),
        (" OFF ", False),
        ("false", False),
        ("no", False),
    ],
)
def test_automatic_registration_switch(value, enabled):
    environ = {} if value is None else {config.ENABLE_VARIABLE: value}
    assert config.automatic_registration_enabled(environ) is enabled


def test_disabled_names_parsing():
    environ = {config.DISABLE_CODES_VARIABLE: " a.b, c.d;e.f  g.h ,, "}
    assert config.disabled_names(environ) == ["a.b", "c.d", "e.f", "g.h"]
    assert config.disabled_names({}) == []


def test_disabled_names_resolve_to_codes_and_unknown_ones_are_said_once(
    monkeypatch, capsys
):
    monkeypatch.setattr(selection, "_warned", set())
    environ = {
        config.DISABLE_CODES_VARIABLE: "semantic_dn.placeholder_value,"
        "not_applicable_value subdivision embeded_attribute_assignment"
    }
    codes = selection.environment_disabled(environ)
    subdivision = {r.name: r for r in registry.rules()}["subdivision"]
    assert codes == {
        "semantic_dn.placeholder_value",
        "semantic_dn.not_applicable_value",
        *subdivision.codes,  # a rule's name means all its codes
    }
    assert "semantic_dn.unrecognized_subdivision" in codes
    err = capsys.readouterr().err
    assert err.count("names no such code or rule") == 1
    assert (
        "'embeded_attribute_assignment' (did you mean embedded_attribute_assignment?)"
        in err
    )
    assert selection.environment_disabled(environ) == codes
    assert capsys.readouterr().err == ""  # once per process


def test_disabled_codes_are_neither_declared_nor_reported(monkeypatch):
    code = "semantic_dn.placeholder_value"
    monkeypatch.setenv(config.DISABLE_CODES_VARIABLE, code)
    for v in registration.create_name_validators():
        assert code not in {f.code for f in v.validations}
