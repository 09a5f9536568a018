"""The consistency data file (`core/consistency.py`): laid out a country a line, read a
country at a time, and the same tables as the whole JSON decoded at once."""

from __future__ import annotations

import json

import pytest

from pkilint_semantic_dn import check
from pkilint_semantic_dn.core import consistency

SHIPPED = open(consistency.DATA_PATH, "rb").read()
WHOLE = json.loads(SHIPPED)


def _tables(raw: dict) -> dict:
    return {
        k: v.decoded() if isinstance(v, consistency.ByCountry) else v
        for k, v in raw.items()
    }


def test_the_shipped_file_is_laid_out_as_render_writes_it():
    assert consistency.render(WHOLE).encode("utf-8") == SHIPPED
    read = consistency.read(SHIPPED)
    for section in consistency.BY_COUNTRY:
        assert isinstance(read[section], consistency.ByCountry)
        assert len(read[section]) == len(WHOLE[section])
    assert _tables(read) == WHOLE


def test_a_lint_decodes_only_the_countries_it_asks_about(monkeypatch):
    from pkilint_semantic_dn.rules import locality_outside_subdivision as rule

    data = consistency.Data(consistency.read(SHIPPED))
    monkeypatch.setattr(consistency, "data", lambda: data)
    # The rule's memos would answer a place checked before without asking the data.
    for memo in (rule._resolve_cached, rule._unit_outside):
        memo.cache_clear()
    report = check.check("C=JP,ST=Tokyo,L=Osaka,O=Example K.K.")
    assert [f.code for f in report.findings] == [
        "semantic_dn.locality_outside_subdivision"
    ]
    for section in consistency.BY_COUNTRY:
        assert set(data.__dict__[f"_{section}"]._decoded) <= {"JP"}
    assert set(data._places._decoded) == {"JP"}


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(
            WHOLE, ensure_ascii=False
        ).encode(),  # one line, as files were before
        json.dumps(WHOLE, indent=1).encode(),  # one entry a line, but not by country
        SHIPPED.replace(b'\n"JP":', b'\n  "JP":', 1),  # a line shifted
        SHIPPED.replace(b'\n"places":{\n', b'\n"places": {\n', 1),
        SHIPPED.rstrip(b"\n"),  # no line end at the end
        SHIPPED + b"\n",  # more after the end
        SHIPPED.replace(b'\n"JP":', b'\n"JPN":', 1),  # not a two-letter code
        SHIPPED.replace(b'\n"JP":', b'\n"J1":', 1),
    ],
)
def test_any_other_layout_is_read_as_the_whole_json(text):
    read = consistency.read(text)
    assert not any(isinstance(v, consistency.ByCountry) for v in read.values())
    assert read == json.loads(text)


def _after_jp(suffix: bytes) -> bytes:
    """The shipped file with `suffix` after the comma that ends JP's line of places."""
    start = SHIPPED.index(b'\n"JP":{', SHIPPED.index(b'"places":{'))
    end = SHIPPED.index(b"\n", start + 1)
    return SHIPPED[:end] + suffix + SHIPPED[end:]


@pytest.mark.parametrize("suffix", [b" ", b"\t \r", b"  "])
def test_white_space_after_a_country_line_gives_the_same_tables(suffix):
    text = _after_jp(suffix)
    assert _tables(consistency.read(text)) == json.loads(text) == WHOLE


@pytest.mark.parametrize(
    "text",
    [
        SHIPPED[: SHIPPED.index(b'\n"JP":') + 30],  # cut short inside a country's line
        SHIPPED.replace(b'\n"JP":{', b'\n"JP":{{', 1),  # a country's line broken
    ],
)
def test_a_damaged_file_is_an_error_when_read(text):
    # Not tables with a country missing: the error, which the rules report as rule_failed.
    with pytest.raises(ValueError):
        tables = consistency.read(text)
        _tables(tables)


def test_render_keeps_each_code_with_its_country():
    # `Data.unit_of` looks a unit up under the country its code starts with.
    moved = json.loads(SHIPPED)
    moved["places"]["FR"]["DE-BY"] = "munchen"
    with pytest.raises(ValueError, match="places: a code of FR"):
        consistency.render(moved)
    with pytest.raises(ValueError, match="not a country code"):
        consistency.render({**WHOLE, "places": {"FRA": {}}})
    without = {k: v for k, v in WHOLE.items() if k != "ambiguous"}
    with pytest.raises(ValueError, match="its per-country ones"):
        consistency.render(without)
