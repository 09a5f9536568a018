"""`pkilint-semantic-dn rules` and `explain`: every code of the registry, house rules included,
and one rule in full with its examples run through `check` (the output is what check reports,
checked against check itself)."""

import csv
import io
import json
from pathlib import Path

import pytest

from helpers import declared  # noqa: F401  (a fixture)

from pkilint_semantic_dn import check, cli, listing, rule
from pkilint_semantic_dn.adapter import linting
from pkilint_semantic_dn.core import catalogue, preissuance, registry

PACKAGED_METADATA = Path(listing.__file__).with_name("finding_metadata.csv")
EMBEDDED = "semantic_dn.embedded_attribute_assignment"


def _declare_house_rule():
    @rule(
        "acme.unapproved_state",
        severity="ERROR",
        description="stateOrProvinceName is not on the approved list",
        citation="ACME CPS 3.2.2.1",
        why="Our CPS allows no other state.",
        example="ST=Nevada",
        attributes=("ST",),
        examples=("ST=Nevada (C=US)",),
        near_misses=("ST=Tokyo (C=JP)",),
    )
    def unapproved_state(attribute_oid, value, subject):
        if value not in {"California", "Tokyo"}:
            yield f"stateOrProvinceName {value!r} is not approved"

    return unapproved_state


