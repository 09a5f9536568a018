"""The shared postal code helpers (core/postal.py): token shapes, postal code spans, keys."""

from __future__ import annotations

from pkilint_semantic_dn.core import postal


def test_shapes():
    assert postal.shape("SW1A") == "AA9A"
    assert postal.shape("100-0001") == "999-9999"
    assert postal.shape("Zü") == "A?"
    assert postal.shape("Zug") == "Aaa"


def test_postal_code_at():
    assert postal.postal_code_at(["SW1A", "1AA"], 0) == 2
    assert postal.postal_code_at(["1AA"], 0) == 0
    assert postal.postal_code_at(["1-2-3"], 0) == 0
    assert postal.postal_code_at(["Dublin", "D02", "X285"], 1) == 2
    assert postal.postal_code_at(["94043"], 0) == 1
    assert postal.postal_code_at(["9" * 17], 0) == 0  # longer than any postal code


def test_clean_and_key():
    assert postal.clean("(〒100-0001),") == "100-0001"
    assert postal.clean("〒100-0001") == "100-0001"
    assert postal.key("  SW1A   1AA ") == "sw1a 1aa"
