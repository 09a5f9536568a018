"""Hostile input never makes a plugin validator raise.

Three ways in, as a CA's pipeline would feed them:

- real certificates (tools/certs.py) whose subject values use every DirectoryString type, and
  hand-built DER (pyasn1) where cryptography refuses to encode the value (invalid UTF-8 in a
  UTF8String, odd-length BMPString, lone surrogates...), linted through the stock factories;
- pkilint's pyasn1 node path directly: names built by hand from AttributeTypeAndValue nodes,
  handed to the registered validator's `match`/`validate` (and to the one-rule validators);
- the engine on plain strings (empty, lone surrogates, RTL overrides, combining-mark floods,
  64 KiB values, thousands of separators and `=`), and subjects of 20,000 attributes.

A validator must never let an exception out (pkilint would report `base.unhandled_exception`,
FATAL), no FATAL may come from any of this plugin's validators, and no rule may fail
(`semantic_dn.rule_failed`), whatever validator reports it; `test_the_harness_sees_a_broken_rule`
shows that a deliberately broken rule makes these checks fail. Linear time is not asserted
here (no timing in tests); `benchmarks/value_scaling.py` and `benchmarks/subject_scaling.py`
show it.
"""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pkilint import document
from pyasn1.codec.der import decoder as der_decoder
from pyasn1.codec.der import encoder as der_encoder
from pyasn1.type import char, namedtype, univ
from pyasn1_alt_modules import rfc5280

import certs
from helpers import broken_rule  # noqa: F401  (a fixture)
from pkilint_semantic_dn.adapter import linting, registration, validators
from pkilint_semantic_dn.core import attributes, catalogue, engine, registry
from pkilint_semantic_dn.core.registry import Hit

OUR_VALIDATORS = {r.validator for r in registry.rules()} | {"SemanticDnValidator"}
CODES = catalogue.by_code()
RULE_FAILED = "semantic_dn.rule_failed"
# A finding quotes a shortened value; a 64 KiB value must not become a 64 KiB message.
MAX_MESSAGE = 4096

HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KIB64 = 64 * 1024

# Values that have hurt parsers and normalisers; each is tried in every attribute.
HOSTILE_VALUES = {
    "empty": "",
    "space": " ",
    "lone_high_surrogate": "Tokyo\ud800",
    "lone_low_surrogate": "\udc00Tokyo",
    "rtl_override": "\u202eTokyo, C=JP\u202c",
    "bidi_isolates": "\u2066Tokyo\u2069\u2067",
    "combining_flood": "T" + "\u0301" * 10_000,
    "zalgo_mixed": "To\u0336\u0337ky\u0338o" * 500,
    "nul_and_controls": "Tokyo\x00\x01\x1b[31m\x7f\x85",
    "bom_and_zero_width": "\ufeffTo\u200bky\u200do",
    "nfkc_expansion": "\ufdfa" * 4096,  # each expands to 18 characters
    "fullwidth_dn": "Ｔｏｋｙｏ，Ｃ＝ＪＰ" * 1000,
    "separators": ",;+/" * 16_384,
    "equals": "=" * KIB64,
    "assignments": "C=JP," * 13_000,
    "keyword_runs": "stateOrProvinceName" * 3_000 + "=x",
    "dotted_oid_runs": "2.5.4.8." * 8_000 + "=x",
    "backslashes": "\\" * KIB64,
    "hex_escapes": "\\3D\\2C" * 10_000,
    "bad_hex_escapes": "\\ZZ\\3" * 10_000,
    "spaces": " " * KIB64,
    "ideographic_spaces": "\u3000" * KIB64,
    "astral": "\U0001f600\U00010000\U0010ffff" * 8_000,
    "quotes_and_html": '"&amp;&#x27;<b>' * 5_000,
    "placeholder_like": "Some-State " * 6_000,
    "mixed_64k": ("Tokyo, C=JP; N/A \u202e\u0301 =\\, ") * 2_500,
}

