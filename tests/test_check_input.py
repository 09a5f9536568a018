"""`check` on input it cannot use: a clear one-line error (exit 2, the JSON error document
under --format json), never an internal error. Hostile JSON, RFC 4514 characters left
unescaped, a file name given as the subject, what cryptography's reader says about a DER
certificate or a damaged CSR, several CSRs in one PEM."""

from __future__ import annotations

import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from check_support import run_command, run_in_process, validate
from pkilint_semantic_dn.core import dn_input
from pkilint_semantic_dn.core.dn_input import DNInputError

CN, O, C = "2.5.4.3", "2.5.4.10", "2.5.4.6"


def error_of(text, form="auto") -> DNInputError:
    with pytest.raises(DNInputError) as e:
        dn_input.parse(text, form)
    return e.value


# --- 1. JSON that the standard library cannot take -----------------------------------------

DEEP = b"[" * 100_000
HUGE_NUMBER = b'[{"type": "C", "value": ' + b"9" * 5000 + b"}]"


def test_deeply_nested_json_is_unusable_input():
    e = error_of(DEEP)
    assert e.message == "the JSON nests too deeply: a subject is a list of objects"
    # Not too deep for the list of objects a subject is, and nested values are refused.
    assert "item 1 is not a" in error_of("[[[[" + "]]]]").message


def test_a_five_thousand_digit_number_is_just_not_a_value():
    assert error_of(HUGE_NUMBER).message == 'item 1 (C) has no "value" string'
    e = error_of(b"[" + b"1" * 5000 + b"]")
    assert e.message == 'item 1 is not a {"type": ..., "value": ...} object'
    e = error_of(b"1" * 5000, "json")
    assert e.message.endswith("objects, not a number")


@pytest.mark.slow
@pytest.mark.parametrize(
    "data, message",
    [
        (DEEP, "the JSON nests too deeply"),
        (HUGE_NUMBER, 'item 1 (C) has no "value" string'),
    ],
)
@pytest.mark.parametrize("output", ["text", "json"])
def test_command_hostile_json_is_a_clear_error(data, message, output):
    status, out, err = run_command("--format", output, stdin=data)
    assert status == 2
    assert err.startswith(f"pkilint-semantic-dn check: error: JSON list: {message}")
    assert err.count("\n") == 1 and "internal error" not in err
    if output == "json":
        document = validate(json.loads(out))
        assert document["error"]["message"].startswith(message)
        assert (document["error"]["form"], document["exit_status"]) == ("json", 2)
    else:
        assert out == ""


# --- 2. RFC 4514 section 3: '"', '<' and '>' must be escaped ----------------------------


@pytest.mark.parametrize(
    "text, column, character, escaped",
    [
        ('CN=a"b', 5, '"', '\\"'),
        ("CN=Jane Doe <jane@example.com>,O=Example", 13, "<", "\\<"),
        ("O=Example,CN=a>b", 15, ">", "\\>"),
        ('CN=x,O=Say "hi"', 12, '"', '\\"'),
        ("CN=\\C3\\A9<", 10, "<", "\\<"),  # after hex pairs
    ],
)
def test_unescaped_special_characters_are_refused_with_column_and_hint(
    text, column, character, escaped
):
    e = error_of(text, "rfc4514")
    assert e.column == column
    assert e.message == (
        f"unescaped {character!r} inside a value: RFC 4514 requires it escaped: "
        f"write it as '{escaped}' (or \\{ord(character):02X})"
    )
    assert str(e).startswith(f"column {column}: ")


@pytest.mark.parametrize(
    "text, value",
    [
        ('CN=a\\"b', 'a"b'),
        ("CN=a\\22b", 'a"b'),
        ("CN=Jane \\<jane@example.com\\>", "Jane <jane@example.com>"),
        ("CN=\\3Cx\\3E", "<x>"),
        ('CN="a <b> \\"c\\", d"', 'a <b> "c", d'),  # a quoted value (RFC 1779)
        ('CN= "q"', "q"),
        ("CN=#0C03223C3E", '"<>'),  # a '#'-hex value
        ("CN=a=b#c", "a=b#c"),  # '=' and a '#' not at the start need no escape
    ],
)
def test_every_escaped_form_still_works(text, value):
    assert [a.value for a in dn_input.parse(text, "rfc4514").attributes] == [value]


def test_written_subjects_escape_them_and_parse_back():
    rdns = [[(CN, 'Jane "JD" <jd@example.com>')], [(O, "A<B>C")]]
    text = dn_input.format_rfc4514(rdns)
    assert text == 'O=A\\<B\\>C,CN=Jane \\"JD\\" \\<jd@example.com\\>'
    assert dn_input.ParsedSubject("rfc4514", dn_input.parse_rfc4514(text)).rdns() == [
        list(rdn) for rdn in rdns
    ]


@pytest.mark.slow
def test_command_refuses_an_unescaped_quote():
    status, out, err = run_command('CN=a"b,O=Example')
    assert (status, out) == (2, "")
    assert err == (
        "pkilint-semantic-dn check: error: RFC 4514 string: column 5: unescaped '\"' "
        "inside a value: RFC 4514 requires it escaped: write it as '\\\"' (or \\22)\n"
    )


# --- 7. Common mistakes ---------------------------------------------------------------------

_KEY = ec.derive_private_key(0x13C, ec.SECP256R1())


