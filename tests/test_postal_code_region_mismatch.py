"""postal_code_region_mismatch on plain strings: postal codes of another country's form or of
another state or province, the forms it accepts (spaces, hyphens, ZIP+4, lower case,
official prefixes), what it leaves to the postal code rule, one computation per subject, and
`check` reporting it before issuance."""

from __future__ import annotations

import pytest

from helpers import record_calls
from pkilint_semantic_dn import cli
from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.core import consistency, engine
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import postal_code_region_mismatch as rule

C, ST, L, PC = a.COUNTRY_NAME, a.STATE_OR_PROVINCE_NAME, a.LOCALITY_NAME, a.POSTAL_CODE
OUTSIDE = rule.POSTAL_CODE_OUTSIDE_SUBDIVISION
FORMAT = rule.POSTAL_CODE_FORMAT_MISMATCH


def codes(country, value, state=None):
    pairs = [(C, country)] + ([(ST, state)] if state else []) + [(PC, value)]
    return [h.code for h in rule.check(PC, value, pairs)]


@pytest.mark.parametrize(
    "country, state, value, expected",
    [
        # A ZIP code of another state (the issue's example: a New York ZIP in California).
        ("US", "California", "10001", [OUTSIDE]),
        ("US", "CA", "10001-1234", [OUTSIDE]),
        ("US", "Texas", "94043", [OUTSIDE]),
        ("US", "New York", "90210", [OUTSIDE]),
        # A forward sortation area of another province.
        ("CA", "Ontario", "V6B 1A1", [OUTSIDE]),
        ("CA", "Quebec", "M5V 3L9", [OUTSIDE]),
        ("CA", "Nunavut", "X1A 2L9", [OUTSIDE]),  # Yellowknife: Northwest Territories
        # Other countries with prefixes per subdivision.
        ("AU", "Victoria", "2000", [OUTSIDE]),
        ("JP", "Tokyo", "530-0001", [OUTSIDE]),
        ("IT", "Lombardia", "00100", [OUTSIDE]),  # a Roman code; Lombardy's provinces
        ("MX", "Jalisco", "06000", [OUTSIDE]),
        ("BR", "SP", "20040-020", [OUTSIDE]),
        ("IN", "Karnataka", "400001", [OUTSIDE]),
        # States whose ISO codes changed in 2023: Google's data lists them under the old
        # codes (CT, OR, UT), found by their names.
        ("IN", "Odisha", "400001", [OUTSIDE]),
        ("IN", "Uttarakhand", "226001", [OUTSIDE]),  # Lucknow, Uttar Pradesh
        ("IN", "Chhattisgarh", "751001", [OUTSIDE]),  # Bhubaneswar, Odisha
        # Another country's form.
        ("DE", None, "SW1A 1AA", [FORMAT]),
        ("DE", "Bayern", "8033", [FORMAT]),
        ("US", "California", "9404", [FORMAT]),
        ("US", None, "K1A 0B1", [FORMAT]),
        ("GB", None, "80331", [FORMAT]),
        ("NL", None, "10115", [FORMAT]),
        ("JP", None, "10001", [FORMAT]),
        ("CA", "Ontario", "D6B 1A1", [FORMAT]),  # no Canadian code starts with D
    ],
)
def test_mismatches(country, state, value, expected):
    assert codes(country, value, state) == expected


def test_messages_name_the_subdivisions_and_an_example():
    pairs = [(C, "US"), (ST, "California"), (PC, "10001")]
    assert [h.message for h in rule.check(PC, "10001", pairs)] == [
        'postalCode value "10001" is not a postal code of the subject\'s '
        'stateOrProvinceName "California" (US-CA California); it fits US-NY New York'
    ]
    pairs = [(C, "DE"), (PC, "SW1A 1AA")]
    (message,) = [h.message for h in rule.check(PC, "SW1A 1AA", pairs)]
    assert message.startswith(
        'postalCode value "SW1A 1AA" does not have the form of the postal codes of the '
        "subject's country DE, e.g. "
    )


