"""The fast paths of issue 15 give exactly what the plain paths give.

- `corpus.format_rfc4514` (escapes only values that need it) against `dn_input.format_rfc4514`;
- the issuer memo of `corpus.identify_quietly` against a fresh parse;
- `shared_psl`: pkilint's internal-domain-name validators share one public-suffix list that
  answers as a fresh one, and nothing is changed when pkilint's module is not as expected.
No timing here: the speed targets live in `benchmarks/speed.py`.
"""

from __future__ import annotations

import base64
import collections
import itertools
import random
import types

import pytest

from pkilint_semantic_dn import corpus
from pkilint_semantic_dn.core import dn_input

ALPHABET = ["a", "Z", " ", "#", '"', "+", ",", ";", "<", ">", "\\", "=", "é"]
ALPHABET += ["\x00", "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "\n", "\u200b", "\ud800"]


def _same(rdns) -> None:
    assert corpus.format_rfc4514(rdns) == dn_input.format_rfc4514(rdns)


def test_every_short_value_is_written_as_the_plain_formatter_writes_it():
    for length in range(4):
        for chars in itertools.product(ALPHABET, repeat=length):
            _same([[("2.5.4.3", "".join(chars))]])


def test_random_values_and_names_are_written_as_the_plain_formatter_writes_them():
    rng = random.Random(15)
    oids = ["2.5.4.3", "2.5.4.10", "2.5.4.6", "1.2.840.113549.1.9.1", "1.2.3.4"]
    for _ in range(3000):
        rdns = [
            [
                (
                    rng.choice(oids),
                    "".join(
                        rng.choice(ALPHABET + [chr(rng.randrange(0x110000))])
                        for _ in range(rng.randrange(12))
                    ),
                )
                for _ in range(rng.randrange(1, 3))
            ]
            for _ in range(rng.randrange(4))
        ]
        _same(rdns)


def _escaped_character_by_character(value: str) -> str:
    """RFC 4514 section 2.4 as `dn_input.escape_value` reads it, one character at a time."""
    out = []
    last = len(value) - 1
    for i, c in enumerate(value):
        if c in '"+,;<>\\' or (c == "#" and i == 0) or (c == " " and i in (0, last)):
            out.append("\\" + c)
        elif c < " " or c == "\x7f" or "\x80" <= c <= "\x9f":
            out.append("".join(f"\\{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    return "".join(out)


def test_values_are_escaped_as_a_walk_over_their_characters_escapes_them():
    for length in range(5):
        for chars in itertools.product(ALPHABET, repeat=length):
            value = "".join(chars)
            assert dn_input.escape_value(value) == _escaped_character_by_character(
                value
            )
    rng = random.Random(4514)
    for _ in range(20000):
        value = "".join(
            rng.choice(ALPHABET + [chr(rng.randrange(0x110000))])
            for _ in range(rng.randrange(40))
        )
        assert dn_input.escape_value(value) == _escaped_character_by_character(value)


def test_values_that_are_not_strings_keep_the_general_form():
    _same(
        [
            [("2.5.4.6", "US")],
            [("2.5.4.3", " #x "), ("2.5.4.10", b"\x01\x02")],
            [("1.2.3", None)],
        ]
    )


def test_the_issuer_memo_gives_the_string_of_a_fresh_parse(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import certs

    from cryptography import x509

    issued = []
    for serial, o in enumerate(("Example, Inc.", "#Hash", " Spaced ", "Plain")):
        pem = certs.build_certificate(
            certs.PROFILES["pkix"], [certs.Attribute("2.5.4.10", o)], 100 + serial
        )
        issued.append(
            x509.load_pem_x509_certificate(pem.encode()).public_bytes(
                certs.serialization.Encoding.DER
            )
        )
    for der in issued:  # the memo's key is the issuer element itself
        issuer = x509.load_der_x509_certificate(der).issuer
        assert corpus._issuer_der(der) == issuer.public_bytes()
    assert corpus._issuer_der(b"\x30\x03\x02\x01\x01") is None
    # Plain names like these are read without cryptography (`_simple_names`, with its
    # own memo): switched off here, so that cryptography's path and its memo are tested.
    monkeypatch.setattr(corpus, "_simple_names", lambda der: None)
    monkeypatch.setattr(corpus, "_ISSUERS", {})
    first = [corpus.identify(der) for der in issued]
    assert len(corpus._ISSUERS) == 1  # one issuer, worked out once
    again = [corpus.identify(der) for der in issued]
    monkeypatch.setattr(
        corpus, "_issuer_der", lambda der: None
    )  # no memo: parsed afresh
    fresh = [corpus.identify(der) for der in issued]
    assert first == again == fresh
    assert first[0].issuer == dn_input.format_rfc4514(
        corpus._rdns_of(x509.load_der_x509_certificate(issued[0]).issuer)
    )


@pytest.mark.slow  # the whole corpora
def test_the_issuer_element_is_found_in_every_certificate_cryptography_parses():
    import warnings

    from cryptography import x509

    from helpers import require_corpora

    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in corpus.iter_items([str(require_corpora())]):
            try:
                issuer = x509.load_der_x509_certificate(item.der).issuer.public_bytes()
            except Exception:
                continue
            assert corpus._issuer_der(item.der) == issuer, item.file
            found += 1
    assert found > 2000


def _identity_or_error(der: bytes):
    try:
        return corpus.identify_quietly(der)
    except ValueError as e:
        return f"error: {e}"


def test_strings_that_cryptography_and_the_fallback_walk_read_apart_go_the_general_way(
    monkeypatch,
):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import certs

    from cryptography import x509

    pem = certs.build_certificate(
        certs.PROFILES["pkix"],
        [
            certs.Attribute("2.5.4.7", "Göteborg", "utf8"),
            certs.Attribute("2.5.4.10", "AB"),
        ],
        7,
    )
    der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(
        certs.serialization.Encoding.DER
    )
    utf8 = b"\x0c\x09G\xc3\xb6teborg"
    assert der.count(utf8) == 1
    ia5 = der.replace(utf8, b"\x16" + utf8[1:])  # UTF-8 bytes in an IA5String
    time = der.index(b"\x17\x0d")  # a damaged validity: cryptography refuses it all
    refused = ia5[: time + 2] + b"X" + ia5[time + 3 :]
    fast = corpus._simple_names
    found = {}
    for name, data in (("utf8", der), ("ia5", ia5), ("refused", refused)):
        found[name] = _identity_or_error(data)
        monkeypatch.setattr(corpus, "_simple_names", lambda der: None)
        assert _identity_or_error(data) == found[name], name
        monkeypatch.setattr(corpus, "_simple_names", fast)
    assert fast(der) is not None and fast(ia5) is None and fast(refused) is None
    # cryptography before 51 reads the IA5String's bytes as UTF-8; from 51 on it refuses
    # the certificate, as the fallback walk refuses the value (it reads ASCII only).
    try:
        x509.load_der_x509_certificate(ia5)
        ia5_subject = "O=AB,L=Göteborg"
    except ValueError:
        ia5_subject = "O=AB,L=#"
    assert found["utf8"].subject == "O=AB,L=Göteborg"
    assert found["ia5"].subject == ia5_subject
    assert found["refused"].subject == "O=AB,L=#"
    # A TeletexString: cryptography reads its bytes as UTF-8, the fallback walk as Latin-1.
    teletex = der.replace(utf8, b"\x14" + utf8[1:])
    assert fast(teletex) is None
    assert _identity_or_error(teletex).subject == "O=AB,L=Göteborg"


def test_an_issuer_read_past_its_end_is_not_answered_from_the_plain_memo(monkeypatch):
    # The issuer's last value claims 32 bytes more than it has: the walk reads on into the
    # validity, which differs between the two certificates while the issuer's own bytes do
    # not. An answer kept under those bytes would give the second the first one's string.
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import certs

    from cryptography import x509

    monkeypatch.setattr(corpus, "_SIMPLE_ISSUERS", {})
    damaged = []
    for profile in ("pkix", "tls_br/dv_final_certificate"):
        pem = certs.build_certificate(
            certs.PROFILES[profile], [certs.Attribute("2.5.4.10", "AB")], 9
        )
        der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(
            certs.serialization.Encoding.DER
        )
        issuer = x509.load_der_x509_certificate(der).issuer.public_bytes()
        name = "pkilint-semantic-dn Test Issuing CA".encode()
        start = issuer.index(name) - 2
        assert issuer[start : start + 2] == bytes([0x0C, len(name)])
        at = der.index(issuer) + start + 1
        damaged.append(der[:at] + bytes([len(name) + 32]) + der[at + 1 :])
    first, second = (_identity_or_error(d) for d in damaged)
    assert first.issuer != second.issuer  # each read its own validity
    monkeypatch.setattr(corpus, "_simple_names", lambda der: None)
    assert [first, second] == [_identity_or_error(d) for d in damaged]


@pytest.mark.slow  # the whole corpora
def test_plain_certificates_get_the_identity_of_the_general_path(monkeypatch):
    # `corpus._simple_names` reads plain names without cryptography: wherever it answers,
    # the identity must be the one cryptography's parse (or the fallback walk) gives.
    import warnings

    from helpers import require_corpora

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ders = [i.der for i in corpus.iter_items([str(require_corpora())]) if i.der]
        rng = random.Random(4514)
        cases = []
        for der in dict.fromkeys(ders):
            cases.append(der)
            for _ in range(3):  # damage where the names are: tags, lengths, contents
                damaged = bytearray(der)
                damaged[rng.randrange(min(len(der), 400))] = rng.choice(
                    [0x0C, 0x13, 0x16, 0x14, 0x1E, 0x1C, 0x80, 0x81, 0xFF]
                    + [rng.randrange(256)]
                )
                cases.append(bytes(damaged))
            cases.append(der[: rng.randrange(len(der))])
        fast = corpus._simple_names
        answered = 0
        for der in cases:
            if fast(der) is not None:
                answered += 1
            found = _identity_or_error(der)
            monkeypatch.setattr(corpus, "_simple_names", lambda der: None)
            general = _identity_or_error(der)
            monkeypatch.setattr(corpus, "_simple_names", fast)
            assert found == general, der.hex()
    assert (
        answered > len(cases) // 2
    )  # the plain path was taken, not only the general one


def test_the_linters_share_one_public_suffix_list_that_answers_as_a_fresh_one():
    import publicsuffixlist
    from pkilint import validation
    from pkilint.common import alternative_name

    from pkilint_semantic_dn.adapter import linting, shared_psl

    found = []
    for profile in ("tls_br/ov_final_certificate", "tls_br/dv_final_certificate"):
        stack = [linting.linter(profile)[0]]
        while stack:
            v = stack.pop()
            if isinstance(v, alternative_name.InternalDomainNameValidator):
                found.append(v)
            if isinstance(v, validation.ValidatorContainer):
                stack.extend(v.validators)
    assert shared_psl.installed()
    assert len(found) > 2
    assert len({id(v._psl) for v in found}) == 1
    fresh = publicsuffixlist.PublicSuffixList(accept_unknown=False)
    for name in (
        "www.example.com",
        "example.co.uk",
        "server.local",
        "a.b.c.jp",
        "x.onion",
    ):
        assert found[0]._psl.publicsuffix(name) == fresh.publicsuffix(name)
    # Other attributes are the real module's; a list from another source is never shared.
    assert alternative_name.publicsuffixlist.PSLFILE == publicsuffixlist.PSLFILE
    own = alternative_name.publicsuffixlist.PublicSuffixList(source="example\n")
    assert own is not found[0]._psl


def test_nothing_is_changed_when_pkilint_is_not_as_expected(monkeypatch):
    from pkilint.common import alternative_name

    from pkilint_semantic_dn.adapter import shared_psl

    odd = types.SimpleNamespace()  # no PublicSuffixList, not a module
    monkeypatch.setattr(alternative_name, "publicsuffixlist", odd)
    assert shared_psl.install() is False
    assert alternative_name.publicsuffixlist is odd


@pytest.mark.parametrize("value", ["", " ", "#", "a ", " a", "a#", "x\\y", "\x7f"])
def test_edges_of_the_escaping_test(value):
    _same([[("2.5.4.3", value)]])


# --- the engine's answers per subject ------------------------------------------------------

from pkilint_semantic_dn.core import engine as engine_module  # noqa: E402
from pkilint_semantic_dn.core import registry  # noqa: E402

_C, _ST, _L, _O, _CN, _PC, _STREET, _EMAIL = (
    "2.5.4.6",
    "2.5.4.8",
    "2.5.4.7",
    "2.5.4.10",
    "2.5.4.3",
    "2.5.4.17",
    "2.5.4.9",
    "1.2.840.113549.1.9.1",
)
_JC = "1.3.6.1.4.1.311.60.2.1.3"  # jurisdictionCountryName
_POOL = {
    _C: ["US", "JP", "DE", "GB", "CN", "BR", "XX", "us", None],
    _ST: ["California", "Tokyo, C=JP", "Some-State", "N/A", "Bayern", "Texas", "Japan"],
    _L: ["San Francisco", "Default City", "Munich", "Austin", "Tokyo", "Paris"],
    _O: [
        "Example, Inc.",
        "O=Acme",
        "AT&T Inc.",
        "Internet Widgits Pty Ltd",
        "null",
        "Acme, CN=www.example.com",  # what the rules on O say depends on the CN
        "Acme, emailAddress=info@example.com",
    ],
    _CN: ["www.example.com", "CN=example.com", " spaced ", "a\u200bb", "www.acme.de"],
    _PC: ["94103", "80331", "100-0001", "SW1A 1AA", "00000", "73301"],
    _STREET: ["1 Main St", "Marienplatz 8", "1-1 Chiyoda, Chiyoda-ku"],
    _EMAIL: ["info@example.com", "N/A", "admin@acme.de "],
}


@pytest.fixture(autouse=True)
def _engines_that_know_nothing():
    # Engines of one configuration share their answers within a process: each test here
    # starts from none, as a fresh process does.
    engine_module.forget_answers()
    yield
    engine_module.forget_answers()


def _subjects(count: int, seed: int = 15):
    """Rule examples and near misses in several countries, then random subjects drawn from
    values that set off the single-attribute and the cross-attribute rules."""
    subjects = []
    for r in registry.rules():
        for text in r.examples + r.near_misses:
            try:
                pairs = [(a.oid, a.value) for a in dn_input.parse_rfc4514(text)]
            except dn_input.DNInputError:
                continue  # written as the value alone, not as a DN string
            subjects.append(pairs)
            for country in ("US", "JP", "DE"):
                subjects.append(pairs + [(_C, country)])
    rng = random.Random(seed)
    types_ = list(_POOL)
    for _ in range(count):
        subjects.append(
            [
                (t, rng.choice(_POOL[t]))
                for t in rng.sample(types_, rng.randrange(1, len(types_) + 1))
            ]
        )
    return subjects


def test_a_subject_checked_again_gets_the_answer_of_a_fresh_check():
    kept = engine_module.Engine(disabled=())
    assert kept._answers is not None
    subjects = _subjects(3000)
    first = [kept.check(s) for s in subjects]
    again = [kept.check(s) for s in subjects]
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    fresh = [rules_alone.check(s) for s in subjects]  # the rules, run afresh
    assert first == again == fresh
    assert sum(map(bool, fresh)) > 500  # the set has many findings to get right
    # The second round came from the answers kept, not from the rules.
    assert engine_module._answer_key(subjects[-1]) in kept._answers


def test_answers_are_kept_per_engine_with_its_own_disabled_codes():
    pairs = [(_C, "JP"), (_ST, "Tokyo, C=JP")]
    every = engine_module.Engine(disabled=())
    quiet = engine_module.Engine(disabled={"semantic_dn.embedded_attribute_assignment"})
    assert [h.code for h in every.check(pairs)] == [
        "semantic_dn.embedded_attribute_assignment"
    ]
    assert quiet.check(pairs) == []
    assert [h.code for h in every.check(pairs)] == [
        "semantic_dn.embedded_attribute_assignment"
    ]


def test_a_caller_changing_the_list_it_got_does_not_change_the_answer_kept():
    e = engine_module.Engine(disabled=())
    pairs = [(_C, "JP"), (_ST, "Tokyo, C=JP")]
    got = e.check(pairs)
    got.clear()
    assert len(e.check(pairs)) == 1


def test_pairs_given_as_lists_get_the_answers_of_tuples():
    # A caller's JSON-decoded subject: lists, which cannot be keys. (Found by a reviewing
    # helper: the engine that keeps answers raised TypeError here.)
    e = engine_module.Engine(disabled=())
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    as_lists = [[_C, "JP"], [_ST, "Tokyo, C=JP"], [_O, "Example K.K."], [_CN, "a.jp"]]
    as_tuples = [tuple(p) for p in as_lists]
    expected = rules_alone.check(as_tuples)
    assert [h.code for h in expected] == ["semantic_dn.embedded_attribute_assignment"]
    assert rules_alone.check(as_lists) == expected
    for _ in range(2):  # new, then from memory
        assert e.check(as_lists) == expected
    assert e.check(as_tuples) == expected
    other = as_lists[:3] + [[_CN, "b.jp"]]  # the rest's answer, kept from the lists
    assert e.check(other) == rules_alone.check(other)


def test_a_rule_failure_is_not_kept(monkeypatch):
    # A failure may be passing (memory, recursion): the next check runs the rules again.
    from pkilint_semantic_dn.rules import embedded_attribute_assignment as rule

    e = engine_module.Engine(disabled=())
    pairs = [(_C, "JP"), (_ST, "Tokyo, C=JP")]
    e.check(
        pairs
    )  # the state's value seen once: its answer is kept from the next check
    e._answers.clear()

    def broken(*args, **kwargs):
        raise MemoryError("injected")

    with monkeypatch.context() as m:
        m.setattr(rule, "find_assignments", broken)
        assert [h.code for h in e.check(pairs)] == ["semantic_dn.rule_failed"]
    assert (_ST, "Tokyo, C=JP") not in e._value_answers
    assert [h.code for h in e.check(pairs)] == [
        "semantic_dn.embedded_attribute_assignment"
    ]


def test_rules_not_known_to_be_pure_get_no_answers_kept():
    rules = registry.rules()
    replaced = [r._replace(function=lambda o, v, s=(): []) for r in rules[:1]]
    assert engine_module.Engine(rules=replaced + list(rules[1:]))._answers is None
    house = [rules[0]._replace(origin="house_rules_module")] + list(rules[1:])
    assert engine_module.Engine(rules=house)._answers is None
    # Keys other than declared: the answers could differ from those of the declared rules.
    keyed = [r._replace(keys=None) if r.keys is not None else r for r in rules]
    assert keyed != list(rules)
    assert engine_module.Engine(rules=keyed)._answers is None
    assert engine_module.Engine(rules=rules)._answers is not None


def test_big_subjects_are_checked_every_time_and_the_answers_are_bounded(monkeypatch):
    e = engine_module.Engine(disabled=())
    long_value = [(_C, "JP"), (_O, "x" * (engine_module._KEY_CHARACTERS + 1))]
    many = [(_O, "a")] * (engine_module._KEY_ATTRIBUTES + 1)
    assert engine_module._answer_key(long_value) is None
    assert engine_module._answer_key(many) is None
    many_places = [(_C, "JP")] + [(_L, "Tokyo")] * engine_module._KEY_ATTRIBUTES
    e.check(long_value)
    e.check(many)
    e.check(many_places)
    assert e._answers == {}
    assert e._value_answers == {}  # nor the answers for their values
    long_place = (_L, "Tokyo " * (engine_module._VALUE_CHARACTERS // 6 + 1))
    for _ in range(3):
        e.check([(_C, "JP"), long_place])
        e._answers.clear()
    assert long_place not in e._values_seen  # a value longer than any place name
    assert long_place not in e._value_answers
    wordy = [(_C, "JP")] + [(_ST, f"Tokyo{i}, C=JP") for i in range(30)]
    assert engine_module._answer_key(wordy) is not None
    assert len(e.check(wordy)) == 30  # answered, but too long an answer to keep
    assert e._answers == {}
    monkeypatch.setattr(engine_module, "_ANSWERS_KEPT", 10)
    for i in range(25):
        e.check([(_O, f"Org {i}")])
    assert len(e._answers) == 10
    # The newest are kept, the oldest went first.
    assert engine_module._answer_key([(_O, "Org 24")]) in e._answers
    assert engine_module._answer_key([(_O, "Org 0")]) not in e._answers
    monkeypatch.setattr(engine_module, "_VALUE_ANSWERS_KEPT", 10)
    e._value_answers.clear()
    for i in range(25):
        for _ in range(2):  # kept from the second sight on
            e.check([(_C, "JP"), (_L, f"Town {i}")])
            e._answers.clear()
    assert len(e._value_answers) == 10
    assert (_L, "Town 24") in e._value_answers
    assert (_L, "Town 0") not in e._value_answers


def test_a_certificate_linted_again_by_pkilint_gets_the_same_findings_from_the_answer():
    from pathlib import Path

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from pkilint_semantic_dn.adapter import linting, registration, validators

    pem = (
        Path(__file__).resolve().parent.parent / "examples" / "incident_tokyo_c_jp.pem"
    )
    der = x509.load_pem_x509_certificate(pem.read_bytes()).public_bytes(
        serialization.Encoding.DER
    )
    profile = "tls_br/ov_final_certificate"
    linting.linter.cache_clear()
    (memo,) = {
        id(v.engine._answers): v.engine._answers
        for v in registration._plugin_validators(linting.linter(profile)[0].validators)
    }.values()
    first = linting.lint(profile, linting.load_der(der))
    doc = linting.load_der(der)
    again = linting.lint(profile, doc)
    subject = doc.root.navigate("tbsCertificate.subject.rdnSequence")
    key = engine_module._answer_key(validators.name_pairs(subject)[1])
    assert key in memo  # the second lint was answered from it
    assert first == again
    assert "semantic_dn.embedded_attribute_assignment" in {f.code for f in again}
    linting.linter.cache_clear()


def _as_new(e):
    """`e.check` with the answers per subject forgotten first: every subject is new."""

    def check(pairs):
        e._answers.clear()
        return e.check(pairs)

    return check


def test_subjects_new_to_the_engine_get_the_answer_of_a_fresh_check(monkeypatch):
    # Room for every answer of a round, so that the next rounds are given them.
    monkeypatch.setattr(engine_module, "_ANSWERS_KEPT", 100_000)
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    subjects = _subjects(3000, seed=16)
    # The same organisations with other holders: the holder's attributes of one subject
    # moved to the next one, at other positions.
    moved = []
    for a, b in zip(subjects, subjects[1:]):
        holders = [p for p in b if p[0] in engine_module.HOLDER_TYPES]
        rest = [p for p in a if p[0] not in engine_module.HOLDER_TYPES]
        moved.append(holders[:1] + rest + holders[1:])
    for round_ in (subjects, moved, subjects):
        assert [check(s) for s in round_] == [rules_alone.check(s) for s in round_]
    assert len(e._rest_answers) > 500  # most answers came from the rest of a subject
    assert len(e._value_answers) > 20  # and many from the answers per value


def test_hits_come_in_attribute_order_with_the_rest_answered_from_memory():
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    pairs = [
        (_CN, "N/A"),
        (_C, "JP"),
        (_ST, "Tokyo, C=JP"),
        (_EMAIL, "N/A"),
        (_L, "Default City"),
    ]
    fresh = engine_module.Engine(disabled=(), keep_answers=False).check(pairs)
    assert [h.index for h in fresh] == [0, 2, 3, 4]
    assert check(pairs) == fresh  # the rest's answer kept here
    assert engine_module.rest_key(pairs) in e._rest_answers
    assert check(pairs) == fresh  # and given here


def test_the_rest_is_kept_as_found_nothing_where_only_the_holder_has_hits():
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    pairs = [(_C, "US"), (_O, "Acme Inc."), (_CN, "N/A")]
    assert [h.index for h in check(pairs)] == [2]
    assert e._rest_answers[engine_module.rest_key(pairs)] == ()
    other = pairs[:2] + [(_CN, "www.acme.example")]
    assert check(other) == rules_alone.check(other) == []


def test_an_answer_that_read_a_holder_attribute_is_not_kept():
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    organisation = (_O, "Acme, CN=www.a.example")
    same = [organisation, (_CN, "www.a.example")]
    other = [organisation, (_CN, "www.b.example")]
    for pairs in (same, other, same, other):
        assert check(pairs) == rules_alone.check(pairs)
    assert "repeats" in check(same)[0].message
    assert "repeats" not in check(other)[0].message
    assert engine_module.rest_key(same) not in e._rest_answers


def test_what_a_value_answer_read_counts_as_read_by_the_subject():
    # A state whose rules read the commonName: its answer per value depends on the holder,
    # so neither the subject's rest may be answered from memory, whether the state's rules
    # ran (first subject) or its answer per value was given (second subject).
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    state = (_ST, "Tokyo, CN=www.a.example")
    first = [(_C, "JP"), state, (_CN, "www.a.example")]
    second = first + [(_O, "Example K.K.")]
    other_holder = [(_C, "JP"), state, (_CN, "www.b.example"), (_O, "Example K.K.")]
    for pairs in (
        first,
        first,
        second,
    ):  # the state's answer is kept from its 2nd sight
        assert check(pairs) == rules_alone.check(pairs)
    assert state in e._value_answers  # the second subject's state was answered from it
    assert engine_module.rest_key(first) not in e._rest_answers
    assert engine_module.rest_key(second) not in e._rest_answers
    assert check(other_holder) == rules_alone.check(other_holder)
    assert "repeats" in check(second)[0].message
    assert "repeats" not in check(other_holder)[0].message


def test_a_value_answer_is_given_only_where_the_values_it_read_are_the_same():
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    # `Bayern` is a state of DE, and no state of US or JP.
    subjects = [
        [(_C, country), (_ST, "Bayern"), (_O, f"Example {n}")]
        for n, country in enumerate(("DE", "US", "DE", "JP", "US"))
    ]
    answers = [check(s) for s in subjects]
    assert answers == [rules_alone.check(s) for s in subjects]
    assert [len(a) for a in answers] == [0, 1, 0, 1, 1]
    assert (_ST, "Bayern") in e._value_answers
    # The locality's rules ask the subject's country as a fact the state's rules worked
    # out first: it counts as read for the locality too (Osaka is in JP-27, not JP-13).
    subjects = [
        [(_C, country), (_ST, "Tokyo"), (_L, "Osaka"), (_O, f"Example {n}")]
        for n, country in enumerate(("JP", "JP", "JP", "US", "JP"))
    ]
    answers = [check(s) for s in subjects]
    assert answers == [rules_alone.check(s) for s in subjects]
    found = [[h.code for h in a if h.attribute_oid == _L] for a in answers]
    outside = ["semantic_dn.locality_outside_subdivision"]
    assert found == [outside, outside, outside, [], outside]
    assert (_L, "Osaka") in e._value_answers


def test_reads_after_a_value_answer_was_recorded_still_count_for_the_subject():
    # The organisation's rules read the commonName after the locality's answer was
    # recorded: the rest's answer must not be kept, whoever records what.
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    check([(_C, "JP"), (_L, "Tokyo")])  # the locality's first sight
    same = [
        (_C, "JP"),
        (_L, "Tokyo"),
        (_O, "Acme, CN=www.a.example"),
        (_CN, "www.a.example"),
    ]
    other = same[:3] + [(_CN, "www.b.example")]
    for pairs in (same, other):
        assert check(pairs) == rules_alone.check(pairs)
    assert (_L, "Tokyo") in e._value_answers
    assert engine_module.rest_key(same) not in e._rest_answers


@pytest.mark.parametrize("silent", [False, True])
def test_a_failure_that_is_not_reported_is_not_kept_either(monkeypatch, silent):
    # With rule_failed switched off, or the failing rule run silently for a rule that
    # defers to it, a failure leaves no hit: no answer of any kind may be kept from it.
    from pkilint_semantic_dn.rules import embedded_attribute_assignment as rule

    off = {"semantic_dn.rule_failed"}
    if silent:
        (named,) = [
            r for r in registry.rules() if r.name == "embedded_attribute_assignment"
        ]
        off = set(named.codes)
    e = engine_module.Engine(disabled=off)
    rules_alone = engine_module.Engine(disabled=off, keep_answers=False)
    state = (_ST, "Tokyo, C=JP")
    e.check([(_C, "JP"), state])  # the state's first sight
    e._answers.clear()

    def broken(*args, **kwargs):
        raise RecursionError("injected")

    failing = [
        [(_C, "JP"), state],
        [(_C, "JP"), state, (_CN, "www.example.jp")],
        [(_C, "JP"), state, (_O, "Example K.K."), (_CN, "www.example.jp")],
    ]
    with monkeypatch.context() as m:
        m.setattr(rule, "find_assignments", broken)
        for pairs in failing:
            assert [h.code for h in e.check(pairs)] == [
                h.code for h in rules_alone.check(pairs)
            ]
    assert e._answers == {}
    assert e._rest_answers == {}
    assert state not in e._value_answers
    for pairs in failing + [[(_C, "JP"), state, (_O, "Another K.K.")]]:
        # What the rules say without the failure, which differs from what they said with
        # it (silent: the state's subdivision finding, deferred again).
        assert e.check(pairs) == rules_alone.check(pairs)


def test_a_holder_failure_after_the_rest_is_answered_from_memory_is_not_kept(
    monkeypatch,
):
    # The rest's answer is kept from a subject checked cleanly; a holder value that makes a
    # rule fail then leaves no hit (rule_failed off), and that subject's answer, built on the
    # rest's kept one, must not be kept.
    from pkilint_semantic_dn.rules import embedded_attribute_assignment as rule

    off = {"semantic_dn.rule_failed"}
    e = engine_module.Engine(disabled=off)
    rules_alone = engine_module.Engine(disabled=off, keep_answers=False)
    rest = [(_C, "JP"), (_O, "Example K.K.")]
    assert e.check(rest + [(_CN, "www.example.jp")]) == []
    assert e._rest_answers == {engine_module.rest_key(rest): ()}

    def broken(*args, **kwargs):
        raise RecursionError("injected")

    pasted = rest + [(_CN, "www.example.jp, C=JP")]
    with monkeypatch.context() as m:
        m.setattr(rule, "find_assignments", broken)
        assert e.check(pasted) == rules_alone.check(pasted) == []
    assert engine_module._answer_key(pasted) not in e._answers
    found = e.check(pasted)
    assert [h.code for h in found] == [h.code for h in rules_alone.check(pasted)]
    assert found  # the pasted assignment, found once the rule runs again


def test_a_value_is_kept_from_its_second_sight_and_values_met_once_are_bounded(
    monkeypatch,
):
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    town = [(_C, "JP"), (_L, "Chiyoda")]
    check(town)
    assert (_L, "Chiyoda") in e._values_seen
    assert (_L, "Chiyoda") not in e._value_answers  # met once: noted, not recorded
    check(town)
    assert (_L, "Chiyoda") in e._value_answers
    assert (_L, "Chiyoda") not in e._values_seen
    monkeypatch.setattr(engine_module, "_VALUES_SEEN_KEPT", 5)
    for i in range(12):
        check([(_C, "JP"), (_L, f"Town {i}")])
        assert len(e._values_seen) <= 5
    assert (_L, "Town 11") in e._values_seen


def test_a_subject_records_what_rules_and_facts_read():
    from pkilint_semantic_dn.core import geo
    from pkilint_semantic_dn.core.subject import Subject

    s = Subject([(_C, "JP"), (_ST, "Tokyo"), (_CN, "www.example.jp")])
    reads = s.record_reads()
    assert geo.subject_country(_ST, s) == "JP"
    assert reads == {_C}


def test_built_in_rules_read_a_subject_only_through_values_of_and_fact():
    # What keeping the rest's answer rests on: a rule that iterated or indexed the subject
    # would read the holder's attributes unrecorded.
    from pkilint_semantic_dn.core.subject import Subject

    class Sealed(Subject):
        def _refuse(self, *args):
            raise AssertionError("a rule read the subject directly")

        __iter__ = __getitem__ = __len__ = __contains__ = _refuse
        count = index = __eq__ = __hash__ = by_type = _refuse

    seen = 0
    for pairs in _subjects(600, seed=17):
        for oid, value in pairs:
            if value is None:
                continue
            for r in registry.rules():
                if r.may_report(oid):
                    r.function(oid, value, Sealed(pairs))
                    seen += 1
    assert seen > 5000


def test_rest_answers_are_bounded_and_not_kept_for_failures(monkeypatch):
    from pkilint_semantic_dn.rules import embedded_attribute_assignment as rule

    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    pairs = [(_C, "JP"), (_ST, "Tokyo, C=JP"), (_CN, "www.example.jp")]

    def broken(*args, **kwargs):
        raise MemoryError("injected")

    with monkeypatch.context() as m:
        m.setattr(rule, "find_assignments", broken)
        assert "semantic_dn.rule_failed" in {h.code for h in check(pairs)}
    assert e._rest_answers == {}
    assert [h.code for h in check(pairs)] == [
        "semantic_dn.embedded_attribute_assignment"
    ]
    wordy = [(_CN, "www.example.jp"), (_C, "JP")]
    wordy += [(_ST, f"Tokyo{i}, C=JP") for i in range(30)]
    assert len(check(wordy)) == 30  # answered, but too long an answer to keep
    assert engine_module.rest_key(wordy) not in e._rest_answers
    monkeypatch.setattr(engine_module, "_ANSWERS_KEPT", 10)
    for i in range(25):
        check([(_O, f"Org {i}"), (_CN, "www.example.com")])
    assert len(e._rest_answers) <= 10
    assert ((_O, "Org 24"),) in e._rest_answers
    assert ((_O, "Org 0"),) not in e._rest_answers


def test_a_new_certificate_of_a_known_organisation_gets_the_findings_of_a_fresh_lint():
    # Through pkilint: the second certificate's subject is new to the linter, the rest of
    # it is not; its findings (the rest's from the answer kept) equal a fresh linter's.
    import certs
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from pkilint_semantic_dn.adapter import linting, registration

    profile = "tls_br/ov_final_certificate"
    organisation = [
        (_C, "JP"),
        (_ST, "Tokyo, C=JP"),
        (_L, "Chiyoda-ku"),
        (_O, "Example K.K."),
    ]

    def der(serial, host, cn):
        attrs = [certs.Attribute(o, v) for o, v in [(_CN, cn)] + organisation]
        pem = certs.build_certificate(certs.PROFILES[profile], attrs, serial, host)
        return x509.load_pem_x509_certificate(pem.encode()).public_bytes(
            serialization.Encoding.DER
        )

    first = der(0x51, "www.example.jp", "www.example.jp")
    second = der(0x52, "shop.example.jp", "N/A")
    linting.linter.cache_clear()
    engines = [
        v.engine
        for v in registration._plugin_validators(linting.linter(profile)[0].validators)
    ]
    linting.lint(profile, linting.load_der(first))
    assert any(engine_module.rest_key(organisation) in e._rest_answers for e in engines)
    kept = linting.lint(profile, linting.load_der(second))
    linting.linter.cache_clear()
    fresh = linting.lint(profile, linting.load_der(second))
    linting.linter.cache_clear()
    assert kept == fresh
    # The rest's finding (from the answer kept) and the holder's (worked out).
    assert {f.code for f in kept if f.code.startswith("semantic_dn.")} == {
        "semantic_dn.embedded_attribute_assignment",
        "semantic_dn.not_applicable_value",
    }


def test_engines_of_one_configuration_share_their_answers():
    pairs = [(_C, "JP"), (_ST, "Tokyo, C=JP"), (_CN, "www.example.jp")]
    one, two = engine_module.Engine(disabled=()), engine_module.Engine(disabled=())
    other = engine_module.Engine(disabled={"semantic_dn.whitespace"})
    assert one._answers is two._answers and one._rest_answers is two._rest_answers
    assert other._answers is not one._answers
    found = one.check(pairs)
    assert engine_module._answer_key(pairs) in two._answers
    assert two.check(pairs) == found
    assert other._answers == {}


def test_configurations_beyond_the_bound_keep_their_own_answers(monkeypatch):
    monkeypatch.setattr(engine_module, "_shared", {})
    monkeypatch.setattr(engine_module, "_SHARED_CONFIGURATIONS", 2)
    codes = [f.code for r in registry.rules() for f in r.findings]
    engines = [engine_module.Engine(disabled={c}) for c in codes[:4]]
    assert len(engine_module._shared) == 2
    again = engine_module.Engine(disabled={codes[3]})
    assert again._answers is not engines[3]._answers  # not shared: its own, empty
    pairs = [(_ST, "N/A")]
    engines[3].check(pairs)
    assert again._answers == {} and len(engines[3]._answers) == 1


def test_check_builds_one_engine_for_many_subjects_and_one_per_selection(monkeypatch):
    from pkilint_semantic_dn import check

    built = []

    class Counted(engine_module.Engine):
        def __init__(self, *args, **kwargs):
            built.append(kwargs.get("disabled", args[1] if len(args) > 1 else None))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine_module, "Engine", Counted)
    monkeypatch.setattr(engine_module, "_defaults", {})
    quiet = {"semantic_dn.embedded_attribute_assignment"}
    for i in range(50):
        every = check.check(
            f"C=JP, ST=Tokyo\\, C=JP, CN=www{i}.example.jp", disabled=()
        )
        assert "semantic_dn.embedded_attribute_assignment" in {
            f.code for f in every.findings
        }
        some = check.check(
            f"C=JP, ST=Tokyo\\, C=JP, CN=www{i}.example.jp", disabled=quiet
        )
        assert "semantic_dn.embedded_attribute_assignment" not in {
            f.code for f in some.findings
        }
    assert len(built) == 2


# --- Reading: whole plain PEM blocks at once (`corpus._next_block`) -----------------------


def _pem_lines(der: bytes, width: int = 64) -> list[bytes]:
    text = base64.b64encode(der)
    return [text[k : k + width] for k in range(0, len(text), width)]


def _block(der: bytes, label: bytes = b"CERTIFICATE", width: int = 64) -> bytes:
    lines = [b"-----BEGIN " + label + b"-----", *_pem_lines(der, width)]
    return b"\n".join(lines + [b"-----END " + label + b"-----", b""])


def _ders(rng: random.Random) -> list[bytes]:
    # The reader does not parse: DER-shaped bytes of certificate sizes are enough.
    ders = []
    for size in (700, 1400, 2100, 3000):
        body = bytes(rng.randrange(256) for _ in range(size))
        ders.append(b"\x30\x82" + len(body).to_bytes(2, "big") + body)
    return ders


def _variants(rng: random.Random, der: bytes) -> list[bytes]:
    """A plain block and layouts near it: some still plain (CRLF, the other certificate
    labels, 76-character lines, any END line), the others read line by line."""
    plain = _block(der)
    lines = _pem_lines(der)
    return [
        plain,
        plain.replace(b"\n", b"\r\n"),
        _block(der, rng.choice(sorted(corpus._CERTIFICATE_LABELS))),
        _block(der, b"PRIVATE KEY"),
        _block(der, width=76),
        plain[: rng.randrange(len(plain))],  # cut anywhere
        b"  " + plain,  # white space before BEGIN
        plain.replace(b"-----\n", b"-----\nProc-Type: 4,ENCRYPTED\n", 1),  # a header
        plain.replace(b"\n", b"\n\n", 3),  # empty lines
        plain.replace(lines[2], lines[2][:9] + b"!" + lines[2][9:]),
        plain.replace(
            lines[2], lines[2][:9] + b"\r" + lines[2][9:]
        ),  # CR inside a line
        plain.replace(lines[2], lines[2][:9] + b"-----" + lines[2][9:]),
        plain.replace(b"-----END CERTIFICATE-----", b"-----END CERTIFICATE----- x"),
        plain.replace(b"-----END CERTIFICATE-----", b"-----END whatever"),
        plain.replace(b"\n-----END", b"-----END"),  # END glued to the last line
        plain.replace(b"-----END CERTIFICATE-----\n", b""),  # no END line
        plain.replace(b"-----BEGIN CERTIFICATE-----", b"-----BEGIN CERTIFICATE----- "),
        b"x" + plain,  # BEGIN not at a line start
        b"-----BEGIN " * rng.randrange(1, 4) + plain,
        plain.replace(b"\n", b"", rng.randrange(1, 40)),  # long lines
        _block(der, width=1 << 20),  # the body on one line
        b"".join(lines) + b"\n",  # headerless base64 on one line
        b"\n".join(lines) + b"\n",  # headerless base64 over several lines
        b"\n".join(lines[:-2]) + b"\n",  # the same, cut short
        b"".join(_pem_lines(der) * 2) + b"\n",  # one line too many for a certificate
        b"noise " * rng.randrange(1, 30) + b"\n",
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 60))),
    ]


def _read(path, counts=None):
    counts = counts or corpus.InputCounts()
    return list(corpus.iter_items([str(path)], counts)), vars(counts)


@pytest.mark.parametrize("max_line", [corpus._MAX_LINE, 2500, 5000])
def test_plain_pem_blocks_read_at_once_give_what_reading_line_by_line_gives(
    monkeypatch, tmp_path, max_line
):
    rng = random.Random(max_line)
    ders = _ders(rng)
    monkeypatch.setattr(corpus, "_MAX_LINE", max_line)
    fast = corpus._next_block
    blocks_read_at_once = 0
    for trial in range(150):
        pieces = [rng.choice(_variants(rng, rng.choice(ders))) for _ in range(6)]
        data = b"".join(pieces)
        if rng.random() < 0.2:
            data = data.rstrip(b"\n")
        path = tmp_path / f"{trial}.pem"
        path.write_bytes(data)
        # Small reads too: blocks split between two reads, lines longer than a read.
        for block_size in (rng.choice([7, 100, 1000, 4096]), 1 << 17):
            monkeypatch.setattr(corpus, "_BLOCK", block_size)
            monkeypatch.setattr(corpus, "_next_block", fast)
            at_once = _read(path)
            monkeypatch.setattr(corpus, "_next_block", lambda data, pos: None)
            line_by_line = _read(path)
            assert at_once == line_by_line, (trial, block_size)
        pos = 0
        while (found := fast(data, pos)) is not None:
            blocks_read_at_once += 1
            pos = found[2]
    assert blocks_read_at_once > 50  # the fast path was taken, not only the plain one


def test_hostile_pem_layouts_are_searched_in_linear_time():
    # Only BEGIN at a line start is looked at further, and each search stops at the next
    # line end or `-----`: every byte is looked at a bounded number of times (counted, not
    # timed).
    calls = []

    class Counting(bytes):
        def find(self, sub, start=0, end=None):
            found = bytes.find(self, sub, start, len(self) if end is None else end)
            stop = len(self) if end is None else min(end, len(self))
            calls.append((found if found != -1 else stop) - start)
            return found

    for data in (
        b"-----BEGIN " * 20000,
        b"-----BEGIN CERTIFICATE-----\n" * 5000,
        b"-----BEGIN CERTIFICATE-----\n!\n" * 5000 + b"-----END CERTIFICATE-----\n",
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END " + b"x" * 50 + b"\n!\n") * 2000,
    ):
        calls.clear()
        hostile, pos, blocks = Counting(data), 0, 0
        while (found := corpus._next_block(hostile, pos)) is not None:
            blocks, pos = blocks + 1, found[2]
        assert sum(calls) <= 4 * len(data), len(data)
    assert blocks == 2000  # the last layout is plain: each of its blocks is found


def test_a_value_keeps_an_answer_for_each_set_of_values_its_rules_read(monkeypatch):
    # An OV and an EV subject in one city: the locality's rules read the jurisdiction's
    # country too, so the two read different values. Each keeps its own answer, and
    # neither pushes the other's out.
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    ov = [(_C, "DE"), (_ST, "Bayern"), (_L, "München"), (_O, "Example GmbH")]
    ev = [(_JC, "DE")] + ov
    elsewhere = [(_C, "AT"), (_ST, "Bayern"), (_L, "München"), (_O, "Example GmbH")]
    for pairs in (ov, ov, ev, elsewhere):
        assert check(pairs) == rules_alone.check(pairs)
    assert len(e._value_answers[(_L, "München")]) == 3

    # From now on the locality is answered from memory in all three: its rules would fail.
    def broken(*args, **kwargs):
        raise AssertionError("the locality's rules ran")

    plan = e._plans[_L]
    failing = tuple(r._replace(function=broken) for r in plan.any_value)
    monkeypatch.setitem(
        e._plans, _L, engine_module.Plan(failing, failing, None, failing, failing)
    )
    for pairs in (ov, ev, elsewhere, ov):
        e._rest_answers.clear()
        assert check(pairs) == rules_alone.check(pairs)
    # A fourth set of values read takes the oldest answer's place.
    monkeypatch.setitem(e._plans, _L, plan)
    fourth = [(_C, "CH")] + ov[1:]
    assert check(fourth) == rules_alone.check(fourth)
    kept = e._value_answers[(_L, "München")]
    assert len(kept) == 3
    assert [dict(d)[_C] for d, _ in kept] == [["CH"], ["AT"], ["DE"]]


def test_answers_beside_the_first_are_kept_only_when_small():
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    long_state = "Bayern " + "x" * engine_module._ALTERNATIVE_CHARACTERS
    first = [(_C, "DE"), (_ST, "Bayern"), (_L, "München")]
    big = [(_C, "DE"), (_ST, long_state), (_L, "München")]
    for pairs in (first, first, big):
        check(pairs)
    assert len(e._value_answers[(_L, "München")]) == 1


def _decoded_names(pems):
    """The subject and issuer RDNSequence nodes of each certificate, decoded by a lint."""
    from pkilint_semantic_dn.adapter import linting

    for profile, pem in pems:  # or DER
        doc = (linting.load_der if isinstance(pem, bytes) else linting.load_pem)(pem)
        linting.lint(profile, doc)
        for name in ("subject", "issuer"):
            yield doc.root.navigate(f"tbsCertificate.{name}.rdnSequence")


def _vector_pems():
    from helpers import VECTORS, vector_profile

    from pkilint_semantic_dn.adapter import linting

    for path in sorted(VECTORS.glob("**/*.crttest")):
        pem, _ = linting.read_crttest(path.read_text(encoding="utf-8"))
        rule = path.relative_to(VECTORS).parts[0]
        yield vector_profile(path, VECTORS / rule), pem


def test_name_pairs_reads_every_name_as_the_per_attribute_helpers_do():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import certs

    from cryptography import x509

    from pkilint_semantic_dn.adapter import validators

    # Besides the vectors: a type pkilint does not decode, and one the rules do not know.
    odd = certs.build_certificate(
        certs.PROFILES["pkix"],
        [
            certs.Attribute("1.2.3.4.5", "not decoded"),
            certs.Attribute("2.5.4.12", "Director"),  # title
            certs.Attribute("2.5.4.10", "AB"),
        ],
        9,
    )
    der = x509.load_pem_x509_certificate(odd.encode()).public_bytes(
        certs.serialization.Encoding.DER
    )
    at = der.index(b"\x0c\x0bnot decoded")
    undecodable = der[:at] + b"\x04" + der[at + 1 :]  # an OCTET STRING: no string
    seen = collections.Counter()
    for node in _decoded_names([("pkix", odd), ("pkix", undecodable), *_vector_pems()]):
        nodes, pairs = validators.name_pairs(node)
        assert pairs == [
            (validators.attribute_type(a), validators.attribute_value(a)) for a in nodes
        ]
        seen.update("undecoded" if value is None else "decoded" for _, value in pairs)
    assert seen["decoded"] > 1000 and seen["undecoded"] > 0


def test_name_pairs_gives_a_failing_attribute_to_the_helpers(monkeypatch):
    from pkilint_semantic_dn.adapter import validators

    node = next(_decoded_names(_vector_pems()))
    nodes, pairs = validators.name_pairs(node)
    broken = nodes[0]

    class Raising(dict):
        def __getitem__(self, key):
            raise RuntimeError("injected")

    # The attribute's own children fail: the helpers read it (as None and ""), the
    # others as before.
    monkeypatch.setattr(broken, "children", Raising(broken.children))
    _, again = validators.name_pairs(node)
    assert again == [("", None)] + pairs[1:]
    monkeypatch.undo()

    # Its string fails to render: the helpers still read its type.
    class Unprintable:
        def __str__(self):
            raise UnicodeError("injected")

    (string,) = broken.children["value"].children.values()
    while string.children:  # a DirectoryString's chosen string
        (string,) = string.children.values()
    monkeypatch.setattr(string, "pdu", Unprintable())
    _, again = validators.name_pairs(node)
    assert again == [(pairs[0][0], None)] + pairs[1:]


def test_the_subjects_country_is_asked_once_and_then_read_from_its_memo(monkeypatch):
    from pkilint_semantic_dn.core import geo
    from pkilint_semantic_dn.core.subject import Subject

    asked = []
    real = geo._country_in

    def counted(subject, country_oid):
        asked.append(country_oid)
        return real(subject, country_oid)

    monkeypatch.setattr(geo, "_country_in", counted)
    s = Subject([(_C, "JP"), (_JC, "DE"), (_ST, "Tokyo")])
    for _ in range(3):
        assert geo.subject_country(_ST, s) == "JP"
        assert geo.subject_country(_L, s) == "JP"
        assert (
            geo.subject_country("1.3.6.1.4.1.311.60.2.1.2", s) == "DE"
        )  # jurisdiction
    assert asked == [_C, _JC]
    # Pairs that are not a Subject get the same answers.
    assert geo.subject_country(_ST, [(_C, "JP")]) == "JP"
    assert geo.subject_country(_ST, ()) is None


def test_an_answer_kept_beside_another_keeps_the_bound_if_its_value_was_dropped_meanwhile(
    monkeypatch,
):
    # While the locality's rules run for a second set of values read, another thread drops
    # the locality's answers and fills the memo: the new answer still makes room first.
    monkeypatch.setattr(engine_module, "_VALUE_ANSWERS_KEPT", 4)
    e = engine_module.Engine(disabled=())
    check = _as_new(e)
    rules_alone = engine_module.Engine(disabled=(), keep_answers=False)
    ov = [(_C, "DE"), (_ST, "Bayern"), (_L, "München"), (_O, "Example GmbH")]
    ev = [(_JC, "DE")] + ov
    check(ov)
    check(ov)
    assert (_L, "München") in e._value_answers
    values = e._value_answers

    def crowding(rule):
        def run(attribute_oid, value, subject=()):
            values.pop((_L, "München"), None)
            for i in range(8):
                if len(values) < 4:
                    values[_L, f"Town {i}"] = (engine_module._NOTHING,)
            return rule.function(attribute_oid, value, subject)

        return rule._replace(function=run)

    plan = e._plans[_L]
    monkeypatch.setitem(
        e._plans,
        _L,
        engine_module.Plan(
            *(
                tuple(map(crowding, part)) if isinstance(part, tuple) else part
                for part in plan
            )
        ),
    )
    assert check(ev) == rules_alone.check(ev)
    assert len(values) == 4
    assert (_L, "München") in values
