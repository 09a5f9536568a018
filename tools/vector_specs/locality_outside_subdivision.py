"""locality_outside_subdivision: a localityName the gazetteer places only in another
subdivision than the stateOrProvinceName, and the near misses it leaves alone: towns of one
name in several states, localities that are subdivisions or lie in them, city-states."""

from vectorlib import EV, OV, vector

OUTSIDE = "semantic_dn.locality_outside_subdivision"
POSTAL_IN_PLACE = "semantic_dn.postal_code_in_place_name"


def place(c, st, l, o="Example Ltd", **more):
    return {"O": o, **more, "C": c, "ST": st, "L": l}


_JP = dict(O="Example K.K.", dns_name="www.example.jp")

VECTORS = [
    # The examples: each value a real place, the address they make nonexistent.
    vector(
        "jp_osaka_given_with_tokyo", OV, OUTSIDE, **place("JP", "Tokyo", "Osaka", **_JP)
    ),
    vector(
        "jp_osaka_native_script_given_with_tokyo",
        OV,
        OUTSIDE,
        **place("JP", "東京都", "大阪市", **_JP),
    ),
    vector(
        "au_melbourne_given_with_new_south_wales",
        OV,
        OUTSIDE,
        **place("AU", "New South Wales", "Melbourne", "Example Pty Ltd"),
    ),
    vector(
        "us_san_francisco_given_with_new_york",
        OV,
        OUTSIDE,
        **place("US", "New York", "San Francisco", "Example Corporation"),
    ),
    vector(
        "ca_vancouver_given_with_ontario",
        OV,
        OUTSIDE,
        **place("CA", "Ontario", "Vancouver", "Example Inc."),
    ),
    vector(
        "it_roma_given_with_lombardia",
        OV,
        OUTSIDE,
        **place("IT", "Lombardia", "Roma", "Esempio S.p.A."),
    ),
    vector(
        "de_munich_exonym_given_with_hessen",
        OV,
        OUTSIDE,
        **place("DE", "Hessen", "Munich", "Beispiel GmbH"),
    ),
    vector(
        "ev_jurisdiction_locality_outside_jurisdiction_state",
        EV,
        OUTSIDE,
        JURST="Delaware",
        JURL="Seattle",
    ),
    # A county ISO 3166-2 has no code for yet (Norway's of 2024): a GeoNames unit.
    vector(
        "no_drammen_given_with_akershus",
        OV,
        OUTSIDE,
        **place("NO", "Akershus", "Drammen", "Eksempel AS"),
    ),
    # A municipality's name (a GeoNames unit below the first level), unique in Norway.
    vector(
        "no_nordkapp_municipality_given_with_vestland",
        OV,
        OUTSIDE,
        **place("NO", "Vestland", "Nordkapp", "Eksempel AS"),
    ),
    # Another rule already reports the locality value: this one yields.
    vector(
        "postal_code_in_locality_reported_by_address_parts_rule",
        OV,
        POSTAL_IN_PLACE,
        **place("JP", "Tokyo", "Osaka 530-0001", **_JP),
    ),
    # Near misses: towns of one name in several states, whichever state is given.
    vector(
        "near_miss_springfield_illinois",
        OV,
        (),
        **place("US", "Illinois", "Springfield", "Example Corporation"),
    ),
    vector(
        "near_miss_springfield_missouri",
        OV,
        (),
        **place("US", "Missouri", "Springfield", "Example Corporation"),
    ),
    vector(
        "near_miss_portland_maine",
        OV,
        (),
        **place("US", "Maine", "Portland", "Example Corporation"),
    ),
    vector(
        "near_miss_portland_oregon",
        OV,
        (),
        **place("US", "Oregon", "Portland", "Example Corporation"),
    ),
    # Localities that are subdivisions, or lie in one at any level.
    vector(
        "near_miss_new_york_in_ny",
        OV,
        (),
        **place("US", "NY", "New York", "Example Corporation"),
    ),
    vector(
        "near_miss_sao_paulo_in_sp",
        OV,
        (),
        **place("BR", "SP", "São Paulo", "Exemplo Ltda."),
    ),
    vector(
        "near_miss_mexico_city_in_cdmx",
        OV,
        (),
        **place("MX", "CDMX", "Ciudad de México", "Ejemplo S.A. de C.V."),
    ),
    vector(
        "near_miss_osaka_in_osaka_prefecture",
        OV,
        (),
        **place("JP", "大阪府", "大阪市", **_JP),
    ),
    vector(
        "near_miss_milano_in_its_region",
        OV,
        (),
        **place("IT", "Lombardia", "Milano", "Esempio S.p.A."),
    ),
    vector(
        "near_miss_milano_in_its_province_code",
        OV,
        (),
        **place("IT", "MI", "Milano", "Esempio S.p.A."),
    ),
    vector(
        "near_miss_paris_in_ile_de_france",
        OV,
        (),
        **place("FR", "Île-de-France", "Paris", "Exemple SAS"),
    ),
    # Norway's county of 2024 and the one of 2020 it was part of.
    vector(
        "near_miss_drammen_in_buskerud",
        OV,
        (),
        **place("NO", "Buskerud", "Drammen", "Eksempel AS"),
    ),
    vector(
        "near_miss_drammen_in_viken",
        OV,
        (),
        **place("NO", "Viken", "Drammen", "Eksempel AS"),
    ),
    # A canton of the stated province, named like a town of another.
    vector(
        "near_miss_desamparados_canton_in_san_jose",
        OV,
        (),
        **place("CR", "San José", "Desamparados", "Ejemplo S.A."),
    ),
    # City-states: locality, state and country are one.
    vector(
        "near_miss_singapore",
        OV,
        (),
        **place("SG", "Singapore", "Singapore", "Example Pte. Ltd."),
    ),
    vector(
        "near_miss_hong_kong",
        OV,
        (),
        **place("HK", "Hong Kong", "Kowloon", "Example Limited"),
    ),
    vector(
        "near_miss_monaco",
        OV,
        (),
        drop=("ST",),
        O="Exemple SAM",
        C="MC",
        L="Monaco",
    ),
]