# Every attribute type the plugin knows, plus one it does not.
ATTRIBUTE_OIDS = [a.oid for a in attributes.ATTRIBUTE_TYPES] + ["1.2.3.4.5.6.7"]
# The types the rule families treat differently, for the (slower) 64 KiB values.
REPRESENTATIVE_OIDS = [
    attributes.COUNTRY_NAME,
    attributes.STATE_OR_PROVINCE_NAME,
    attributes.LOCALITY_NAME,
    attributes.ORGANIZATION_NAME,
    attributes.ORGANIZATIONAL_UNIT_NAME,
    attributes.COMMON_NAME,
    attributes.STREET_ADDRESS,
    attributes.POSTAL_CODE,
    attributes.SERIAL_NUMBER,
    attributes.EMAIL_ADDRESS,
    attributes.DOMAIN_COMPONENT,
    attributes.JURISDICTION_STATE_OR_PROVINCE_NAME,
    attributes.JURISDICTION_COUNTRY_NAME,
    "1.2.3.4.5.6.7",
]


def _ours(findings) -> list:
    """Findings that say the plugin failed: `rule_failed` from any validator, any FATAL
    (an unhandled exception among them) from one of this plugin's validators. Stock
    validators' own exceptions on odd input are stock pkilint's (unchanged by the plugin:
    tests/test_peer_vectors.py and the corpus audit compare stock findings)."""
    return [
        f
        for f in findings
        if f.code == RULE_FAILED
        or (f.severity == "FATAL" and f.validator in OUR_VALIDATORS)
    ]


def _check_hits(hits) -> None:
    assert isinstance(hits, list)
    for hit in hits:
        assert isinstance(hit, Hit)
        assert hit.code in CODES and hit.code != RULE_FAILED
        assert isinstance(hit.message, str) and len(hit.message) <= MAX_MESSAGE


# --------------------------------------------------------------------------------------------
# engine.check_attribute on plain strings


@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_engine_hostile_values_every_attribute(name):
    value = HOSTILE_VALUES[name]
    for oid in ATTRIBUTE_OIDS if len(value) <= 4096 else REPRESENTATIVE_OIDS:
        subject = [
            (attributes.COUNTRY_NAME, "JP"),
            (oid, value),
            (attributes.ORGANIZATION_NAME, value),
        ]
        _check_hits(engine.check_attribute(oid, value, subject))
    engine.check_subject([(oid, value) for oid in ATTRIBUTE_OIDS])


def test_engine_huge_subject():
    """Thousands of attributes as context for one value."""
    subject = [(attributes.STATE_OR_PROVINCE_NAME, f"C=JP{i}, ") for i in range(3000)]
    subject += [(attributes.COUNTRY_NAME, "JP"), (attributes.COUNTRY_NAME, None)]
    _check_hits(
        engine.check_attribute(
            attributes.STATE_OR_PROVINCE_NAME, "Tokyo, C=JP", subject
        )
    )


def _address_subject(n: int) -> list:
    """C=JP and n alternating ST/L values that make the address rules read the subject."""
    pairs = [(attributes.COUNTRY_NAME, "JP"), (attributes.POSTAL_CODE, "100-0001")]
    for i in range(n):
        oid = attributes.STATE_OR_PROVINCE_NAME if i % 2 else attributes.LOCALITY_NAME
        pairs.append((oid, f"Chiyoda-ku {i}, Tokyo"))
    return pairs


def test_engine_twenty_thousand_attributes():
    """A subject of 20,000 ST/L attributes, every one asking for the subject's other place
    values: computed once per subject (linear), so this completes in seconds."""
    hits = engine.Engine(disabled=()).check(_address_subject(20_000))
    assert all(h.code in CODES and h.code != RULE_FAILED for h in hits)
    assert len({h.index for h in hits}) >= 10_000


# Any code point, surrogates included (Python strings can hold them, and pkilint hands the
# validators whatever a BMPString or UniversalString decodes to).
_ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
_DN_ALPHABET = st.sampled_from(
    list(
        ",;+/=\\ \"'#<>()C.LSTO0123456789abcdefABCDEF\u3000\uff0c\uff1d\u202e\u0301\x00"
    )
)
_HOSTILE_TEXT = st.one_of(
    st.text(_ANY_CHARACTER, max_size=200),
    st.text(_DN_ALPHABET, max_size=400),
    st.lists(st.sampled_from(sorted(HOSTILE_VALUES)), max_size=3).map(
        lambda names: "".join(HOSTILE_VALUES[n][:300] for n in names)
    ),
)


