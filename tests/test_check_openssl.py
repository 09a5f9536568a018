"""`check` reads what OpenSSL prints for a subject, in certificate order: the default and
`-nameopt oneline` print-out (`C = JP, ST = Tokyo, ...`, form `openssl-oneline`),
`-nameopt RFC2253` (RFC 4514, last RDN first), with or without `subject=` / `Subject:`.
Captured print-outs in process; then real openssl output of a generated request whose
subject holds commas, '+', quotes, '<>;', a backslash and UTF-8, compared attribute by
attribute with the request itself."""

from __future__ import annotations

import json

import pytest

from check_support import (
    make_openssl_request,
    openssl,
    run_command,
    run_in_process,
    validate,
)
from pkilint_semantic_dn import check
from pkilint_semantic_dn.core import dn_input

C, ST, L, O, OU, CN = "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3"
EMAIL = "1.2.840.113549.1.9.1"
EMBEDDED = "semantic_dn.embedded_attribute_assignment"

# `openssl req -noout -subject` of the brief (OpenSSL 3.0, default -nameopt).
BRIEF = "subject=C = JP, ST = Tokyo, O = Example, CN = www.example.jp"
BRIEF_ORDER = [(C, "JP"), (ST, "Tokyo"), (O, "Example"), (CN, "www.example.jp")]

# Captured from OpenSSL 3.0.19 for the request make_openssl_request writes.
ONELINE = (
    'subject=C = JP, ST = "Tokyo, C=JP", L = \\E6\\9D\\B1\\E4\\BA\\AC\\E9\\83\\BD '
    '\\C3\\9Cn\\C3\\AF, O = "Foo + Bar \\"Q\\" <x>; y\\\\z", CN = www.example.jp + '
    'OU = R&D, CN = " lead#trail ", CN = "#hash", jurisdictionC = JP, '
    "businessCategory = Private Organization, emailAddress = a@example.jp"
)
RFC2253 = (
    "subject=emailAddress=a@example.jp,businessCategory=Private Organization,"
    "jurisdictionC=JP,CN=\\#hash,CN=\\ lead#trail\\ ,OU=R&D+CN=www.example.jp,"
    'O=Foo \\+ Bar \\"Q\\" \\<x\\>\\; y\\\\z,'
    "L=\\E6\\9D\\B1\\E4\\BA\\AC\\E9\\83\\BD \\C3\\9Cn\\C3\\AF,ST=Tokyo\\, C=JP,C=JP"
)
EXPECTED_RDNS = [
    [(C, "JP")],
    [(ST, "Tokyo, C=JP")],
    [(L, "\u6771\u4eac\u90fd \u00dcn\u00ef")],
    [(O, 'Foo + Bar "Q" <x>; y\\z')],
    sorted([(CN, "www.example.jp"), (OU, "R&D")]),
    [(CN, " lead#trail ")],
    [(CN, "#hash")],
    [("1.3.6.1.4.1.311.60.2.1.3", "JP")],
    [("2.5.4.15", "Private Organization")],
    [(EMAIL, "a@example.jp")],
]


def rdn_sets(parsed) -> list:
    # The order inside a multi-valued RDN is a SET's: OpenSSL prints it either way round.
    return [sorted(rdn) for rdn in parsed.rdns()]


@pytest.mark.parametrize(
    "text",
    [
        BRIEF,
        BRIEF[len("subject=") :],
        "subject= C = JP, ST = Tokyo, O = Example, CN = www.example.jp",
        "        Subject: C = JP, ST = Tokyo, O = Example, CN = www.example.jp",  # -text
        "subject=CN=www.example.jp,O=Example,ST=Tokyo,C=JP",  # -nameopt RFC2253
        "subject= /C=JP/ST=Tokyo/O=Example/CN=www.example.jp",  # OpenSSL 1.0
    ],
)
def test_the_brief_print_out_in_certificate_order(text):
    parsed = dn_input.parse(text)
    assert [(a.oid, a.value) for a in parsed.attributes] == BRIEF_ORDER


def test_print_out_forms_are_detected():
    assert dn_input.detect_form(BRIEF.encode()) == "openssl-oneline"
    assert dn_input.detect_form(BRIEF[8:].encode()) == "openssl-oneline"
    assert dn_input.detect_form(RFC2253.encode()) == "rfc4514"
    assert dn_input.detect_form(b"subject= /C=JP") == "openssl"
    assert dn_input.detect_form(b"CN=a, O=b") == "rfc4514"  # Java, .NET: ", " only


@pytest.mark.parametrize("text", [ONELINE, RFC2253])
def test_captured_print_outs_with_every_special_character(text):
    assert rdn_sets(dn_input.parse(text)) == EXPECTED_RDNS