@pytest.mark.parametrize(
    "country, state, value",
    [
        ("US", "California", "94043"),
        ("IN", "Odisha", "751001"),
        ("IN", "Uttarakhand", "248001"),  # Dehradun
        ("IN", "Chhattisgarh", "492001"),  # Raipur
        ("US", "CA", "94043-1351"),  # ZIP+4
        ("US", "CA", "94043 1351"),
        ("US", "CA", "940431351"),
        ("US", "New York", "10001"),
        (
            "US",
            "NY",
            "00501",
        ),  # the IRS's Holtsville ZIP, New York's despite its prefix
        ("US", "Texas", "73301"),  # Austin's IRS ZIP, Texas's despite its prefix
        ("US", "Puerto Rico", "00901"),
        ("CA", "Ontario", "K1A 0B1"),
        ("CA", "Ontario", "k1a0b1"),
        ("CA", "ON", "M5V-3L9"),
        ("CA", "Northwest Territories", "X1A 2L9"),
        ("CA", "Nunavut", "X0A 0H0"),
        ("AU", "NSW", "2000"),
        ("AU", "Australian Capital Territory", "2600"),
        ("JP", "東京都", "100-0001"),
        ("JP", "Tokyo", "1000001"),
        ("IT", "Lombardia", "20121"),
        ("IT", "MI", "20121"),
        ("MX", "CDMX", "06000"),
        ("BR", "São Paulo", "01310-100"),
        ("GB", "England", "SW1A 1AA"),
        ("GB", None, "EC1A 1BB"),
        ("NL", None, "1012 AB"),
        ("NL", None, "1012AB"),
        ("IE", None, "D02 X285"),
        ("PL", None, "00-950"),
        ("PT", None, "1250-096"),
        ("LV", "Rīga", "LV-1050"),
        ("LV", "Rīga", "1050"),  # without the letters all Latvian codes start with
        ("MD", None, "MD-2001"),  # Moldova's official prefix
        ("FR", None, "75008 CEDEX"),  # postal-line words are not compared
        ("GB", None, "BFPO 123"),
        # No data, no recognised state, no country: nothing is compared.
        ("US", "Calfornia", "10001"),
        ("XX", None, "SW1A 1AA"),
        ("AQ", None, "ABC"),
        ("DE", "Bayern", "10115"),  # no prefixes per German state in the data
        ("PY", None, "001001"),  # Paraguay: the two sources disagree on the form
        ("SG", "Singapore", "018956"),
        ("HK", "Hong Kong", "999077"),
        ("MC", None, "98000"),
    ],
)
def test_near_misses(country, state, value):
    assert codes(country, value, state) == []


def test_quiet_without_a_country_and_on_other_attributes():
    assert rule.check(PC, "10001", [(ST, "California"), (PC, "10001")]) == []
    pairs = [(C, "US"), (ST, "California"), (L, "10001")]
    assert rule.check(L, "10001", pairs) == []


@pytest.mark.parametrize(
    "value, code",
    [
        ("D-80331", "semantic_dn.country_prefix_in_postal_code"),
        ("1260 Nyon", "semantic_dn.place_name_in_postal_code"),
        ("PO Box 123", "semantic_dn.place_name_in_postal_code"),
        ("N/A", "semantic_dn.not_applicable_value"),
    ],
)
def test_defers_to_rules_that_report_the_postal_code_value(value, code):
    pairs = [(C, "DE"), (ST, "Bayern"), (L, "Nyon"), (PC, value)]
    assert [h.code for h in engine.check_subject(pairs)] == [code]


def test_several_states_report_only_outside_all_of_them():
    both = [(C, "US"), (ST, "California"), (ST, "New York"), (PC, "10001")]
    assert rule.check(PC, "10001", both) == []
    unknown = [(C, "US"), (ST, "California"), (ST, "Somewhere"), (PC, "10001")]
    assert rule.check(PC, "10001", unknown) == []