@HYPOTHESIS
@given(
    oid=st.sampled_from(ATTRIBUTE_OIDS),
    value=_HOSTILE_TEXT,
    context=st.lists(
        st.tuples(st.sampled_from(ATTRIBUTE_OIDS), st.one_of(st.none(), _HOSTILE_TEXT)),
        max_size=6,
    ),
)
def test_engine_never_raises(oid, value, context):
    subject = [(oid, value)] + context
    _check_hits(engine.check_attribute(oid, value, subject))
    for hit in engine.check_subject(subject):
        assert hit.code in CODES and hit.code != RULE_FAILED


# --------------------------------------------------------------------------------------------
# Real certificates: every DirectoryString type through the stock factories

_PROFILES = ("tls_br/ov_final_certificate", "smime_br/organization/strict", "pkix")
# The attributes that carry the hostile value (country stays valid so the profile applies).
_CARRIERS = (
    attributes.STATE_OR_PROVINCE_NAME,
    attributes.LOCALITY_NAME,
    attributes.ORGANIZATION_NAME,
    attributes.ORGANIZATIONAL_UNIT_NAME,
    attributes.STREET_ADDRESS,
    attributes.COMMON_NAME,
)
# Values short enough for the types' upper bounds, so pkilint decodes most of them.
_CERTIFICATE_VALUES = {
    name: value[:60]
    for name, value in HOSTILE_VALUES.items()
    if name not in ("empty",)  # cryptography refuses empty values; hand-built below
}


def _lint_pem(profile: str, pem: str):
    try:
        doc = linting.load_pem(pem)
    except document.SubstrateDecodingFailedError:
        return None  # pkilint rejects the whole document: no validator runs
    return linting.lint(profile, doc)


def _lint_der(profile: str, der: bytes):
    try:
        doc = linting.load_der(der)
    except document.SubstrateDecodingFailedError:
        return None
    return linting.lint(profile, doc)


def _build(profile: str, value: str, string_type: str) -> str | None:
    subject = [certs.Attribute(attributes.COUNTRY_NAME, "JP")]
    subject += [certs.Attribute(oid, value, string_type) for oid in _CARRIERS]
    if profile.startswith("smime_br"):
        subject.append(certs.Attribute(attributes.EMAIL_ADDRESS, "someone@example.com"))
    try:
        return certs.build_certificate(certs.PROFILES[profile], subject, serial=0x1234)
    except (ValueError, UnicodeError):
        return (
            None  # cryptography cannot encode it in this type (the DER cases cover it)
        )


@pytest.mark.parametrize(
    "string_type", ["utf8", "printable", "bmp", "teletex", "universal"]
)
@pytest.mark.parametrize("profile", _PROFILES)
def test_certificates_every_string_type(profile, string_type):
    built = 0
    for name, value in _CERTIFICATE_VALUES.items():
        pem = _build(profile, value, string_type)
        if pem is None:
            continue
        built += 1
        findings = _lint_pem(profile, pem)
        if findings is None:
            # pyasn1-fasder rejects UniversalString (tag 28) anywhere in a certificate; the
            # plugin never sees such a document. Other types must decode at document level.
            assert string_type == "universal", name
            continue
        assert not _ours(findings), (name, _ours(findings))
    # cryptography refuses some values in some types (PrintableString's alphabet, ...).
    assert built >= 5, built


@HYPOTHESIS
@given(
    value=st.text(_ANY_CHARACTER, min_size=1, max_size=64)
    | st.text(_DN_ALPHABET, min_size=1, max_size=64),
    string_type=st.sampled_from(["utf8", "printable", "bmp", "teletex"]),
    profile=st.sampled_from(_PROFILES),
)
def test_certificates_arbitrary_values(value, string_type, profile):
    pem = _build(profile, value, string_type)
    if pem is not None:
        findings = _lint_pem(profile, pem)
        assert findings is None or not _ours(findings), _ours(findings)


# Hand-built DER: values cryptography will not encode.