def main(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- rules ---------------------------------------------------------------------------------


def test_rules_csv_is_the_packaged_finding_metadata_without_house_rules(capsys):
    status, out, err = main(capsys, "rules", "--format", "csv")
    assert (status, err) == (0, "")
    with open(PACKAGED_METADATA, encoding="utf-8", newline="") as f:
        assert out == f.read()


def test_rules_csv_adds_the_house_rules_in_pkimetal_columns(capsys, declared):
    _declare_house_rule()
    status, out, err = main(capsys, "rules", "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["severity", "code", "source", "description"]
    assert rows[-2:] == [
        [
            "ERROR",
            "acme.unapproved_state",
            "ACME CPS 3.2.2.1",
            "stateOrProvinceName is not on the approved list",
        ],
        [
            "NOTICE",
            "semantic_dn.rule_failed",
            registry.RULE_FAILED.citation,
            registry.RULE_FAILED.description,
        ],
    ]
    # Every code pkilint can report, none of the check-only ones (pkilint never reports them).
    assert [r[1] for r in rows[1:]] == [e.code for e in catalogue.pkilint_entries()]
    assert not set(preissuance.CODES) & {r[1] for r in rows}


def test_rules_json_lists_every_code_with_its_rule_and_scope(capsys):
    status, out, err = main(capsys, "rules", "--format", "json")
    assert (status, err) == (0, "")
    records = json.loads(out)
    assert [r["code"] for r in records] == [e.code for e in catalogue.entries()]
    assert records[0] == {
        "code": EMBEDDED,
        "severity": "ERROR",
        "scope": "pkilint",
        "rule": "embedded_attribute_assignment",
        "origin": "built-in",
        "validator": "EmbeddedAttributeAssignmentValidator",
        "attributes": "every attribute except countryName, domainComponent, emailAddress, "
        "jurisdictionCountryName",
        "description": "The attribute value embeds an attribute assignment (KEYWORD=value "
        "after a DN separator, a multi-letter keyword at its start, or its own attribute's "
        "keyword at its start, as in 'O=Example Corp' in organizationName), so it is not "
        "information of its own type",
        "why": "A recognised keyword after a DN separator, or a multi-letter keyword or "
        "dotted OID at the start, is DN syntax: no real name has that shape.",
        "citation": "TLS BR 7.1.2.7.2-7.1.2.7.4 (each subject attribute, if present, MUST "
        "contain the Subject's information of that type, verified per 3.2); S/MIME BR "
        "7.1.4.2.2; RFC 5280 4.1.2.6 / X.501 (one AttributeTypeAndValue carries one "
        "attribute)",
        "example": "ST=Tokyo, C=JP",
    }
    check_only = [r for r in records if r["scope"] == "check"]
    assert [r["code"] for r in check_only] == list(preissuance.CODES)
    assert {(r["rule"], r["validator"]) for r in check_only} == {(None, None)}
    (failed,) = [r for r in records if r["code"] == "semantic_dn.rule_failed"]
    assert (failed["rule"], failed["scope"], failed["severity"]) == (
        None,
        "pkilint",
        "NOTICE",
    )


def test_rules_text_blocks_mark_check_only_codes_and_house_rules(capsys, declared):
    _declare_house_rule()
    status, out, err = main(capsys, "rules")
    assert (status, err) == (0, "")
    blocks = out.split("\n\n")
    duplicate = next(
        b for b in blocks if b.startswith("semantic_dn.duplicate_attribute")
    )
    assert duplicate.splitlines() == [
        "semantic_dn.duplicate_attribute  ERROR  [check only]",
        "    rule        (none: one of check's pre-issuance checks)",
        "    attributes  every attribute",
        "    catches     The requested subject gives the same attribute (type and value) twice",
        "    citation    TLS BR 7.1.4.1 (each Name MUST NOT contain more than one instance of "
        "a given",
        "                AttributeTypeAndValue unless explicitly allowed); Bugzilla 2004654 "
        "(a subject",
        "                assembled twice)",
        "    example     C=JP,ST=Tokyo, C=JP",
    ]
    house = next(b for b in blocks if b.startswith("acme.unapproved_state"))
    assert house.splitlines() == [
        "acme.unapproved_state  ERROR",
        f"    rule        acme_unapproved_state (house rule, {__name__})",
        "    attributes  stateOrProvinceName",
        "    catches     stateOrProvinceName is not on the approved list",
        "    citation    ACME CPS 3.2.2.1",
        "    example     ST=Nevada",
    ]
    n_rules = len(registry.rules())
    assert blocks[-1].splitlines() == [
        f"{len(catalogue.entries())} codes of {n_rules} rules (1 of them house rules); "
        f"{len(preissuance.CODES)} of the codes are reported by check only",
        "pkilint-semantic-dn explain CODE shows one rule in full",
    ]
    assert all(len(line) <= listing.WIDTH for line in out.splitlines())


# --- explain -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["semantic_dn.embedded_distinguished_name", "embedded_distinguished_name"]
)
def test_explain_takes_a_code_with_or_without_prefix(name):
    doc = listing.explanation(name)
    assert (doc["rule"], doc["code"]) == (
        "embedded_attribute_assignment",
        "semantic_dn.embedded_distinguished_name",
    )
    assert [c["code"] for c in doc["codes"]] == list(
        registry.by_code()[EMBEDDED][0].codes
    )


def test_explain_takes_a_rule_name_meaning_all_its_codes():
    doc = listing.explanation("country_in_place_name")
    assert (doc["rule"], doc["code"]) == ("country_in_place_name", None)
    assert [(c["code"], c["severity"]) for c in doc["codes"]] == [
        ("semantic_dn.country_name_in_state_or_locality", "WARNING"),
        ("semantic_dn.country_name_appended_to_state_or_locality", "WARNING"),
        ("semantic_dn.foreign_country_or_continent_in_state", "WARNING"),
        ("semantic_dn.possible_foreign_country_in_state", "NOTICE"),
    ]
    assert doc["attributes"] == (
        "jurisdictionLocalityName, jurisdictionStateOrProvinceName, localityName, "
        "stateOrProvinceName"
    )


def test_explain_text_of_a_real_rule(capsys):
    status, out, err = main(capsys, "explain", "whitespace")
    assert (status, err) == (0, "")
    whitespace = registry.by_code()["semantic_dn.repeated_whitespace"][0]
    head, _, examples = out.partition("\nviolation examples")
    assert head.startswith(f"rule whitespace\n\n{whitespace.doc}\n\n")
    assert "\nvalidator   WhitespaceValidator\n" in head
    assert (
        "\n  semantic_dn.leading_or_trailing_whitespace  WARNING\n"
        "    catches     The value starts or ends with white space\n"
        "    why         Very likely a data-entry or concatenation defect, but not provable "
        "from the\n"
        "                certificate alone.\n"
    ) in head
    assert examples.splitlines()[:8] == [
        ", and what check reports on each today:",
        "  O= Example Corporation",
        "    subject     O=\\ Example Corporation",
        '    WARNING  semantic_dn.leading_or_trailing_whitespace: organizationName value " '
        "Example",
        '             Corporation" has leading white space',
        "  L=Mountain View ",
        "    subject     L=Mountain View\\ ",
        "    WARNING  semantic_dn.leading_or_trailing_whitespace: localityName value "
        '"Mountain View " has',
    ]
    assert examples.endswith(
        "near misses (legitimate values it leaves alone), and check today:\n"
        "  O=株式会社\\u3000サンプル\n"
        "    subject     O=株式会社\\u3000サンプル\n"
        "    no finding\n"
        "  O=Example Widget Corporation of America\n"
        "    subject     O=Example Widget Corporation of America\n"
        "    no finding\n"
        "  O=Ｅｘａｍｐｌｅ\n"
        "    subject     O=Ｅｘａｍｐｌｅ\n"
        "    no finding\n"
    )


def test_explain_builds_the_subject_from_the_example_context():
    doc = listing.explanation("placeholder_value")
    assert doc["examples"][-1] == {
        "example": "SERIALNUMBER=00 (EV)",
        "subject": "serialNumber=00,businessCategory=Private Organization",
        "findings": [
            {
                "severity": "ERROR",
                "code": "semantic_dn.placeholder_value",
                "attribute": "serialNumber",
                "message": 'serialNumber value "00" is all zeros, not a registration number',
            }
        ],
    }
    assert doc["near_misses"][-1] == {
        "example": "SERIALNUMBER=0 (not EV)",
        "subject": "serialNumber=0",
        "findings": [],
    }
    # Words in parentheses that are no attributes stay in the value.
    prompt = doc["examples"][3]
    assert prompt["subject"] == "ST=State or Province Name (full name)"
    assert listing.example_subject("postalCode=1260 Nyon (C=CH, L=Nyon)") == [
        ("C", "CH"),
        ("L", "Nyon"),
        ("postalCode", "1260 Nyon"),
    ]
    assert listing.example_subject("Tokyo") is None


def test_explain_shows_what_check_reports_for_every_example_of_every_rule():
    """Honest: each example's findings are what check gives on the subject shown, and today
    every violation example carries a code of its rule and no near miss an ERROR/WARNING.
    """
    for r in registry.rules():
        doc = listing.explanation(r.name)
        assert len(doc["examples"]) == len(r.examples), r.name
        assert len(doc["near_misses"]) == len(r.near_misses), r.name
        for result in doc["examples"] + doc["near_misses"]:
            report = check.check(result["subject"], "rfc4514")
            assert [
                (f["severity"], f["code"], f["message"]) for f in result["findings"]
            ] == [(f.severity, f.code, f.message) for f in report.findings], result
        for result in doc["examples"]:
            assert {f["code"] for f in result["findings"]} & set(r.codes), result
        for result in doc["near_misses"]:
            assert not [
                f for f in result["findings"] if f["severity"] in ("ERROR", "WARNING")
            ], result


def test_explain_a_check_only_code_runs_its_example_as_a_subject(capsys):
    status, out, err = main(capsys, "explain", "duplicate_attribute")
    assert (status, err) == (0, "")
    assert out.startswith(
        "semantic_dn.duplicate_attribute (no rule of its own)\n\n"
        "Reported by pkilint-semantic-dn check only, on a requested subject before issuance\n"
        "(core/preissuance.py); pkilint never reports it.\n"
    )
    assert out.endswith(
        "violation examples, and what check reports on each today:\n"
        "  C=JP,ST=Tokyo, C=JP\n"
        "    subject     C=JP,ST=Tokyo,C=JP\n"
        '    ERROR    semantic_dn.duplicate_attribute: countryName "JP" is given twice: the '
        "subject would\n"
        "             carry the same attribute more than once, as when a DN is assembled "
        "twice\n"
    )
    doc = listing.explanation("dn_string_syntax_in_value")
    # Its example is a JSON value, not a DN string check could read: said, not invented.
    assert doc["examples"] == [
        {
            "example": 'JSON value "Example\\, Inc."',
            "error": "column 1: expected TYPE=value but found 'JSON value \"Example\\\\'",
        }
    ]


def test_explain_a_house_rule_declared_in_process(capsys, declared):
    _declare_house_rule()
    status, out, err = main(capsys, "explain", "acme.unapproved_state")
    assert (status, err) == (0, "")
    assert out == (
        f"rule acme_unapproved_state (house rule, {__name__})\n"
        "\n"
        f"{__doc__.strip()}\n"
        "\n"
        "attributes  stateOrProvinceName\n"
        "validator   AcmeUnapprovedStateValidator\n"
        "\n"
        "codes:\n"
        "  acme.unapproved_state  ERROR\n"
        "    catches     stateOrProvinceName is not on the approved list\n"
        "    why         Our CPS allows no other state.\n"
        "    citation    ACME CPS 3.2.2.1\n"
        "    example     ST=Nevada\n"
        "\n"
        "violation examples, and what check reports on each today:\n"
        "  ST=Nevada (C=US)\n"
        "    subject     ST=Nevada,C=US\n"
        "    ERROR    acme.unapproved_state: stateOrProvinceName 'Nevada' is not approved\n"
        "\n"
        "near misses (legitimate values it leaves alone), and check today:\n"
        "  ST=Tokyo (C=JP)\n"
        "    subject     ST=Tokyo,C=JP\n"
        "    no finding\n"
    )
    status, out, err = main(capsys, "explain", "unapproved_state")
    assert status == 2 and out == ""
    assert err == (
        "pkilint-semantic-dn explain: error: no such code or rule: 'unapproved_state' "
        "(did you mean acme_unapproved_state?)\n"
    )


def test_explain_an_unknown_name_exits_2_with_a_suggestion(capsys):
    status, out, err = main(capsys, "explain", "subdivison")
    assert (status, out) == (2, "")
    assert err == (
        "pkilint-semantic-dn explain: error: no such code or rule: 'subdivison' "
        "(did you mean subdivision?)\n"
    )
    status, out, err = main(capsys, "explain", "--format", "json", "nothing_like_it")
    assert (status, out) == (2, "")
    assert err == (
        "pkilint-semantic-dn explain: error: no such code or rule: 'nothing_like_it'\n"
    )


def test_explain_json_is_the_explanation(capsys):
    status, out, err = main(capsys, "explain", "--format", "json", "subdivision")
    assert (status, err) == (0, "")
    assert json.loads(out) == listing.explanation("subdivision")


def test_explain_says_when_the_environment_switched_a_code_off(monkeypatch):
    monkeypatch.setenv("PKILINT_SEMANTIC_DN_DISABLE", "repeated_whitespace")
    doc = listing.explanation("whitespace")
    assert doc["switched_off"] == ["semantic_dn.repeated_whitespace"]
    # What check reports with it switched off: nothing on the repeated-spaces example.
    assert doc["examples"][-1] == {
        "example": "O=Example  Corporation",
        "subject": "O=Example  Corporation",
        "findings": [],
    }
    text = listing.render_explanation_text(doc)
    assert (
        "\nvalidator   WhitespaceValidator\n"
        "switched off here by PKILINT_SEMANTIC_DN_DISABLE: semantic_dn.repeated_whitespace "
        "(check does not\nreport it below)\n\ncodes:\n"
    ) in text
