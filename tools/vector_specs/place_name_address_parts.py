"""Vectors of the place name address parts rule: postal codes, street addresses and other place
names joined into one ST or L value (rule family 4 before the split)."""

from vectorlib import EV, OV, SMIME_ORG, vector

POSTAL = "semantic_dn.postal_code_in_place_name"
STREET = "semantic_dn.street_address_in_place_name"
JOINED = "semantic_dn.joined_place_names"
# Family 7 (the subdivision rule) also notices an ST that is no subdivision name once an
# address part is joined to it.
UNRECOGNIZED = "semantic_dn.unrecognized_subdivision"

_JP = dict(
    C="JP", ST="Tokyo", L="Minato-ku", O="Example K.K.", dns_name="www.example.jp"
)
_DE = dict(C="DE", ST="Bayern", L="München", O="Beispiel GmbH")

VECTORS = [
    # Postal codes in ST and L.
    vector("zip_in_state", OV, (POSTAL, UNRECOGNIZED), ST="California 94043"),
    vector(
        "postal_code_and_state_in_locality",
        OV,
        (POSTAL, JOINED),
        **{**_JP, "L": "Chiyoda-ku, Tokyo 100-0001"},
    ),
    vector(
        "uk_postcode_in_locality",
        OV,
        POSTAL,
        C="GB",
        ST="England",
        L="London SW1A 1AA",
        O="Example Ltd",
    ),
    vector(
        "canadian_postal_code_in_locality",
        OV,
        POSTAL,
        C="CA",
        ST="Ontario",
        L="Ottawa K1A 0B1",
        O="Example Inc.",
    ),
    vector(
        "postal_code_before_town",
        OV,
        POSTAL,
        C="AT",
        ST="Wien",
        L="1010 Wien",
        O="Beispiel GmbH",
    ),
    vector(
        "subjects_own_postal_code_in_locality",
        OV,
        POSTAL,
        C="IS",
        L="Reykjavík 101",
        POSTALCODE="101",
        O="Dæmi ehf.",
        drop=("ST",),
    ),
    # Street addresses in ST and L.
    vector(
        "street_address_in_locality",
        OV,
        STREET,
        L="1600 Amphitheatre Parkway, Mountain View",
    ),
    vector(
        "german_street_in_locality",
        OV,
        STREET,
        **{**_DE, "L": "Leopoldstraße 10, München"},
    ),
    vector(
        "french_street_in_locality",
        OV,
        STREET,
        C="FR",
        ST="Île-de-France",
        L="10 rue de Rivoli, Paris",
        O="Exemple SAS",
    ),
    vector("po_box_in_locality", OV, STREET, L="PO Box 1234, Mountain View"),
    vector(
        "suite_in_state",
        OV,
        (STREET, UNRECOGNIZED),
        L="Mountain View",
        ST="Suite 200, California",
    ),
    vector(
        "japanese_block_number_in_locality",
        OV,
        STREET,
        **{**_JP, "L": "Minato-ku 1-2-3"},
    ),
    vector(
        "japanese_chome_in_locality",
        OV,
        STREET,
        **{**_JP, "ST": "東京都", "L": "港区芝公園4丁目2番8号"},
    ),
    vector(
        "subjects_own_street_in_locality",
        OV,
        STREET,
        L="Shoreline Campus, Mountain View",
        STREET="Shoreline Campus",
    ),
    # Comma-separated parts, one of them the subject's other place attribute.
    vector("state_appended_to_locality", OV, JOINED, L="Mountain View, California"),
    vector(
        "locality_prepended_to_state",
        OV,
        (JOINED, UNRECOGNIZED),
        ST="Mountain View, California",
    ),
    vector(
        "ward_and_prefecture_in_locality",
        OV,
        JOINED,
        **{**_JP, "L": "Minato-ku, Tokyo"},
    ),
    vector(
        "ev_jurisdiction_locality_with_state", EV, JOINED, JURL="Wilmington, Delaware"
    ),
    vector(
        "smime_locality_with_state",
        SMIME_ORG,
        JOINED,
        ST="California",
        L="Mountain View, California",
    ),
    # Near misses: real place names with commas, parentheses, slashes, digits and street words.
    vector(
        "near_miss_washington_dc",
        OV,
        (),
        L="Washington, D.C.",
        ST="District of Columbia",
    ),
    vector(
        "near_miss_washington_dc_with_state_code", OV, (), L="Washington, D.C.", ST="DC"
    ),
    vector(
        "near_miss_san_andres",
        OV,
        (),
        C="CO",
        ST="San Andrés, Providencia y Santa Catalina",
        L="San Andrés",
        O="Ejemplo S.A.S.",
    ),
    vector(
        "near_miss_bristol_city_of",
        OV,
        (),
        C="GB",
        ST="Bristol, City of",
        L="Bristol",
        O="Example Ltd",
    ),
    vector(
        "near_miss_madrid_comunidad_de",
        OV,
        (),
        C="ES",
        ST="Madrid, Comunidad de",
        L="Madrid",
        O="Ejemplo S.L.",
    ),
    vector(
        "near_miss_frankfurt_oder",
        OV,
        (),
        C="DE",
        ST="Brandenburg",
        L="Frankfurt (Oder)",
        O="Beispiel GmbH",
    ),
    vector(
        "near_miss_halle_saale",
        OV,
        (),
        C="DE",
        ST="Sachsen-Anhalt",
        L="Halle (Saale)",
        O="Beispiel GmbH",
    ),
    vector(
        "near_miss_biel_bienne",
        OV,
        (),
        C="CH",
        ST="Bern",
        L="Biel/Bienne",
        O="Beispiel AG",
    ),
    vector(
        "near_miss_st_johns",
        OV,
        (),
        C="CA",
        ST="Newfoundland and Labrador",
        L="St. John's",
        O="Example Inc.",
    ),
    vector(
        "near_miss_braine_l_alleud",
        OV,
        (),
        C="BE",
        ST="Brabant wallon",
        L="Braine-l'Alleud",
        O="Exemple SA",
    ),
    vector(
        "near_miss_stratford_upon_avon",
        OV,
        (),
        C="GB",
        ST="Warwickshire",
        L="Stratford-upon-Avon",
        O="Example Ltd",
    ),
    vector(
        "near_miss_saint_denis",
        OV,
        (),
        C="FR",
        ST="Île-de-France",
        L="Saint-Denis",
        O="Exemple SAS",
    ),
    vector(
        "near_miss_native_script",
        OV,
        (),
        **{**_JP, "ST": "東京都", "L": "港区", "O": "株式会社サンプル"},
    ),
    vector(
        "near_miss_hundred_mile_house",
        OV,
        (),
        C="CA",
        ST="British Columbia",
        L="100 Mile House",
        O="Example Inc.",
    ),
    vector(
        "near_miss_neustadt_an_der_weinstrasse",
        OV,
        (),
        C="DE",
        ST="Rheinland-Pfalz",
        L="Neustadt an der Weinstraße",
        O="Beispiel GmbH",
    ),
    vector(
        "near_miss_piazza_armerina",
        OV,
        (),
        C="IT",
        ST="Sicilia",
        L="Piazza Armerina",
        O="Esempio S.r.l.",
    ),
    vector(
        "near_miss_box_hill",
        OV,
        (),
        C="AU",
        ST="Victoria",
        L="Box Hill",
        O="Example Pty Ltd",
    ),
    vector("near_miss_new_york_both", OV, (), ST="New York", L="New York"),
]