def _tlv(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


UTF8, PRINTABLE, TELETEX, IA5, UNIVERSAL, BMP = 0x0C, 0x13, 0x14, 0x16, 0x1C, 0x1E

RAW_VALUES = {
    "utf8_invalid": _tlv(UTF8, b"Tokyo\xff\xfe\xc3\x28, C=JP"),
    "utf8_overlong_slash": _tlv(UTF8, b"Tokyo\xc0\xaf C=JP"),
    "utf8_encoded_surrogate": _tlv(UTF8, b"Tokyo\xed\xa0\x80"),
    "utf8_truncated": _tlv(UTF8, b"Tokyo\xe6\x9d"),
    "utf8_empty": _tlv(UTF8, b""),
    "utf8_64k": _tlv(UTF8, b", C=JP" * 11_000),
    "bmp_odd_length": _tlv(BMP, "Tokyo".encode("utf-16-be") + b"\x00"),
    "bmp_lone_surrogate": _tlv(BMP, "Tokyo".encode("utf-16-be") + b"\xd8\x00"),
    "bmp_surrogate_pair": _tlv(BMP, "\U0001f600 C=JP".encode("utf-16-be")),
    "bmp_empty": _tlv(BMP, b""),
    "bmp_64k": _tlv(BMP, "=,".encode("utf-16-be") * 16_384),
    "printable_forbidden_chars": _tlv(PRINTABLE, b"Tokyo; C=JP*@&\x00"),
    "printable_empty": _tlv(PRINTABLE, b""),
    "teletex_all_bytes": _tlv(TELETEX, bytes(range(256))),
    "teletex_empty": _tlv(TELETEX, b""),
    "ia5_high_bytes": _tlv(IA5, b"Tokyo\x80\xff"),
    "universal_odd_length": _tlv(UNIVERSAL, b"\x00\x00\x00T\x00\x00"),
    "universal_beyond_unicode": _tlv(UNIVERSAL, b"\x7f\xff\xff\xff"),
    "universal_surrogate": _tlv(UNIVERSAL, b"\x00\x00\xd8\x00"),
    "constructed_utf8": _tlv(0x2C, _tlv(UTF8, b"Tokyo") + _tlv(UTF8, b", C=JP")),
    "wrong_type_integer": _tlv(0x02, b"\x01"),
    "wrong_type_sequence": _tlv(0x30, _tlv(UTF8, b"C=JP")),
    "null": _tlv(0x05, b""),
}

_TEMPLATES: dict[str, tuple[bytes, int]] = {}


def _template(profile: str) -> bytes:
    """A certificate of the profile with a placeholder ST, as DER."""
    if profile not in _TEMPLATES:
        pem = _build(profile, "placeholder", "utf8")
        der = base64.b64decode("".join(pem.strip().splitlines()[1:-1]))
        _TEMPLATES[profile] = der
    return _TEMPLATES[profile]


def _with_raw_values(profile: str, raw: bytes, rdn_indexes) -> bytes:
    cert, _ = der_decoder.decode(_template(profile), asn1Spec=rfc5280.Certificate())
    rdns = cert["tbsCertificate"]["subject"]["rdnSequence"]
    for i in rdn_indexes:
        rdns[i][0]["value"] = univ.Any(raw)
    return der_encoder.encode(cert)


@pytest.mark.parametrize("name", sorted(RAW_VALUES))
@pytest.mark.parametrize("profile", _PROFILES)
def test_hand_built_der_values(profile, name):
    # RDN 1 is stateOrProvinceName; 1..6 are all carriers, so the context is hostile too.
    for indexes in ((1,), range(1, 1 + len(_CARRIERS))):
        findings = _lint_der(
            profile, _with_raw_values(profile, RAW_VALUES[name], indexes)
        )
        if findings is None:
            # pyasn1-fasder rejects the whole document (see above): UniversalString, and
            # constructed (BER) strings.
            assert name.startswith(("universal", "constructed")), name
            continue
        assert not _ours(findings), (name, _ours(findings))


def test_hand_built_der_multi_valued_rdn():
    """One RDN of 2,000 attributes (a multi-valued RDN), through pkilint."""
    cert, _ = der_decoder.decode(
        _template("tls_br/ov_final_certificate"), asn1Spec=rfc5280.Certificate()
    )
    rdns = cert["tbsCertificate"]["subject"]["rdnSequence"]
    rdn = rfc5280.RelativeDistinguishedName()
    for i in range(2000):
        atv = rfc5280.AttributeTypeAndValue()
        atv["type"] = rfc5280.id_at_localityName
        atv["value"] = univ.Any(_tlv(UTF8, f"Town {i:04}, Tokyo 100-0001".encode()))
        rdn.append(atv)
    rdns.append(rdn)
    findings = _lint_der("tls_br/ov_final_certificate", der_encoder.encode(cert))
    assert findings is not None
    assert not _ours(findings), _ours(findings)
    assert any(f.code.startswith("semantic_dn.") for f in findings)


def test_hand_built_der_thousands_of_attributes():
    """A subject of 2,000 RDNs: every validator sees every attribute as context."""
    cert, _ = der_decoder.decode(
        _template("tls_br/ov_final_certificate"), asn1Spec=rfc5280.Certificate()
    )
    rdns = cert["tbsCertificate"]["subject"]["rdnSequence"]
    for i in range(2000):
        atv = rfc5280.AttributeTypeAndValue()
        atv["type"] = rfc5280.id_at_stateOrProvinceName
        atv["value"] = univ.Any(_tlv(UTF8, f"Tokyo {i}, C=JP".encode()))
        rdn = rfc5280.RelativeDistinguishedName()
        rdn.append(atv)
        rdns.append(rdn)
    findings = _lint_der("tls_br/ov_final_certificate", der_encoder.encode(cert))
    assert findings is not None
    assert not _ours(findings), _ours(findings)


# --------------------------------------------------------------------------------------------
# pkilint's pyasn1 node path, directly


class _AnyDirectoryString(univ.Choice):
    """DirectoryString without size constraints, so empty and 64 KiB values can be built."""

    componentType = namedtype.NamedTypes(
        namedtype.NamedType("teletexString", char.TeletexString()),
        namedtype.NamedType("printableString", char.PrintableString()),
        namedtype.NamedType("universalString", char.UniversalString()),
        namedtype.NamedType("utf8String", char.UTF8String()),
        namedtype.NamedType("bmpString", char.BMPString()),
    )


class _Unprintable(char.UTF8String):
    """A decoded string whose text cannot be produced (as a malformed value can)."""

    def __str__(self):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")


class _Document(document.Document):
    def __init__(self):
        super().__init__(rfc5280.Name(), "hostile", b"", "hostile")


def _atv_node(doc, oid: str, value, parent=None, name="0", choice=True):
    """An AttributeTypeAndValue node whose value decoded to `value` (a pyasn1 string), or
    stayed undecoded when `value` is None."""
    atv = rfc5280.AttributeTypeAndValue()
    atv["type"] = univ.ObjectIdentifier(oid)
    atv["value"] = univ.Any(b"\x05\x00")
    node = document.PDUNode(doc, name, atv, parent)
    if value is not None:
        if choice:
            ds = _AnyDirectoryString()
            component = {
                char.TeletexString: "teletexString",
                char.PrintableString: "printableString",
                char.UniversalString: "universalString",
                char.BMPString: "bmpString",
            }.get(type(value), "utf8String")
            ds.setComponentByName(component, value)
            value = ds
        document.create_and_append_node_from_pdu(doc, value, node.children["value"])
    if parent is not None:
        parent.children[name] = node
    return node


def _subject_nodes(doc, values):
    """An RDNSequence node with one single-attribute RDN per (oid, pyasn1 value)."""
    sequence = document.PDUNode(doc, "rdnSequence", rfc5280.RDNSequence(), None)
    nodes = []
    for i, (oid, value) in enumerate(values):
        rdn = document.PDUNode(
            doc, str(i), rfc5280.RelativeDistinguishedName(), sequence
        )
        sequence.children[str(i)] = rdn
        nodes.append(_atv_node(doc, oid, value, parent=rdn))
    return nodes


_STRING_TYPES = (
    char.UTF8String,
    char.PrintableString,
    char.TeletexString,
    char.BMPString,
    char.UniversalString,
)


def _validate_all(*nodes) -> int:
    """Each rule validator alone on the attribute nodes, and all of them through the one the
    registration adds, which visits each enclosing RDNSequence node (once); returns how many
    validator calls were made."""
    targets = list(nodes)
    for node in nodes:
        sequence = node.parent.parent if node.parent is not None else None
        if sequence is not None and all(sequence is not t for t in targets):
            targets.append(sequence)
    matched = 0
    for validator in registration.create_rule_validators() + [
        validators.SemanticDnValidator()
    ]:
        for each in targets:
            if not validator.match(each):
                continue
            matched += 1
            results = validator.validate(each)  # must not raise
            assert isinstance(
                results, list
            )  # pkilint's container adds lists as they are
            for result in results:
                for description in result.finding_descriptions:
                    assert description.finding.code != RULE_FAILED, description.message
                    assert len(description.message or "") <= MAX_MESSAGE
    return matched


def test_every_validator_visits_the_hand_built_nodes():
    """The harness above really runs the validators: each one-rule validator and the
    combined one on the name, which reports the incident value on its attribute."""
    doc = _Document()
    nodes = _subject_nodes(
        doc,
        [
            (attributes.COUNTRY_NAME, char.PrintableString("JP")),
            (attributes.STATE_OR_PROVINCE_NAME, char.UTF8String("Tokyo, C=JP")),
        ],
    )
    assert _validate_all(nodes[1]) == len(registry.rules()) + 1
    sequence = nodes[1].parent.parent
    combined = validators.SemanticDnValidator()
    assert combined.match(sequence) and not combined.match(nodes[1])
    (result,) = combined.validate(sequence)
    assert result.node is nodes[1]
    assert [d.finding.code for d in result.finding_descriptions] == [
        "semantic_dn.embedded_attribute_assignment"
    ]


@pytest.mark.parametrize("string_type", _STRING_TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_nodes_every_string_type(name, string_type):
    doc = _Document()
    value = HOSTILE_VALUES[name]
    # Standalone attribute (no enclosing RDN or Name) and inside a hostile subject.
    _validate_all(_atv_node(doc, attributes.STATE_OR_PROVINCE_NAME, string_type(value)))
    nodes = _subject_nodes(
        doc,
        [(attributes.COUNTRY_NAME, char.PrintableString("JP"))]
        + [(oid, string_type(value)) for oid in _CARRIERS]
        + [(attributes.LOCALITY_NAME, None), ("1.2.3.4", _Unprintable("x"))],
    )
    _validate_all(*nodes)


def test_nodes_undecoded_and_unprintable_values():
    doc = _Document()
    for node in (
        _atv_node(doc, attributes.STATE_OR_PROVINCE_NAME, None),
        _atv_node(doc, attributes.STATE_OR_PROVINCE_NAME, _Unprintable("x")),
        _atv_node(
            doc, attributes.STATE_OR_PROVINCE_NAME, _Unprintable("x"), choice=False
        ),
        _atv_node(
            doc, attributes.ORGANIZATION_NAME, char.UTF8String("Acme"), choice=False
        ),
    ):
        _validate_all(node)


@HYPOTHESIS
@given(
    values=st.lists(
        st.tuples(
            st.sampled_from(ATTRIBUTE_OIDS),
            st.sampled_from(_STRING_TYPES),
            _HOSTILE_TEXT,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_nodes_arbitrary_subjects(values):
    doc = _Document()
    _validate_all(*_subject_nodes(doc, [(oid, t(v)) for oid, t, v in values]))


# --------------------------------------------------------------------------------------------
# The checks above can fail: a deliberately broken rule is seen by every one of them.


def test_the_harness_sees_a_broken_rule(broken_rule):
    """With one built-in rule made to raise, the certificate, node and engine checks of this
    module all see it (as `rule_failed`), while the subject's other findings survive and
    nothing is FATAL."""
    # Certificates through the stock factories.
    import vectorlib

    pem = certs.build_certificate(
        certs.PROFILES[vectorlib.OV],
        vectorlib.subject(vectorlib.OV, C="JP", ST="Tokyo, C=JP"),
        12345,
    )
    findings = linting.lint(
        "tls_br/ov_final_certificate", linting.load_pem(pem, "broken")
    )
    assert _ours(findings)
    assert "semantic_dn.embedded_attribute_assignment" in {f.code for f in findings}
    assert not [f for f in findings if f.severity == "FATAL"]
    # Hand-built nodes.
    doc = _Document()
    nodes = _subject_nodes(doc, [(attributes.ORGANIZATION_NAME, char.UTF8String("x"))])
    with pytest.raises(AssertionError):
        _validate_all(*nodes)
    # The engine on strings.
    with pytest.raises(AssertionError):
        _check_hits(engine.check_attribute(attributes.ORGANIZATION_NAME, "x", []))
