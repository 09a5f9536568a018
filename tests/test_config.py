"""The documented switches: PKILINT_SEMANTIC_DN and PKILINT_SEMANTIC_DN_DISABLE."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.adapter import registration
from pkilint_semantic_dn.core import config


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


def test_disabled_codes_parsing():
    environ = {config.DISABLE_CODES_VARIABLE: " a.b, c.d;e.f  g.h ,, "}
    assert config.disabled_codes(environ) == {"a.b", "c.d", "e.f", "g.h"}
    assert config.disabled_codes({}) == frozenset()


def test_disabled_codes_are_neither_declared_nor_reported(monkeypatch):
    code = "semantic_dn.placeholder_value"
    monkeypatch.setenv(config.DISABLE_CODES_VARIABLE, code)
    for v in registration.create_name_validators():
        assert code not in {f.code for f in v.validations}
