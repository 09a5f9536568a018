"""embedded_attribute_assignment on plain strings: exact hits for every form, silence on real
names; and the shared DN-assignment scanner it uses."""

from __future__ import annotations

import pytest

from pkilint_semantic_dn.core import normalise
from pkilint_semantic_dn.core.assignments import find_assignments
from pkilint_semantic_dn.rules import embedded_attribute_assignment as embedded

ST = "2.5.4.8"
O = "2.5.4.10"
JP = (("2.5.4.6", "JP"), (ST, "x"))

ASSIGNMENT = embedded.EMBEDDED_ATTRIBUTE_ASSIGNMENT
DN = embedded.EMBEDDED_DISTINGUISHED_NAME
POSSIBLE = embedded.POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT


def codes(value, oid=ST, subject=JP):
    return [h.code for h in embedded.check(oid, value, subject)]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Tokyo, C=JP", [ASSIGNMENT]),
        ("Tokyo; C=JP", [ASSIGNMENT]),
        ("Tokyo + C=JP", [ASSIGNMENT]),
        ("Tokyo/C=JP", [ASSIGNMENT]),
        ("Tokyo, c = jp", [ASSIGNMENT]),
        ("Tokyo, countryName=JP", [ASSIGNMENT]),
        ("Tokyo, COUNTRYNAME=JP", [ASSIGNMENT]),
        ("Tokyo, 2.5.4.6=JP", [ASSIGNMENT]),
        ("Tokyo, 1.3.6.1.4.1.99999.1=x", [ASSIGNMENT]),
        ("ST=Tokyo", [ASSIGNMENT]),
        ("stateOrProvinceName=Tokyo", [ASSIGNMENT]),
        ("C=JP", [ASSIGNMENT]),  # repeats the subject's countryName
        ("Tokyo\\, C\\=JP", [ASSIGNMENT]),
        ("Tokyo\\2C C\\3DJP", [ASSIGNMENT]),
        ("Tokyo，C＝JP", [ASSIGNMENT]),
        ("C=US, O=Example, CN=x", [DN]),
        ("/C=US/ST=California/L=Mountain View", [DN]),
        ("E=MC2 Ltd", [POSSIBLE]),
        ("C=US", [POSSIBLE]),  # does not repeat C=JP
    ],
)
def test_violations(value, expected):
    assert codes(value) == expected


CN, L, OU, TITLE, GN = "2.5.4.3", "2.5.4.7", "2.5.4.11", "2.5.4.12", "2.5.4.42"


@pytest.mark.parametrize(
    "oid, value",
    [
        # The attribute's own keyword at the start: its name pasted with its value.
        (O, "O=Example Corp"),
        (O, "o = Example Corp"),
        (O, "organizationName=Example Corp"),
        (O, "2.5.4.10=Example Corp"),
        (O, "Ｏ＝Example Corp"),  # full-width, as a DN parser folds it
        (O, "O\\=Example Corp"),  # RFC 4514 escaped
        (O, "O="),
        (CN, "CN=www.example.com"),
        (ST, "ST=Tokyo"),
        (ST, "S=Tokyo"),
        (L, "L=Minato-ku"),
        (OU, "OU=Sales"),
        (TITLE, "T=Engineer"),
        (GN, "G=Jane"),
    ],
)
def test_own_keyword_at_the_start_is_an_error(oid, value):
    assert codes(value, oid=oid) == [ASSIGNMENT]


@pytest.mark.parametrize(
    "oid, value, expected",
    [
        # Another attribute's single letter at the start can be a real name: as before.
        (O, "E=MC2 Ltd", [POSSIBLE]),
        (O, "L=Example", [POSSIBLE]),
        (O, "T=1 Labs", [POSSIBLE]),
        (OU, "O=Example", [POSSIBLE]),  # organizationName's keyword, not OU's
        (CN, "C=Example", [POSSIBLE]),
        # Letters that name no attribute.
        (O, "X=Y Studio", []),
        (O, "A=B Consulting", []),
        # The own keyword inside a word or after text is no assignment at its start.
        (O, "SOLO=Studio", []),
        (O, "Radio O=Mega", []),
    ],
)
def test_other_single_letter_prefixes_stay_as_they_were(oid, value, expected):
    assert codes(value, oid=oid) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Smith, Jones & Co.",
        "Acme Widgets (Acme Holdings, Inc.)",
        "SECOM Trust Systems CO.,LTD.",
        "C&A Mode GmbH",
        "1+1 Media Group",
        "Foo/Bar Inc.",
        "ST Microelectronics",
        "CN Rail",
        "Kids=Joy GmbH",
        "Formula x=y Research",
        "a=b",  # 'a' names no attribute
        "Tokyo, ABC=1",
        "Tokyo, 1.2=x",  # two arcs: not an OID keyword
        "http://example.com/?c=1",
        "=",
        "",
        "\\",
        "Tokyo\\",
    ],
)
def test_real_names_and_edge_cases_are_silent(value):
    assert codes(value, oid=O) == []


