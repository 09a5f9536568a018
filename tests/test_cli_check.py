"""`pkilint-semantic-dn check`: the DN-string, JSON and CSR parsers in process, then the
console command end to end on generated inputs, malformed ones included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from pkilint_semantic_dn import cli
from pkilint_semantic_dn.core import catalogue, dn_input, preissuance
from pkilint_semantic_dn.core.dn_input import DNInputError

C, ST, L, O, OU, CN = "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
INCIDENT = "C=JP,ST=Tokyo\\, C\\=JP,O=Example"
INCIDENT_MESSAGE = (
    'stateOrProvinceName value "Tokyo, C=JP" embeds the attribute assignment "C=JP" '
    '(countryName), which repeats the subject\'s countryName "JP"'
)


def values(parsed):
    return [(a.oid, a.value, a.rdn) for a in parsed.attributes]


def error_of(text, form="auto"):
    with pytest.raises(DNInputError) as e:
        dn_input.parse(text, form)
    return e.value


# --- RFC 4514 ------------------------------------------------------------------------------


def test_rfc4514_incident_is_one_attribute_in_certificate_order():
    parsed = dn_input.parse(INCIDENT)
    assert parsed.form == "rfc4514"
    # RFC 4514 lists the last RDN first: the subject starts with O here.
    assert values(parsed) == [(O, "Example", 0), (ST, "Tokyo, C=JP", 1), (C, "JP", 2)]
    assert [a.column for a in parsed.attributes] == [23, 6, 1]


def test_rfc4514_escapes_hex_pairs_hex_values_and_multi_valued_rdns():
    parsed = dn_input.parse_rfc4514(
        'CN=\\C3\\A9t\\C3\\A9\\20+OU=a\\+b, O = "Foo, Inc." ,L=#0C03616263,ST=\\#1\\ '
    )
    assert [(a.oid, a.value, a.rdn) for a in parsed] == [
        (ST, "#1 ", 0),
        (L, "abc", 1),
        (O, "Foo, Inc.", 2),
        (CN, "été ", 3),
        (OU, "a+b", 3),
    ]


def test_rfc4514_attribute_types_by_any_name_and_oid():
    parsed = dn_input.parse_rfc4514(
        "stateorprovincename=A,S=B,2.5.4.8=C,OID.2.5.4.8=D,1.2.3.4=E"
    )
    assert [(a.oid, a.value) for a in parsed] == [
        ("1.2.3.4", "E"),
        (ST, "D"),
        (ST, "C"),
        (ST, "B"),
        (ST, "A"),
    ]


def test_rfc4514_unescaped_spaces_at_the_ends_are_not_part_of_the_value():
    assert dn_input.parse_rfc4514("CN=  a b  ,O=\\ x\\ ")[1].value == "a b"
    assert dn_input.parse_rfc4514("O=\\ x\\ ")[0].value == " x "


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("CN=a\\qb", 5, 'bad escape "\\q"'),
        ("CN=a\\4", 5, "two hex digits"),
        ("CN=ab\\4G", 6, 'bad escape "\\4G"'),
        ("CN=\\C3\\28", 4, "are not valid UTF-8"),
        ("CN=a;O=b", 5, "unescaped ';'"),
        ("CN=a,", 5, "nothing follows the ','"),
        ("CN=a+  ", 5, "nothing follows the '+'"),
        ("CN=a\ud800b", 5, "lone surrogate (U+D800)"),  # a str from Python callers
        # '#'-hex values whose BMPString or UniversalString holds a surrogate code point.
        ("CN=#1E02D800", 4, "not valid utf-16-be"),
        ("CN=#1C040000DC00", 4, "not valid utf-32-be"),
        ("CN=a\\", 5, "lone backslash"),
        ("FOO=bar", 1, "unknown attribute type 'FOO'"),
        ("CN=a,=b", 6, "attribute type is missing"),
        ("CN=#0C0461", 4, "says 4 content bytes but holds 1"),
        ("CN=#0101FF", 4, "not a character string"),
        ("CN=#0C03616263x", 15, "hex digits only"),
        ('CN="open', 4, "not closed"),
        ("CN=a\x00b", 5, "NUL"),
        # The classic: a comma in a value left unescaped.
        (
            "O=Example, Inc.,C=US",
            12,
            "unescaped ',' at column 10 ended the previous value",
        ),
    ],
)
def test_rfc4514_errors_say_what_and_where(text, column, words):
    e = error_of(text, "rfc4514")
    assert e.column == column
    assert words in e.message
    assert str(e).startswith(f"column {column}: ")


def test_unescaped_incident_is_four_attributes_and_a_duplicate():
    report = cli.check("C=JP,ST=Tokyo, C=JP,O=Example")
    assert [a.value for a in report.subject.attributes] == [
        "Example",
        "JP",
        "Tokyo",
        "JP",
    ]
    assert [
        (f.severity, f.code, f.scope, f.attribute, f.related) for f in report.findings
    ] == [("ERROR", preissuance.DUPLICATE_ATTRIBUTE, "check", 3, (1,))]


# --- OpenSSL, JSON, CSR ----------------------------------------------------------------------


def test_openssl_one_line():
    parsed = dn_input.parse("/C=JP/ST=Tokyo\\/Kanto/CN=a+OU=b/O=x\\+y")
    assert parsed.form == "openssl"
    assert values(parsed) == [
        (C, "JP", 0),
        (ST, "Tokyo/Kanto", 1),
        (CN, "a", 2),
        (OU, "b", 2),
        (O, "x+y", 3),
    ]
    assert parsed.attributes[1].column == 7


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("/O=A/B Inc/C=US", 6, "a '/' inside the previous value must be written '\\/'"),
        ("/CN=a+b", 7, "a '+' inside the previous value must be written '\\+'"),
        ("/C=", 2, "empty value"),
        ("/", 1, "no attributes"),
        ("/CN=a\\", 6, "lone backslash"),
        ("/XX=a", 2, "unknown attribute type 'XX'"),
    ],
)
def test_openssl_errors(text, column, words):
    e = error_of(text, "openssl")
    assert (e.column, words in e.message) == (column, True), e.message


def test_json_list_in_certificate_order_with_any_type_name():
    parsed = dn_input.parse(
        '[{"type": "C", "value": "JP"}, {"type": "stateOrProvinceName", "value": "Tokyo"},'
        ' {"type": "2.5.4.10", "value": "Example"}]'
    )
    assert parsed.form == "json"
    assert values(parsed) == [(C, "JP", 0), (ST, "Tokyo", 1), (O, "Example", 2)]
    assert [a.where for a in parsed.attributes] == ["item 1", "item 2", "item 3"]


@pytest.mark.parametrize(
    "text, words, line, column",
    [
        ('[{"type": "C", "value": "JP"}\n  {"type"', "invalid JSON", 2, 3),
        ('{"type": "C"}', "must be a list", None, None),
        ("[]", "no attributes", None, None),
        (
            '[{"type": "Q", "value": "x"}]',
            "item 1: unknown attribute type 'Q'",
            None,
            None,
        ),
        ('[{"type": "C", "value": 1}]', 'item 1 (C) has no "value" string', None, None),
        ('["C=JP"]', "item 1 is not a", None, None),
        # A JSON escape can produce a lone surrogate, which no DirectoryString encodes.
        (
            '[{"type": "C", "value": "US"}, {"type": " O ", "value": "A\\ud800B"}]',
            "item 2 (O): character 2 of the value is a lone surrogate (U+D800)",
            None,
            None,
        ),
        ('[{"type": "O", "value": "\\udfff"}]', "(U+DFFF)", None, None),
        # The same in a str given to the Python API: where it is in the text.
        ('[{"type": "C",\n "value": "U\udc80S"}]', "lone surrogate (U+DC80)", 2, 13),
    ],
)
def test_json_errors(text, words, line, column):
    e = error_of(text, "json")
    assert words in e.message
    assert (e.line, e.column) == (line, column)


_KEY = ec.derive_private_key(0xC5A, ec.SECP256R1())


def make_csr(**names) -> x509.CertificateSigningRequest:
    oids = {"C": NameOID.COUNTRY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME}
    oids.update(O=NameOID.ORGANIZATION_NAME, CN=NameOID.COMMON_NAME)
    subject = x509.Name([x509.NameAttribute(oids[k], v) for k, v in names.items()])
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    return builder.sign(_KEY, hashes.SHA256())


INCIDENT_CSR = make_csr(C="JP", ST="Tokyo, C=JP", O="Example K.K.", CN="www.example.jp")
PEM = INCIDENT_CSR.public_bytes(serialization.Encoding.PEM)
DER = INCIDENT_CSR.public_bytes(serialization.Encoding.DER)


@pytest.mark.parametrize("data", [PEM, DER, b"openssl req -text output\n" + PEM])
def test_csr_pem_and_der(data):
    parsed = dn_input.parse(data)
    assert parsed.form == "csr"
    assert values(parsed) == [
        (C, "JP", 0),
        (ST, "Tokyo, C=JP", 1),
        (O, "Example K.K.", 2),
        (CN, "www.example.jp", 3),
    ]


def test_csr_with_empty_subject_has_nothing_to_check():
    empty = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([]))
    data = empty.sign(_KEY, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)
    report = cli.check(data)
    assert (report.subject.form, report.subject.attributes, report.findings) == (
        "csr",
        (),
        (),
    )


def test_bmp_string_surrogate_in_a_csr_is_unusable_input():
    der = make_csr(C="US", O="AQ").public_bytes(serialization.Encoding.DER)
    assert der.count(b"\x0c\x02AQ") == 1
    # The UTF8String "AQ" becomes a BMPString holding a lone high surrogate (the reader does
    # not check the signature).
    e = error_of(der.replace(b"\x0c\x02AQ", b"\x1e\x02\xd8\x00"))
    assert "not a valid PKCS #10 CSR" in e.message


def test_parsers_stay_linear_on_a_mebibyte_of_rdns():
    # Per-RDN work must not depend on the rest of the string (no copy of the rest per
    # RDN): quadratic parsing took seconds here. No timing assertion: a blow-up shows as a
    # slow test.
    count = (1 << 20) // len("L=Tokyo,")
    rfc4514 = ",".join(["L=Tokyo"] * count)
    parsed = dn_input.parse(rfc4514)
    assert (parsed.form, len(parsed.attributes)) == ("rfc4514", count)
    assert parsed.attributes[-1][:5] == (L, "Tokyo", count - 1, "column 1", 1)
    openssl = "/L=Tokyo" * count
    parsed = dn_input.parse(openssl)
    assert (parsed.form, len(parsed.attributes)) == ("openssl", count)
    assert parsed.attributes[-1].column == len(openssl) - len("L=Tokyo") + 1


def test_hostile_subject_stays_linear():
    started = time.monotonic()
    report = cli.check("CN=a," * 20000 + "C=US")
    assert len(report.subject.attributes) == 20001
    assert {f.code for f in report.findings} == {preissuance.DUPLICATE_ATTRIBUTE}
    assert max(len(f.related) for f in report.findings) == 5
    assert time.monotonic() - started < 30  # quadratic would take minutes


def test_rules_looking_up_the_subject_stay_linear():
    # stateOrProvinceName, localityName and postalCode rules read the subject's countryName
    # (and each other) for every attribute: a scan of the subject per attribute would make
    # this quadratic. No timing assertion: it takes well under a second when linear.
    report = cli.check("ST=a,L=b,postalCode=1," * 7000 + "C=US")
    assert len(report.subject.attributes) == 21001
    codes = {f.code for f in report.findings}
    assert preissuance.DUPLICATE_ATTRIBUTE in codes
    assert "semantic_dn.rule_failed" not in codes


@pytest.mark.parametrize(
    "data, words",
    [
        (PEM[:200], "has no END line"),
        (DER[:150], "not a valid PKCS #10 CSR"),
        (PEM.replace(b"CERTIFICATE REQUEST", b"CERTIFICATE"), "scan` for certificates"),
    ],
)
def test_csr_errors(data, words):
    assert words in error_of(data).message


@pytest.mark.parametrize(
    "data, form",
    [
        (b"  /C=JP", "openssl"),
        (b'\xef\xbb\xbf[{"type":"C","value":"JP"}]', "json"),
        (b"0.9.2342.19200300.100.1.25=com", "rfc4514"),  # starts with "0" but is text
        (DER, "csr"),
        (PEM, "csr"),
        (b"CN=x", "rfc4514"),
    ],
)
def test_detect_form(data, form):
    assert dn_input.detect_form(data) == form


@pytest.mark.parametrize(
    "data, words",
    [(b"", "empty"), (b" \n\t", "empty"), (b"\x01\xff\xfe\x00", "not UTF-8 text")],
)
def test_detect_form_rejects_non_input(data, words):
    with pytest.raises(DNInputError, match=words):
        dn_input.detect_form(data)


_TYPES = st.sampled_from([C, ST, L, O, OU, CN, "1.2.3.4.5"])
_VALUES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.tuples(_TYPES, _VALUES), min_size=1, max_size=3), min_size=1)
)
def test_rfc4514_output_parses_back_to_the_same_subject(rdns):
    text = dn_input.format_rfc4514(rdns)
    assert "\n" not in text and "\r" not in text
    parsed = dn_input.ParsedSubject("rfc4514", dn_input.parse_rfc4514(text))
    assert parsed.rdns() == [list(rdn) for rdn in rdns]


# --- Pre-issuance checks ---------------------------------------------------------------------


def test_repeats():
    subject = [
        (C, "JP"),
        (O, "A"),
        (OU, "x"),
        (OU, "y"),
        (CN, "a"),
        (CN, "b"),
        (C, " jp "),
    ]
    found = [(i, h.code) for i, h in preissuance.check_repeats(subject)]
    assert found == [
        (5, preissuance.REPEATED_ATTRIBUTE_TYPE),
        (6, preissuance.DUPLICATE_ATTRIBUTE),
    ]


@pytest.mark.parametrize(
    "value, flagged",
    [
        ("Example\\, Inc.", True),
        ("Example\\2C Inc.", True),
        ("#0C03616263", True),
        ("C:\\Users", False),  # a backslash before a letter is no RFC 4514 escape
        ("#1 Pizza", False),
        ("#0C03", False),  # too short to hold a string
        ("Example, Inc.", False),
    ],
)
def test_dn_string_syntax_in_value(value, flagged):
    hits = preissuance.check_dn_string_syntax(O, value)
    assert bool(hits) is flagged
    assert all(h.code == preissuance.DN_STRING_SYNTAX_IN_VALUE for h in hits)


@pytest.mark.parametrize(
    "value, flagged",
    [
        ("-", True),
        (".", True),
        ("", True),
        (" ", True),
        ("- -", True),
        ("&", True),  # punctuation (Po)
        ("\u2013", True),  # en dash
        ("\u00b7", True),  # middle dot
        ("3M", False),
        ("$", False),  # a currency symbol carries information
        ("\u20ac", False),
        ("+", False),  # a math symbol likewise
        ("A", False),
        ("\u6771", False),
        # Real names that are mostly punctuation still carry a letter or symbol.
        ("AT&T", False),
        ("Yahoo!", False),
        ("E*TRADE", False),
        ("C&A", False),
        ("(RED)", False),
        ("#1", False),
    ],
)
def test_metadata_only_value(value, flagged):
    hits = preissuance.check_metadata_only(O, value)
    assert bool(hits) is flagged
    assert all(h.code == preissuance.METADATA_ONLY_VALUE for h in hits)


def test_metadata_only_values_are_reported_once_by_check():
    # The rules leave such values to stock pkilint (not_applicable_value needs a letter or
    # digit), so before issuance this check is the only one that reports them.
    report = cli.check(
        '[{"type": "O", "value": "-"}, {"type": "OU", "value": "."},'
        ' {"type": "CN", "value": "www.example.com"}]'
    )
    assert [(f.code, f.attribute, f.scope) for f in report.findings] == [
        (preissuance.METADATA_ONLY_VALUE, 0, "check"),
        (preissuance.METADATA_ONLY_VALUE, 1, "check"),
    ]
    assert (
        cli.check(
            '[{"type": "O", "value": "-"}]', disabled=[preissuance.METADATA_ONLY_VALUE]
        ).findings
        == ()
    )


def test_dn_syntax_check_stays_quiet_where_a_rule_reported():
    # Family 1 already explains "Tokyo\, C\=JP": one finding, not two.
    report = cli.check(
        '[{"type": "ST", "value": "Tokyo\\\\, C\\\\=JP"}, {"type": "C", "value": "JP"}]'
    )
    assert [f.code for f in report.findings] == [EMBEDDED]


def test_check_uses_the_same_rules_and_catalogue():
    report = cli.check(INCIDENT)
    assert [(f.severity, f.code, f.scope, f.message) for f in report.findings] == [
        ("ERROR", EMBEDDED, "pkilint", INCIDENT_MESSAGE)
    ]
    for code in preissuance.CODES:
        assert catalogue.by_code()[code].scope == "check"


def test_disabled_codes_are_left_out():
    report = cli.check(INCIDENT, disabled=[EMBEDDED])
    assert report.findings == ()


# --- The console command -----------------------------------------------------------------------

_SCRIPT = Path(sys.executable).with_name("pkilint-semantic-dn")
COMMAND = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-m", "pkilint_semantic_dn"]
)


def run(*args, stdin=b""):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PKILINT_SEMANTIC_DN")
    }
    done = subprocess.run(
        COMMAND + list(args), input=stdin, capture_output=True, env=env, timeout=120
    )
    out, err = done.stdout.decode(), done.stderr.decode()
    assert "Traceback" not in out + err
    return done.returncode, out, err


def test_command_incident_text():
    status, out, err = run("check", INCIDENT)
    assert status == 1 and err == ""
    assert out == (
        "subject (RFC 4514 string, 3 attributes, certificate order):\n"
        '   1  organizationName     "Example"  (column 23)\n'
        '   2  stateOrProvinceName  "Tokyo, C=JP"  (column 6)\n'
        '   3  countryName          "JP"  (column 1)\n'
        "findings:\n"
        f"  ERROR    {EMBEDDED}  (attribute 2, column 6)\n"
        f"           {INCIDENT_MESSAGE}\n"
        "findings: 1 ERROR; exit status 1 (--fail-on WARNING)\n"
    )


def test_command_incident_json():
    status, out, _ = run("check", "--format", "json", INCIDENT)
    assert status == 1
    report = json.loads(out)
    assert report["form"] == "rfc4514"
    assert report["subject_rfc4514"] == "C=JP,ST=Tokyo\\, C=JP,O=Example"
    assert report["findings"] == [
        {
            "severity": "ERROR",
            "code": EMBEDDED,
            "scope": "pkilint",
            "attribute": 2,  # 1-based, as the text output says "attribute 2"
            "where": "column 6",
            "related": [],
            "message": INCIDENT_MESSAGE,
        }
    ]
    assert report["exit_status"] == 1
    assert report["schema_version"] == 1
    assert [(a["attribute"], a["rdn"]) for a in report["subject"]] == [
        (1, 1),
        (2, 2),
        (3, 3),
    ]


def test_command_csr_files(tmp_path):
    for name, data in (("req.pem", PEM), ("req.der", DER)):
        path = tmp_path / name
        path.write_bytes(data)
        status, out, _ = run("check", "--format", "json", "--file", str(path))
        assert status == 1
        report = json.loads(out)
        assert report["form"] == "csr"
        assert [(f["code"], f["where"]) for f in report["findings"]] == [
            (EMBEDDED, "RDN 2")
        ]


def test_command_reads_stdin_and_forces_the_form():
    status, out, _ = run(
        "check", "-", stdin=b'[{"type":"O","value":"Example\\\\, Inc."}]\n'
    )
    assert status == 1
    assert (
        "WARNING  semantic_dn.dn_string_syntax_in_value  (attribute 1, item 1)" in out
    )
    # Forced: the same text read as an RFC 4514 string is not a DN.
    status, _, err = run("check", "--form", "rfc4514", stdin=b'[{"type":"O"}]')
    assert status == 2 and "RFC 4514 string: column 1:" in err


def test_command_clean_and_fail_on_threshold():
    assert run("check", "/C=US/ST=California/O=Example Corporation")[0] == 0
    # A NOTICE (heuristic) does not block issuance unless asked to.
    status, out, _ = run("check", "O=E=MC2 Ltd,C=GB")
    assert (
        status == 0
        and "NOTICE   semantic_dn.possible_embedded_attribute_assignment" in out
    )
    assert run("check", "--fail-on", "notice", "O=E=MC2 Ltd,C=GB")[0] == 1
    assert run("check", "--fail-on", "ERROR", "C=US,CN=a,CN=b")[0] == 0
    assert run("check", "C=US,CN=a,CN=b")[0] == 1


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["check", "CN=a\\qb"], b"", 'RFC 4514 string: column 5: bad escape "\\q"'),
        (["check", "O=Example, Inc.,C=US"], b"", "column 12: expected TYPE=value"),
        (["check", "/O=A/B Inc/C=US"], b"", "OpenSSL -subj string: column 6"),
        (["check"], b"", "input: the input is empty"),
        (
            ["check", "-"],
            b"\x89PNG\r\n\x1a\n\x00\xff",
            "not UTF-8 text (byte 0x89 at offset 0)",
        ),
        (
            ["check"],
            PEM[:300],
            "PKCS #10 CSR: the PEM block 'CERTIFICATE REQUEST' has no END",
        ),
        (["check"], DER[:100], "PKCS #10 CSR: not a valid PKCS #10 CSR"),
        (
            ["check", "--file", "/nonexistent/req.pem"],
            b"",
            "cannot read /nonexistent/req.pem",
        ),
        (["check", "C=JP\nO=x"], b"", "line 2: a DN string must be one line"),
        (["check"], b"CN=" + b"x" * (1 << 20), "larger than 1,048,576 bytes"),
    ],
)
def test_command_unusable_input(args, stdin, message):
    status, out, err = run(*args, stdin=stdin)
    assert status == 2
    assert out == ""
    assert err.startswith("pkilint-semantic-dn check: error: ")
    assert message in err


@pytest.mark.parametrize("output", ["text", "json"])
def test_command_rejects_a_lone_surrogate(output):
    # "\ud800" is a JSON escape here (six characters), so the argument is valid UTF-8.
    subject = '[{"type":"O","value":"A\\ud800B"},{"type":"C","value":"US"}]'
    status, out, err = run("check", "--format", output, subject)
    message = (
        "item 1 (O): character 2 of the value is a lone surrogate (U+D800), which no "
        "DirectoryString can encode"
    )
    assert status == 2
    assert err == f"pkilint-semantic-dn check: error: JSON list: {message}\n"
    if output == "json":
        assert json.loads(out) == {
            "schema_version": 1,
            "error": {"message": message, "line": None, "column": None, "form": "json"},
            "exit_status": 2,
        }
    else:
        assert out == ""


def test_command_unusable_input_as_json():
    status, out, err = run("check", "--format", "json", "CN=a\\qb")
    assert status == 2 and "column 5" in err
    assert json.loads(out) == {
        "schema_version": 1,
        "error": {
            "message": 'bad escape "\\q": RFC 4514 allows a backslash only before one of '
            '" + , ; < > # = space \\ or two hex digits',
            "line": None,
            "column": 5,
            "form": "rfc4514",
        },
        "exit_status": 2,
    }


def test_command_usage_errors_exit_2():
    status, _, err = run("check", "--form", "xml", "CN=a")
    assert status == 2 and "invalid choice" in err
    assert run()[0] == 2


def test_a_named_command_builds_only_its_own_parser():
    def commands(argv):
        parser = cli._parser(argv)
        (sub,) = [a for a in parser._actions if a.dest == "command"]
        return sorted(sub.choices)

    assert commands(["check", INCIDENT]) == ["check"]
    assert commands(["scan", "certs/"]) == ["scan"]
    # Anything else first (the overall help, a misspelt command): every command.
    everything = sorted(cli.COMMANDS)
    assert commands(["--help"]) == commands(["chek"]) == commands([]) == everything
    # Any iterable of arguments, as argparse takes.
    assert cli.main(iter(["rules", "--format", "json"])) == 0


_IMPORTED = (
    "import sys\n"
    "from pkilint_semantic_dn import cli\n"
    "status = cli.main(sys.argv[1:])\n"
    "others = ('scan', 'serve', 'listing', 'corpus')\n"
    "print(status, [m for m in others if 'pkilint_semantic_dn.' + m in sys.modules])\n"
)


def test_check_in_a_fresh_process_imports_no_other_command():
    # What a pre-issuance pipeline pays per subject: not scan's and serve's imports.
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, "check", "--format", "json", INCIDENT],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.splitlines()[-1] == "1 []", done.stderr
