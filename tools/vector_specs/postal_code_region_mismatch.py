"""postal_code_region_mismatch: a postalCode of another state or province than the
stateOrProvinceName, or of another form than the country's, and the near misses it leaves
alone: ZIP+4, codes with and without spaces and hyphens, official prefixes, CEDEX."""

from vectorlib import OV, vector

OUTSIDE = "semantic_dn.postal_code_outside_subdivision"
FORMAT = "semantic_dn.postal_code_format_mismatch"
PLACE_IN_POSTAL = "semantic_dn.place_name_in_postal_code"
PREFIX = "semantic_dn.country_prefix_in_postal_code"


def address(c, st, l, code, o="Example Ltd", **more):
    return {"O": o, **more, "C": c, "ST": st, "L": l, "POSTALCODE": code}


_US = dict(o="Example Corporation")

VECTORS = [
    # The example: a New York ZIP code in California.
    vector(
        "us_new_york_zip_in_california",
        OV,
        OUTSIDE,
        **address("US", "California", "San Francisco", "10001", **_US),
    ),
    vector(
        "us_zip_plus4_of_another_state",
        OV,
        OUTSIDE,
        **address("US", "TX", "Austin", "94043-1351", **_US),
    ),
    vector(
        "ca_british_columbia_code_in_ontario",
        OV,
        OUTSIDE,
        **address("CA", "Ontario", "Toronto", "V6B 1A1", "Example Inc."),
    ),
    vector(
        "au_sydney_code_in_victoria",
        OV,
        OUTSIDE,
        **address("AU", "Victoria", "Geelong", "2000", "Example Pty Ltd"),
    ),
    vector(
        "jp_osaka_code_in_tokyo",
        OV,
        OUTSIDE,
        dns_name="www.example.jp",
        **address("JP", "Tokyo", "Minato-ku", "530-0001", "Example K.K."),
    ),
    # Another country's form.
    vector(
        "de_british_postcode",
        OV,
        FORMAT,
        **address("DE", "Bayern", "München", "SW1A 1AA", "Beispiel GmbH"),
    ),
    vector(
        "us_canadian_postal_code",
        OV,
        FORMAT,
        **address("US", "California", "Mountain View", "K1A 0B1", **_US),
    ),
    # Other rules already report the value: this one yields.
    vector(
        "country_prefix_reported_by_postal_code_rule",
        OV,
        PREFIX,
        **address("DE", "Bayern", "München", "D-80331", "Beispiel GmbH"),
    ),
    vector(
        "po_box_reported_by_postal_code_rule",
        OV,
        PLACE_IN_POSTAL,
        **address("US", "California", "Mountain View", "PO Box 123", **_US),
    ),
    # Near misses: the forms real postal codes are written in.
    vector(
        "near_miss_zip_plus4",
        OV,
        (),
        **address("US", "CA", "Mountain View", "94043-1351", **_US),
    ),
    vector(
        "near_miss_zip_plus4_with_space",
        OV,
        (),
        **address("US", "California", "Mountain View", "94043 1351", **_US),
    ),
    vector(
        "near_miss_irs_zip_outside_state_prefix",
        OV,
        (),
        **address("US", "Texas", "Austin", "73301", **_US),
    ),
    vector(
        "near_miss_canadian_code_lower_case_without_space",
        OV,
        (),
        **address("CA", "Ontario", "Ottawa", "k1a0b1", "Example Inc."),
    ),
    vector(
        "near_miss_canadian_code_with_hyphen",
        OV,
        (),
        **address("CA", "ON", "Toronto", "M5V-3L9", "Example Inc."),
    ),
    vector(
        "near_miss_dutch_code_with_space",
        OV,
        (),
        **address("NL", "Noord-Holland", "Amsterdam", "1012 AB", "Voorbeeld B.V."),
    ),
    vector(
        "near_miss_latvian_official_prefix",
        OV,
        (),
        **address("LV", "Rīga", "Rīga", "LV-1050", "Piemērs SIA"),
    ),
    vector(
        "near_miss_latvian_code_without_prefix",
        OV,
        (),
        **address("LV", "Rīga", "Rīga", "1050", "Piemērs SIA"),
    ),
    vector(
        "near_miss_french_cedex",
        OV,
        (),
        **address("FR", "Île-de-France", "Paris", "75008 CEDEX", "Exemple SAS"),
    ),
    vector(
        "near_miss_japanese_code_without_hyphen",
        OV,
        (),
        dns_name="www.example.jp",
        **address("JP", "東京都", "千代田区", "1000001", "Example K.K."),
    ),
    vector(
        "near_miss_singapore",
        OV,
        (),
        **address("SG", "Singapore", "Singapore", "018956", "Example Pte. Ltd."),
    ),
]
