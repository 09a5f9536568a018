"""Each rule's declared scope (`attributes=`, `never=`, `plain=`, `keys=`) is honest: outside
it, the rule reports nothing.

The engine skips a rule for attribute types its declaration rules out, so a declaration
narrower than the rule's own test would silently lose findings. Here every rule is called on
every attribute type it declares out of scope, with values that trigger each rule and subjects
that give them context; it must return no hit. Likewise a rule declared quiet on plain values
(`text.is_plain`) is called on generated plain values, and a rule declared for some keys
(`words.key`) on values of other keys, where it must also read nothing of the subject (the
engine keeps answers per value by what the rules read).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkilint_semantic_dn.core import attributes, engine, registry, words
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

    cn, st_ = (
        e._plans[attributes.COMMON_NAME],
        e._plans[attributes.STATE_OR_PROVINCE_NAME],
    )
    cn_any, cn_plain = names(cn.any_value), names(cn.plain_value)
    st_any, st_plain = names(st_.any_value), names(st_.plain_value)
    assert "subdivision" in st_any and "subdivision" in st_plain
    assert "subdivision" not in cn_any
    assert cn_any < st_any
    assert cn_plain < cn_any and st_plain < st_any
    assert "embedded_attribute_assignment" in cn_any - cn_plain
    other_any = names(e._other_types.any_value)
    assert other_any == {r.name for r in e.rules if r.attributes is None}
    # A value whose key no keyed rule declares runs the plan without them.
    keyed = {"placeholder_value", "not_applicable_value"}
    assert {r.name for r in e.rules if r.keys is not None} == keyed
    for plan in (cn, st_, e._other_types):
        assert names(plan.any_unkeyed) == names(plan.any_value) - keyed
        assert names(plan.plain_unkeyed) == names(plan.plain_value) - keyed
        assert plan.keys == frozenset().union(
            *(r.keys for r in plan.any_value if r.keys is not None)
        )


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


KEYED = [r for r in RULES if r.keys is not None]

# Real values of every kind, and the triggers: those whose key a keyed rule does not declare.
_NAMES = [
    "Example Inc.",
    "Procter & Gamble",
    "AT&T",
    "Smith+Sons",
    "A/S Example",
    "Example (UK) Ltd",
    "Let's Encrypt",
    "Mountain View",
    "São Paulo",
    "Москва",
    "東京都",
    "株式会社サンプル",
    "Default Logistics Ltd",
    "State Street Corporation",
    "Nan",
    "0",
    "00 0",
    "0" * 200,
    "1" * 200,
    "-",
    "...",
]


@pytest.mark.parametrize("rule", KEYED, ids=_rule_id)
@HYPOTHESIS
@given(value=st.one_of(st.text(max_size=100), st.sampled_from(_NAMES + TRIGGERS)))
def test_rules_declared_for_some_keys_are_quiet_and_read_nothing_on_others(rule, value):
    if words.key(value) in rule.keys:
        return
    for oid in TYPES:
        for pairs in SUBJECTS:
            subject = engine.Subject(pairs + ((oid, value),))
            reads = subject.record_reads()
            assert not list(rule.function(oid, value, subject) or ()), (oid, value)
            assert not reads, (oid, value, reads)


@pytest.mark.parametrize(
    "value",
    ["0", "00", "0000", " 000 ", "0" * words.MAX_LENGTH, "0" * (words.MAX_LENGTH + 1)],
)
def test_an_all_zero_ev_serial_number_is_found_through_the_engine(value):
    # Its key is made of zeros, or "" when it is too long to key: the placeholder rule's
    # declared keys hold both, or the engine would not run it.
    ev = SUBJECTS[2][:-1] + ((attributes.SERIAL_NUMBER, value),)
    hits = engine.Engine(disabled=()).check(ev)
    assert (len(ev) - 1, "semantic_dn.placeholder_value") in [
        (h.index, h.code) for h in hits
    ]


@pytest.mark.parametrize(
    "oid,value,code",
    [
        (attributes.LOCALITY_NAME, "N/A", "semantic_dn.not_applicable_value"),
        (
            attributes.STATE_OR_PROVINCE_NAME,
            "Some-State",
            "semantic_dn.placeholder_value",
        ),
        (
            attributes.ORGANIZATION_NAME,
            "Internet Widgits Pty Ltd",
            "semantic_dn.placeholder_value",
        ),
        (OTHER_TYPE, "n/a", "semantic_dn.not_applicable_value"),
    ],
)
def test_values_of_a_declared_key_reach_the_keyed_rules(oid, value, code):
    hits = engine.Engine(disabled=()).check(
        ((attributes.COUNTRY_NAME, "US"), (oid, value))
    )
    assert [(h.index, h.code) for h in hits] == [(1, code)]


def test_a_failing_key_runs_the_keyed_rules(monkeypatch):
    # `words.short_key` raising is a defect of the engine's shortcut, not of the value: the
    # rules then run (and here fail themselves, each reported).
    def broken(value):
        raise MemoryError("deliberately broken")

    monkeypatch.setattr(words, "short_key", broken)
    engine.forget_answers()
    try:
        hits = engine.Engine(disabled=()).check(
            ((attributes.LOCALITY_NAME, "Springfield"),)
        )
    finally:
        engine.forget_answers()
    failed = sorted(h.message.split()[1] for h in hits)
    assert [h.code for h in hits] == ["semantic_dn.rule_failed"] * 2
    assert failed == ["not_applicable_value", "placeholder_value"]
