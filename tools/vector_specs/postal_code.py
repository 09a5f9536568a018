"""Vectors of the postal code rule: a postalCode holding a place name or a country prefix
besides the code (rule family 4 before the split)."""

from vectorlib import OV, vector

PLACE_IN_POSTAL = "semantic_dn.place_name_in_postal_code"
PREFIX = "semantic_dn.country_prefix_in_postal_code"

_JP = dict(
    C="JP", ST="Tokyo", L="Minato-ku", O="Example K.K.", dns_name="www.example.jp"
)
_DE = dict(C="DE", ST="Bayern", L="München", O="Beispiel GmbH")


def _postal(name, country, code, expect=(), **values):
    """A subject with a postalCode; ST dropped unless given (OV needs ST or L)."""
    values.setdefault("drop", ("ST",))
    return vector(
        name, OV, expect, C=country, POSTALCODE=code, O="Example Ltd", **values
    )


VECTORS = [
    # postalCode holding more than the code: the incidents.
    vector(
        "incident_swisssign_postal_code_with_town",
        OV,
        PLACE_IN_POSTAL,
        C="CH",
        ST="Vaud",
        L="Nyon",
        POSTALCODE="1260 Nyon",
        O="Beispiel SA",
    ),
    vector(
        "incident_buypass_alpha3_prefix",
        OV,
        PREFIX,
        C="NL",
        ST="Utrecht",
        L="Zeist",
        POSTALCODE="NLD-3707BK",
        O="Voorbeeld B.V.",
    ),
    vector("cept_prefix_germany", OV, PREFIX, **{**_DE, "POSTALCODE": "D-80331"}),
    vector(
        "cept_prefix_switzerland",
        OV,
        PREFIX,
        C="CH",
        ST="Zürich",
        L="Zürich",
        POSTALCODE="CH-8001",
        O="Beispiel AG",
    ),
    vector("us_state_before_zip", OV, PLACE_IN_POSTAL, POSTALCODE="CA 94043"),
    vector(
        "prefecture_before_postal_code",
        OV,
        PLACE_IN_POSTAL,
        **{**_JP, "POSTALCODE": "Tokyo 100-0001"},
    ),
    # Near misses: valid postal codes in their national formats.
    _postal("near_miss_postal_code_uk", "GB", "SW1A 1AA", L="London"),
    _postal("near_miss_postal_code_canada", "CA", "K1A 0B1", L="Ottawa"),
    _postal(
        "near_miss_postal_code_japan",
        "JP",
        "100-0001",
        L="Chiyoda-ku",
        dns_name="www.example.jp",
    ),
    _postal(
        "near_miss_postal_code_zip_plus_four", "US", "94043-1351", L="Mountain View"
    ),
    _postal("near_miss_postal_code_austria", "AT", "1010", L="Wien"),
    _postal("near_miss_postal_code_eircode", "IE", "D02 X285", L="Dublin"),
    _postal("near_miss_postal_code_andorra", "AD", "AD500", L="Andorra la Vella"),
    _postal("near_miss_postal_code_latvia", "LV", "LV-1050", L="Rīga"),
    _postal("near_miss_postal_code_lithuania", "LT", "LT-01100", L="Vilnius"),
    _postal("near_miss_postal_code_moldova", "MD", "MD-2001", L="Chișinău"),
    _postal("near_miss_postal_code_azerbaijan", "AZ", "AZ 1000", L="Baku"),
    _postal("near_miss_postal_code_barbados", "BB", "BB11000", L="Bridgetown"),
    _postal("near_miss_postal_code_cayman", "KY", "KY1-1100", L="George Town"),
    _postal("near_miss_postal_code_malta", "MT", "VLT 1117", L="Valletta"),
    _postal("near_miss_postal_code_netherlands", "NL", "3707 BK", L="Zeist"),
    _postal("near_miss_postal_code_sweden", "SE", "114 55", L="Stockholm"),
    _postal("near_miss_postal_code_luxembourg", "LU", "L-4002", L="Esch-sur-Alzette"),
    _postal("near_miss_postal_code_argentina", "AR", "C1425DKT", L="Buenos Aires"),
    _postal(
        "near_miss_postal_code_japan_mark",
        "JP",
        "〒100-0001",
        L="Chiyoda-ku",
        dns_name="www.example.jp",
    ),
]