def test_not_applicable_attributes():
    assert embedded.check("1.2.840.113549.1.9.1", "srs0=ab=jane@example.net") == []
    assert embedded.check("2.5.4.6", "C=JP") == []


def test_message_names_attribute_and_relation():
    (hit,) = embedded.check(ST, "Tokyo, C=JP", JP)
    assert hit.message == (
        'stateOrProvinceName value "Tokyo, C=JP" embeds the attribute assignment '
        '"C=JP" (countryName), which repeats the subject\'s countryName "JP"'
    )
    (hit,) = embedded.check(ST, "Tokyo, C=US", JP)
    assert hit.message.endswith('while the subject\'s countryName is "JP"')
    (hit,) = embedded.check(O, "O=Example Corp", JP)
    assert hit.message == (
        'organizationName value "O=Example Corp" embeds the attribute assignment '
        '"O=Example Corp" (organizationName), which starts with the keyword of '
        'organizationName itself ("O")'
    )
    (hit,) = embedded.check(ST, "Tokyo\\, C\\=JP", JP)
    assert "embeds, after RFC 4514 unescaping, the attribute" in hit.message
    (hit,) = embedded.check(O, "/C=US/ST=California/L=Mountain View", JP)
    assert hit.message == (
        'organizationName value "/C=US/ST=California/L=Mountain View" contains a '
        "distinguished name: 3 attribute assignments (countryName, "
        "stateOrProvinceName, localityName)"
    )


def test_long_values_are_quoted_short():
    (hit,) = embedded.check(O, "x" * 5000 + ", C=JP", JP)
    assert len(hit.message) < 600
    assert "(5006 characters)" in hit.message


@pytest.mark.parametrize(
    "value",
    [
        "," * 32768 + " " * 32768 + "=",
        ", C=" * 16000,
        "=" * 65536,
        "C" * 65535 + "=",
        "\\" * 65536,
        "\\3D" * 20000,
        "１" * 30000 + "＝",
    ],
)
def test_hostile_values_do_not_raise(value):
    hits = embedded.check(O, value, JP)
    assert all(len(h.message) < 1000 for h in hits)


def test_find_assignments():
    (a,) = find_assignments("Tokyo, C=JP")
    assert (a.name, a.oid, a.text, a.value) == ("countryName", "2.5.4.6", "C=JP", "JP")
    assert a.after_separator and a.single_letter
    assert a.keyword == "C"
    (a,) = find_assignments("stateOrProvinceName=Tokyo")
    assert not a.after_separator and not a.single_letter
    assert a.keyword == "stateOrProvinceName"
    assert [a.oid for a in find_assignments("/C=US/ST=CA/L=x")] == [
        "2.5.4.6",
        "2.5.4.8",
        "2.5.4.7",
    ]
    assert find_assignments("Kids=Joy GmbH") == []
    assert find_assignments("Tokyo, 1.2=x") == []


def test_declaration():
    declared = embedded.check.rule
    assert declared.name == "embedded_attribute_assignment"
    assert declared.codes == embedded.CODES
    assert not declared.plain
    assert declared.never == embedded.NOT_APPLICABLE
    assert declared.attributes is None


def test_unescape():
    assert normalise.unescape_rfc4514("a\\,b\\3Dc\\\\d") == "a,b=c\\d"
    assert normalise.unescape_rfc4514("\\E6\\9D\\B1") == "東"
    assert normalise.unescape_rfc4514("\\FF") == "\\xff"
    assert normalise.unescape_rfc4514("end\\") == "end\\"