def _name(**names) -> x509.Name:
    oids = {"C": NameOID.COUNTRY_NAME, "O": NameOID.ORGANIZATION_NAME}
    oids["CN"] = NameOID.COMMON_NAME
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in names.items()])


def _csr(**names) -> x509.CertificateSigningRequest:
    builder = x509.CertificateSigningRequestBuilder().subject_name(_name(**names))
    return builder.sign(_KEY, hashes.SHA256())


def _certificate() -> x509.Certificate:
    import datetime

    name = _name(C="JP", O="Example", CN="www.example.jp")
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(_KEY.public_key())
        .serial_number(0x13C)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=90))
    )
    return builder.sign(_KEY, hashes.SHA256())


PEM = _csr(C="JP", O="Example", CN="www.example.jp").public_bytes(
    serialization.Encoding.PEM
)
DER = _csr(C="JP", O="Example").public_bytes(serialization.Encoding.DER)
CERT_DER = _certificate().public_bytes(serialization.Encoding.DER)
CERT_PEM = _certificate().public_bytes(serialization.Encoding.PEM)


@pytest.mark.parametrize(
    "data, message",
    [
        (
            CERT_DER,
            "this is an X.509 certificate, not a certificate request (CSR): use "
            "`pkilint-semantic-dn scan FILE` to check a certificate",
        ),
        # A certificate's PEM relabelled as a request: the same plain answer.
        (
            CERT_PEM.replace(b"CERTIFICATE", b"CERTIFICATE REQUEST"),
            "this is an X.509 certificate, not a certificate request (CSR)",
        ),
        (
            DER[:150],
            "not a valid PKCS #10 CSR: the data ends before the structure it declares: "
            "truncated?",
        ),
        (
            DER + b"\x00",
            "not a valid PKCS #10 CSR: bytes follow the end of the request",
        ),
        (
            DER[:3] + b"\x02" + DER[4:],  # an INTEGER where the request info starts
            "not a valid PKCS #10 CSR: its DER structure is not that of a certificate "
            "request (an unexpected ASN.1 element in the request information)",
        ),
        (
            PEM.replace(b"-----\nMI", b"-----\n!!", 1),
            "the PEM block 'CERTIFICATE REQUEST' (line 1) is not valid base64",
        ),
    ],
)
def test_reader_errors_are_plain_sentences(data, message):
    e = error_of(data)
    assert e.message.startswith(message)
    for internal in ("ParseError", "kind:", "Tag {", "::", "InvalidData", "https://"):
        assert internal not in e.message


def test_several_requests_in_one_pem_are_refused():
    two = b"req -text output\n" + PEM + PEM
    e = error_of(two)
    lines = [
        i + 1 for i, l in enumerate(two.split(b"\n")) if l.startswith(b"-----BEGIN")
    ]
    assert e.message == (
        f"the input holds 2 certificate requests (PEM blocks at lines {lines[0]}, "
        f"{lines[1]}); check takes one at a time: split them, or give each as a line of "
        "--batch"
    )


def test_one_request_next_to_a_key_is_read():
    key = _KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    parsed = dn_input.parse(key + PEM)
    assert [(a.oid, a.value) for a in parsed.attributes] == [
        (C, "JP"),
        (O, "Example"),
        (CN, "www.example.jp"),
    ]


def test_a_pem_certificate_still_points_to_scan():
    e = error_of(CERT_PEM)
    assert e.message == (
        "the PEM block is 'CERTIFICATE', not 'CERTIFICATE REQUEST': use "
        "`pkilint-semantic-dn scan` for certificates"
    )


def test_a_file_name_given_as_the_subject(tmp_path, monkeypatch):
    (tmp_path / "incident.csr").write_bytes(PEM)
    (tmp_path / "certs").mkdir()
    monkeypatch.chdir(tmp_path)
    status, out, err = run_in_process("incident.csr")
    assert (status, out) == (2, "")
    assert err == (
        "pkilint-semantic-dn check: error: RFC 4514 string: column 1: expected "
        "TYPE=value but found 'incident.csr'; 'incident.csr' is a file: to check what it "
        "holds, use --file incident.csr\n"
    )
    status, _, err = run_in_process("certs")
    assert status == 2
    assert err.endswith(
        "'certs' is a directory: `pkilint-semantic-dn scan certs` checks certificates\n"
    )
    # A name that is no file gets the parser's message alone.
    assert run_in_process("missing.csr")[2].endswith("found 'missing.csr'\n")


@pytest.mark.slow
def test_command_mistakes_end_to_end(tmp_path):
    (tmp_path / "incident.csr").write_bytes(PEM)
    (tmp_path / "cert.der").write_bytes(CERT_DER)
    (tmp_path / "two.pem").write_bytes(PEM + PEM)
    status, out, err = run_command("incident.csr", cwd=tmp_path)
    assert status == 2 and "use --file incident.csr" in err
    status, out, _ = run_command("--file", "incident.csr", cwd=tmp_path)
    assert status == 0 and out.startswith("subject (PKCS #10 CSR, 3 attributes")
    for name, words in (
        ("cert.der", "this is an X.509 certificate, not a certificate request"),
        ("two.pem", "the input holds 2 certificate requests"),
    ):
        status, out, err = run_command("--format", "json", "--file", name, cwd=tmp_path)
        assert status == 2 and words in err and "ParseError" not in err
        assert words in validate(json.loads(out))["error"]["message"]
