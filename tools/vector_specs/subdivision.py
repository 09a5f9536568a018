"""subdivision: stateOrProvinceName that is no recognised subdivision of the subject's
country, the values it leaves to the rules it defers to, and the many spellings of real
subdivisions that are recognised."""

from vectorlib import EV, OV, PKIX, vector

UNRECOGNIZED = "semantic_dn.unrecognized_subdivision"
PLACEHOLDER = "semantic_dn.placeholder_value"
FOREIGN = "semantic_dn.foreign_country_or_continent_in_state"


def place(c, st, l, o="Example Ltd", **more):
    return {"O": o, **more, "C": c, "ST": st, "L": l}


_CN = dict(O="示例有限公司", CN="www.example.cn")
_JP = dict(O="Example K.K.", CN="www.example.jp")

VECTORS = [
    # SHECA, Bugzilla 1978186: "Chongqing coin" for Chongqing municipality, in ST and L.
    vector(
        "incident_sheca_chongqing_coin",
        OV,
        UNRECOGNIZED,
        dns_name="www.example.cn",
        **place("CN", "重庆币", "重庆币", **_CN),
    ),
    vector("us_misspelt_state", OV, UNRECOGNIZED, ST="Calfornia"),
    vector(
        "ca_us_state_under_canada",
        OV,
        UNRECOGNIZED,
        **place("CA", "Texas", "Toronto", "Example Inc."),
    ),
    vector(
        "de_unknown_code",
        OV,
        UNRECOGNIZED,
        **place("DE", "XY", "Berlin", "Beispiel GmbH"),
    ),
    vector("ev_jurisdiction_state_misspelt", EV, UNRECOGNIZED, JURST="Delawere"),
    # A Louisiana parish named after a saint, as the country Saint Martin (MF) is: no US
    # state, but not read as that country either (a NOTICE, not a WARNING).
    vector(
        "us_saint_named_parish", OV, UNRECOGNIZED, ST="St. Martin", L="Breaux Bridge"
    ),
    # Another rule already reports these; the subdivision rule stays quiet.
    vector(
        "continent_reported_by_country_rule",
        OV,
        FOREIGN,
        **place("DE", "Europe", "Berlin", "Beispiel GmbH"),
    ),
    vector(
        "default_province_reported_as_placeholder",
        OV,
        PLACEHOLDER,
        **place("DE", "Default Province", "Berlin", "Beispiel GmbH"),
    ),
    # Silent where nothing can be known: C=XX, no country data, PKIX without country rules.
    vector("near_miss_country_xx", PKIX, (), C="XX", ST="Somewhere"),
    vector(
        "near_miss_country_without_subdivisions",
        OV,
        (),
        **place("GI", "Gibraltar", "Gibraltar", "Example Limited"),
    ),
    # Near misses: real subdivisions in the spellings certificates use.
    vector(
        "near_miss_bavaria_exonym",
        OV,
        (),
        **place("DE", "Bavaria", "München", "Beispiel GmbH"),
    ),
    vector(
        "near_miss_baden_wuerttemberg_transliterated",
        OV,
        (),
        **place("DE", "Baden-Wuerttemberg", "Stuttgart", "Beispiel GmbH"),
    ),
    vector(
        "near_miss_nordrhein_westfalen_space",
        OV,
        (),
        **place("DE", "Nordrhein Westfalen", "Köln", "Beispiel GmbH"),
    ),
    vector(
        "near_miss_tokyo_native_script",
        OV,
        (),
        dns_name="www.example.jp",
        **place("JP", "東京都", "港区", **_JP),
    ),
    vector(
        "near_miss_tokyo_to",
        OV,
        (),
        dns_name="www.example.jp",
        **place("JP", "Tokyo-to", "Minato-ku", **_JP),
    ),
    vector(
        "near_miss_tokyo_prefecture",
        OV,
        (),
        dns_name="www.example.jp",
        **place("JP", "Tokyo Prefecture", "Minato-ku", **_JP),
    ),
    vector(
        "near_miss_chongqing_native_script",
        OV,
        (),
        dns_name="www.example.cn",
        **place("CN", "重庆市", "重庆市", **_CN),
    ),
    vector(
        "near_miss_chongqing_shi",
        OV,
        (),
        dns_name="www.example.cn",
        **place("CN", "Chongqing Shi", "Chongqing", **_CN),
    ),
    vector(
        "near_miss_attica", OV, (), **place("GR", "Attica", "Athens", "Example S.A.")
    ),
    vector(
        "near_miss_attiki", OV, (), **place("GR", "Attiki", "Athens", "Example S.A.")
    ),
    vector(
        "near_miss_san_andres",
        OV,
        (),
        **place(
            "CO",
            "San Andrés, Providencia y Santa Catalina",
            "San Andrés",
            "Ejemplo S.A.S.",
        ),
    ),
    vector(
        "near_miss_bristol_city_of",
        OV,
        (),
        **place("GB", "Bristol, City of", "Bristol"),
    ),
    vector(
        "near_miss_greater_manchester",
        OV,
        (),
        **place("GB", "Greater Manchester", "Salford"),
    ),
    vector("near_miss_state_of_new_york", OV, (), ST="State of New York", L="New York"),
    vector(
        "near_miss_province_of_ontario",
        OV,
        (),
        **place("CA", "Province of Ontario", "Toronto", "Example Inc."),
    ),
    vector(
        "near_miss_code_nsw", OV, (), **place("AU", "NSW", "Sydney", "Example Pty Ltd")
    ),
    vector("near_miss_code_on", OV, (), **place("CA", "ON", "Ottawa", "Example Inc.")),
    vector(
        "near_miss_sankt_gallen_abbreviated",
        OV,
        (),
        **place("CH", "St. Gallen", "St. Gallen", "Beispiel AG"),
    ),
    vector(
        "near_miss_moscow_city",
        OV,
        (),
        **place("RU", "Moscow City", "Moscow", "Example LLC"),
    ),
    vector(
        "near_miss_moscow_cyrillic",
        OV,
        (),
        **place("RU", "Москва", "Москва", "Example LLC"),
    ),
    vector(
        "near_miss_seoul_native_script",
        OV,
        (),
        **place("KR", "서울특별시", "중구", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_county_dublin",
        OV,
        (),
        **place("IE", "Co. Dublin", "Dublin", "Example Limited"),
    ),
    vector(
        "near_miss_sao_paulo_without_accent",
        OV,
        (),
        **place("BR", "Sao Paulo", "Sao Paulo", "Exemplo Ltda."),
    ),
    vector("near_miss_ev_jurisdiction_state", EV, (), JURC="CA", JURST="Ontario"),
    # ISO 3166-2 names in two languages ("A / B", and the Welsh name in ISO's brackets).
    vector(
        "near_miss_iso_two_language_name_gw",
        OV,
        (),
        **place("GW", "Bolama / Bijagós", "Bubaque", "Exemplo, Lda."),
    ),
    vector(
        "near_miss_iso_two_language_name_cf",
        OV,
        (),
        **place("CF", "Haute-Sangha / Mambéré-Kadéï", "Berbérati", "Exemple SARL"),
    ),
    vector(
        "near_miss_iso_welsh_name_anglesey",
        OV,
        (),
        **place("GB", "Sir Ynys Môn", "Llangefni"),
    ),
]