def test_subject_facts_are_computed_once_per_subject(monkeypatch):
    calls = []
    real = rule._facts

    def counted(subject):
        calls.append(1)
        return real(subject)

    monkeypatch.setattr(rule, "_facts", counted)
    pairs = [(C, "US"), (ST, "California")] + [(PC, "10001")] * 5_000
    whole = Subject(pairs)
    found = [rule.check(oid, value, whole) for oid, value in whole]
    assert sum(1 for f in found if f) == 5_000
    assert calls == [1]


def test_hostile_values_cost_nothing():
    pairs = [(C, "US"), (ST, "California")]
    for value in ("9" * 65536, "1" * 25, "\x00" * 10, "", "   ", "９００１０"):
        assert rule.check(PC, value, pairs + [(PC, value)]) == []


def test_a_state_value_longer_than_any_name_is_not_looked_up_nor_kept(monkeypatch):
    asked = record_calls(monkeypatch, rule, "_codes_cached")
    long = "California" * 1_000
    pairs = [(C, "US"), (ST, "California"), (ST, long), (PC, "10001")]
    assert rule.check(PC, "10001", pairs) == []
    assert asked == []
    assert [h.code for h in rule.check(PC, "10001", pairs[:2] + pairs[3:])] == [OUTSIDE]
    assert asked == [("US", ("California",))]


def test_prefixes_of_a_region_are_its_provinces():
    data = consistency.data()
    assert data.prefix_codes("US-CA") == ["US-CA"]
    provinces = data.prefix_codes("IT-25")  # Lombardia: its provinces' prefixes
    assert "IT-MI" in provinces and "IT-RM" not in provinces


def test_check_reports_the_issue_example_before_issuance():
    report = cli.check("C=US, ST=California, L=San Francisco, postalCode=10001")
    found = [(f.code, f.severity) for f in report.findings]
    assert found == [(OUTSIDE, "NOTICE")]
    report = cli.check("C=JP, ST=Tokyo, L=Osaka")
    assert [f.code for f in report.findings] == [
        "semantic_dn.locality_outside_subdivision"
    ]


def test_unreadable_data_is_a_rule_failure_not_a_crash(monkeypatch):
    """Injected: the data file cannot be read. Both rules fail on their values (the engine
    reports `rule_failed`, NOTICE), every other rule still runs."""

    def broken():
        raise OSError("consistency.json: injected read error")

    monkeypatch.setattr(consistency, "data", broken)
    for fn in (rule._verdict, rule._codes_cached):
        fn.cache_clear()
    from pkilint_semantic_dn.rules import locality_outside_subdivision as lrule

    lrule._resolve_cached.cache_clear()
    lrule._unit_outside.cache_clear()
    engine.forget_answers()  # and the engine's answers from before the failure
    pairs = [(C, "DE"), (ST, "Bayern"), (L, "Osaka"), (PC, "D-80331"), (L, "N/A")]
    hits = engine.Engine().check(pairs)
    assert [(h.attribute_oid, h.code, h.rule) for h in hits] == [
        (L, "semantic_dn.rule_failed", "locality_outside_subdivision"),
        # The postal code rule reports the prefix, and this rule defers to it.
        (PC, "semantic_dn.country_prefix_in_postal_code", "postal_code"),
        (L, "semantic_dn.not_applicable_value", "not_applicable_value"),
    ]
    pairs = [(C, "US"), (ST, "California"), (PC, "10001")]
    hits = engine.Engine().check(pairs)
    assert [(h.code, h.rule) for h in hits] == [
        ("semantic_dn.rule_failed", "postal_code_region_mismatch")
    ]
    assert "injected read error" in hits[0].message


def test_messages_stay_short_with_thousands_of_state_values():
    pairs = [(C, "US")] + [(ST, "California")] * 1_000 + [(PC, "10001")] * 1_000
    whole = Subject(pairs)
    hits = [h for oid, value in whole for h in rule.check(oid, value, whole)]
    assert [h.code for h in hits] == [OUTSIDE] * 1_000
    assert max(len(h.message) for h in hits) < 500
    # A state given again is quoted once.
    assert 'stateOrProvinceName "California" (US-CA California);' in hits[0].message
