"""Each rule's declared scope (`attributes=`, `never=`, `plain=`) is honest: outside it, the
rule reports nothing.

The engine skips a rule for attribute types its declaration rules out, so a declaration
narrower than the rule's own test would silently lose findings. Here every rule is called on
every attribute type it declares out of scope, with values that trigger each rule and subjects
that give them context; it must return no hit. Likewise a rule declared quiet on plain values
(`text.is_plain`) is called on generated plain values.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkilint_semantic_dn.core import attributes, engine, registry
from pkilint_semantic_dn.core.text import is_plain

RULES = [r for r in registry.rules() if r.origin == "built-in"]

# Values that make at least one rule report in some attribute.
TRIGGERS = [
    "Tokyo, C=JP",
    "CN=x,O=y,C=US",
    "/C=US/ST=CA/L=Mountain View",
    "E=MC2 Ltd",
    "Some-State",
    "Default City",
    "Internet Widgits Pty Ltd",
    "N/A",
    "null",
    "NA",
    "0000",
    " Tokyo",
    "Tokyo ",
    "Tok  yo",
    "Tok\tyo",
    "Tok\u200byo",
    "\u202eTokyo",
    "Japan",
    "Tokyo, Japan",
    "United Kingdom",
    "Europe",
    "France",
    "重庆币",
    "Nowhere Land",
    "CA 94043",
    "Chiyoda-ku, Tokyo",
    "Chiyoda-ku, Tokyo 100-0001",
    "1600 Amphitheatre Parkway, Mountain View",
    "94043 CA",
    "SW1A1AA-X",
    "Tokyo%2C%20C%3DJP",
    "{{city}}",
    '{"state": "Tokyo"}',
    "<Company Name>",
    "State: Tokyo",
    '"Tokyo"',
    "Tokyo\ufffd",
    "MÃ¼nchen",
    "",
]

SUBJECTS = [
    (),
    (
        (attributes.COUNTRY_NAME, "JP"),
        (attributes.STATE_OR_PROVINCE_NAME, "Tokyo"),
        (attributes.LOCALITY_NAME, "Chiyoda-ku"),
        (attributes.POSTAL_CODE, "100-0001"),
    ),
    (
        (attributes.COUNTRY_NAME, "US"),
        (attributes.BUSINESS_CATEGORY, "Private Organization"),
        (attributes.JURISDICTION_COUNTRY_NAME, "US"),
        (attributes.JURISDICTION_STATE_OR_PROVINCE_NAME, "Delaware"),
        (attributes.SERIAL_NUMBER, "0000"),
    ),
]

OTHER_TYPE = "1.3.6.1.4.1.99999.1"  # a type no table names
TYPES = sorted(attributes.BY_OID) + [OTHER_TYPE]


def _rule_id(rule):
    return rule.name


HYPOTHESIS = settings(max_examples=300, derandomize=True, deadline=None)


def _out_of_scope(rule):
    return [oid for oid in TYPES if not rule.may_report(oid)]


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_rule_reports_nothing_outside_its_scope(rule):
    for oid in _out_of_scope(rule):
        for subject in SUBJECTS:
            for value in TRIGGERS:
                context = subject + ((oid, value),)
                assert not list(rule.function(oid, value, context) or ()), (oid, value)


def test_scopes_narrow_the_work_per_attribute():
    """The point of the declarations: a common name runs fewer rules than a state does, and
    a plain value fewer than one with punctuation."""
    e = engine.Engine(disabled=())

    def names(rules):
        return {r.name for r in rules}

    cn_any, cn_plain = map(names, e._plans[attributes.COMMON_NAME])
    st_any, st_plain = map(names, e._plans[attributes.STATE_OR_PROVINCE_NAME])
    assert "subdivision" in st_any and "subdivision" in st_plain
    assert "subdivision" not in cn_any
    assert cn_any < st_any
    assert cn_plain < cn_any and st_plain < st_any
    assert "embedded_attribute_assignment" in cn_any - cn_plain
    other_any, _ = map(names, e._other_types)
    assert other_any == {r.name for r in e.rules if r.attributes is None}


PLAIN_QUIET = [r for r in RULES if not r.plain]


@pytest.mark.parametrize("rule", PLAIN_QUIET, ids=_rule_id)
@HYPOTHESIS
@given(value=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_rules_declared_quiet_on_plain_values_are(rule, value):
    if not is_plain(value):
        return
    for oid in TYPES:
        for subject in SUBJECTS:
            found = rule.function(oid, value, subject + ((oid, value),))
            assert not list(found or ()), (oid, value)


@pytest.mark.parametrize(
    "value",
    ["Example Inc.", "Mountain View", "www.example.com", "Procter & Gamble", "AT&T"]
    + ["Smith+Sons", "A/S Example", "Example (UK) Ltd", "Example, Inc.", ""],
)
def test_common_values_are_plain(value):
    assert is_plain(value)


@pytest.mark.parametrize(
    "value",
    [" x", "x ", "a  b", "a=b", "a\\b", "50%", "{x}", "<x>", "$x", "State: X", '"x"']
    + ["Let's Encrypt", "`x`", "[x]", "é", "\t", "x\x7f", "＝"],
)
def test_values_with_anything_a_structural_rule_reads_are_not_plain(value):
    assert not is_plain(value)


def _plain_by_definition(value: str) -> bool:
    specials = set("=\\%{}[]<>$:\"'`")
    return (
        all(" " <= c <= "~" and c not in specials for c in value)
        and not value.startswith(" ")
        and not value.endswith(" ")
        and "  " not in value
    )


def test_the_plain_test_is_its_definition_character_by_character():
    # The engine inlines `is_plain` with a character class that lists the plain characters:
    # every string of up to two characters over all of ASCII and some others, then longer
    # random ones over the characters at the class's edges.
    import itertools
    import random

    alphabet = [chr(c) for c in range(0x80)] + [
        "\x80",
        "\xa0",
        "é",
        "\u200b",
        "中",
        "😀",
    ]
    for n in range(3):
        for chars in itertools.product(alphabet, repeat=n):
            value = "".join(chars)
            assert is_plain(value) == _plain_by_definition(value), repr(value)
    edges = " !\"#$%&'(9:;<=>?@Z[\\]^_`az{|}~\x1f\x7f\xe9"
    rnd = random.Random(15)
    for _ in range(100_000):
        value = "".join(rnd.choice(edges) for _ in range(rnd.randrange(1, 9)))
        assert is_plain(value) == _plain_by_definition(value), repr(value)


@pytest.mark.parametrize(
    "value,code",
    [
        (" Acme Inc.", "semantic_dn.leading_or_trailing_whitespace"),
        ("Acme Inc. ", "semantic_dn.leading_or_trailing_whitespace"),
        ("Acme  Inc.", "semantic_dn.repeated_whitespace"),
    ],
)
def test_the_engine_runs_the_rules_for_values_that_are_not_plain_by_their_spaces(
    value, code
):
    # Printable ASCII without a special character, not plain only by its spaces: the
    # engine's inlined plain test must send it to the rules declared plain=False.
    assert not is_plain(value)
    for keep in (True, False):
        e = engine.Engine(disabled=(), keep_answers=keep)
        found = e.check(
            [(attributes.COUNTRY_NAME, "US"), (attributes.ORGANIZATION_NAME, value)]
        )
        assert [h.code for h in found] == [code]