def test_columns_are_those_of_the_pasted_line():
    parsed = dn_input.parse(BRIEF)
    assert [a.column for a in parsed.attributes] == [9, 17, 29, 42]
    assert [a.rdn for a in parsed.attributes] == [0, 1, 2, 3]
    e = pytest.raises(
        dn_input.DNInputError, dn_input.parse, "subject=C = JP, XX = y"
    ).value
    assert (e.column, e.message) == (17, "unknown attribute type 'XX'")


def test_the_form_can_be_forced():
    # The same string read as RFC 4514 (last RDN first) is the reverse subject.
    parsed = dn_input.parse(BRIEF, "rfc4514")
    assert [(a.oid, a.value) for a in parsed.attributes] == BRIEF_ORDER[::-1]
    parsed = dn_input.parse("CN=a,O=b", "openssl-oneline")
    assert [(a.oid, a.value) for a in parsed.attributes] == [(CN, "a"), (O, "b")]


def test_an_empty_subject_print_out_has_nothing_to_check():
    report = check.check("subject=")
    assert (report.subject.attributes, report.findings) == ((), ())


def test_the_incident_print_out_is_found_where_it_is():
    status, out, _ = run_in_process("--format", "json", ONELINE)
    document = validate(json.loads(out))
    assert (status, document["form"]) == (1, "openssl-oneline")
    # Numbered in certificate order: 5 and 6 are the RDN "CN = www.example.jp + OU = R&D".
    assert [(f["code"], f["attribute"]) for f in document["findings"]] == [
        (EMBEDDED, 2),
        ("semantic_dn.leading_or_trailing_whitespace", 7),
        ("semantic_dn.repeated_attribute_type", 7),
        ("semantic_dn.repeated_attribute_type", 8),
    ]
    assert [a["rdn"] for a in document["subject"]] == [1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10]
    status, out, _ = run_in_process(BRIEF)
    assert out.startswith(
        "subject (OpenSSL print-out, 4 attributes, certificate order):\n"
        '   1  countryName          "JP"  (column 9)\n'
    )


# --- Real openssl ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def request_file(tmp_path_factory):
    return make_openssl_request(tmp_path_factory.mktemp("openssl"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "nameopt, form",
    [
        ((), "openssl-oneline"),  # the default
        (("-nameopt", "oneline"), "openssl-oneline"),
        (("-nameopt", "oneline,-esc_msb"), "openssl-oneline"),  # UTF-8 as it is
        (("-nameopt", "RFC2253"), "rfc4514"),
        (("-nameopt", "RFC2253,-esc_msb"), "rfc4514"),
    ],
)
def test_real_openssl_print_outs_give_the_request_subject(request_file, nameopt, form):
    folder = request_file.parent
    want = rdn_sets(dn_input.parse(request_file.read_bytes()))
    assert want == EXPECTED_RDNS
    for command in ("req", "x509"):
        if command == "x509":
            certificate = folder / "certificate.pem"
            if not certificate.exists():
                openssl(
                    "x509",
                    "-req",
                    "-in",
                    request_file.name,
                    "-key",
                    "key.pem",
                    "-days",
                    "1",
                    "-out",
                    certificate.name,
                    cwd=folder,
                )
            source = ("x509", "-in", certificate.name)
        else:
            source = ("req", "-in", request_file.name)
        printed = openssl(*source, "-noout", "-subject", *nameopt, cwd=folder)
        assert printed.startswith(b"subject=")
        for text in (printed, printed[len("subject=") :]):
            assert dn_input.detect_form(text) == form
            assert rdn_sets(dn_input.parse(text)) == want, text
        # -text: the "Subject:" line, pasted with its indentation.
        shown = openssl(*source, "-noout", "-text", *nameopt, cwd=folder)
        line = next(x for x in shown.splitlines() if b"Subject:" in x)
        assert rdn_sets(dn_input.parse(line)) == want, line


@pytest.mark.slow
def test_command_on_real_openssl_output(request_file):
    printed = openssl(
        "req", "-in", request_file.name, "-noout", "-subject", cwd=request_file.parent
    )
    status, out, err = run_command("--format", "json", stdin=printed)
    by_csr = run_command("--format", "json", "--file", str(request_file))
    document, expected = json.loads(out), json.loads(by_csr[1])
    assert (status, err) == (by_csr[0], "")
    assert document["form"] == "openssl-oneline"
    assert [f["code"] for f in document["findings"]] == [
        f["code"] for f in expected["findings"]
    ]
    assert EMBEDDED in [f["code"] for f in document["findings"]]
    status, out, _ = run_command("--form", "openssl-oneline", printed.decode().strip())
    assert out.startswith(
        "subject (OpenSSL print-out, 11 attributes, certificate order)"
    )
