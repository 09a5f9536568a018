"""The fast paths of issue 15 give exactly what the plain paths give.

- `corpus.format_rfc4514` (escapes only values that need it) against `dn_input.format_rfc4514`;
- the issuer memo of `corpus.identify_quietly` against a fresh parse;
- `shared_psl`: pkilint's internal-domain-name validators share one public-suffix list that
  answers as a fresh one, and nothing is changed when pkilint's module is not as expected.
No timing here: the speed targets live in `benchmarks/speed.py`.
"""

from __future__ import annotations

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
