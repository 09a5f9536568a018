"""encoding_leak: percent-encoding, the replacement character and mojibake in a value."""

from vectorlib import OV, SMIME_ORG, SMIME_SPONSORED, vector

PERCENT = "semantic_dn.percent_encoded"
REPLACEMENT = "semantic_dn.replacement_character"
MOJIBAKE = "semantic_dn.mojibake"
POSSIBLE_MOJIBAKE = "semantic_dn.possible_mojibake"
# Other families that also see some of these values.
EMBEDDED = "semantic_dn.embedded_attribute_assignment"
CONTROL = "semantic_dn.control_character"  # an undefined byte read as a C1 control

_DE = dict(C="DE", ST="Bayern", L="München", O="Beispiel GmbH")
_JP = dict(
    C="JP", ST="Tokyo", L="Minato-ku", O="Example K.K.", dns_name="www.example.jp"
)

VECTORS = [
    # Percent-encoding.
    vector("percent_encoded_dn_in_state", OV, PERCENT, ST="California%2C%20C%3DUS"),
    vector(
        "percent_encoded_space_in_organization", OV, PERCENT, O="Example%20Corporation"
    ),
    vector(
        "percent_encoded_utf8_in_locality", OV, PERCENT, **{**_DE, "L": "M%C3%BCnchen"}
    ),
    # The replacement character and mojibake (Sectigo, Bugzilla 1724458).
    vector(
        "replacement_character_in_locality",
        OV,
        REPLACEMENT,
        **{**_DE, "L": "M\ufffdnchen"},
    ),
    vector(
        "replacement_character_read_as_latin1",
        OV,
        REPLACEMENT,
        **{**_DE, "O": "Beispiel ï¿½ GmbH"},
    ),
    vector("mojibake_locality", OV, MOJIBAKE, **{**_DE, "L": "MÃ¼nchen"}),
    vector(
        "mojibake_organization",
        OV,
        MOJIBAKE,
        C="FR",
        ST="Île-de-France",
        L="Paris",
        O="SociÃ©tÃ© Exemple SAS",
    ),
    vector("mojibake_apostrophe", OV, MOJIBAKE, O="Example Corpâ€™s Shop"),
    vector(
        "mojibake_japanese",
        OV,
        MOJIBAKE,
        **{**_JP, "O": "日本 Example K.K.".encode().decode("cp1252")},
    ),
    vector("mojibake_bmpstring", OV, MOJIBAKE, **{**_DE, "L": ("MÃ¼nchen", "bmp")}),
    vector(
        "mixed_value_with_mojibake",
        OV,
        POSSIBLE_MOJIBAKE,
        **{**_DE, "O": "Müller MÃ¼ller GmbH"},
    ),
    vector(
        "smime_organization_mojibake",
        SMIME_ORG,
        (MOJIBAKE, MOJIBAKE),
        O="ZÃ¼rich Beispiel AG",
        CN="ZÃ¼rich Beispiel AG",
    ),
    # The other families of double decoding (issue 12).
    vector(
        "mojibake_windows_1251_locality",
        OV,
        MOJIBAKE,
        C="RU",
        ST="Moscow",
        L="РњРѕСЃРєРІР°",
        O="Example LLC",
    ),
    vector(
        "mojibake_windows_1251_undefined_byte",
        OV,
        (MOJIBAKE, CONTROL),
        C="RU",
        ST="Irkutsk Oblast",
        L="Р\x98СЂРєСѓС‚СЃРє",
        O="Example LLC",
    ),
    vector(
        "mojibake_windows_1251_latin_text",
        OV,
        MOJIBAKE,
        **{**_DE, "L": "MГјnchen"},
    ),
    vector(
        "possible_mojibake_windows_1251_in_native_name",
        OV,
        POSSIBLE_MOJIBAKE,
        C="RU",
        ST="Moscow",
        L="Moscow",
        O="ООО РњРѕСЃРєРІР°",
    ),
    vector(
        "mojibake_koi8_locality",
        OV,
        MOJIBAKE,
        C="RU",
        ST="Moscow",
        L="п°п╬я│п╨п╡п╟",
        O="Example LLC",
    ),
    vector(
        "mojibake_windows_1253_locality",
        OV,
        MOJIBAKE,
        C="GR",
        ST="Attica",
        L="Ξ‘ΞΈΞ®Ξ½Ξ±",
        O="Example S.A.",
    ),
    vector(
        "mojibake_iso_8859_7_locality",
        OV,
        (MOJIBAKE, CONTROL),
        C="GR",
        ST="Western Greece",
        L="Ξ\xa0Ξ¬Ο\x84Ο\x81Ξ±",
        O="Example S.A.",
    ),
    vector(
        "mojibake_shift_jis_state",
        OV,
        MOJIBAKE,
        **{**_JP, "ST": "“Œ‹ž“s"},
    ),
    vector(
        "mojibake_shift_jis_organization",
        OV,
        MOJIBAKE,
        **{**_JP, "O": "Š”Ž®‰ïŽÐƒTƒ“ƒvƒ‹"},
    ),
    vector(
        "mojibake_euc_kr_locality",
        OV,
        MOJIBAKE,
        C="KR",
        ST="Busan",
        L="ºÎ»ê",
        O="Example Co., Ltd.",
    ),
    vector(
        "mojibake_gbk_locality",
        OV,
        MOJIBAKE,
        C="CN",
        ST="Beijing",
        L="±±¾©",
        O="Example Co., Ltd.",
    ),
    vector(
        "mojibake_big5_locality",
        OV,
        MOJIBAKE,
        C="TW",
        ST="Taipei City",
        L="»O¥_¥«",
        O="Example Co., Ltd.",
    ),
    vector(
        "mojibake_utf8_read_as_shift_jis",
        OV,
        MOJIBAKE,
        **{**_JP, "ST": "譚ｱ莠ｬ驛ｽ"},
    ),
    vector(
        "mojibake_utf8_read_as_gbk",
        OV,
        MOJIBAKE,
        C="CN",
        ST="Beijing",
        L="鍖椾含",
        O="Example Co., Ltd.",
    ),
    vector(
        "replacement_characters_read_as_gbk",
        OV,
        REPLACEMENT,
        C="CN",
        ST="Beijing",
        L="Beijing",
        O="Example 锟斤拷 Co., Ltd.",
    ),
    # Near misses: percent signs, accented capitals.
    vector("near_miss_percent_sign", OV, (), O="100% Pure Juice Ltd"),
    vector("near_miss_percent_before_letters", OV, (), O="Save 30%DE Ltd"),
    vector(
        "near_miss_sao_paulo_upper_case",
        OV,
        (),
        C="BR",
        ST="São Paulo",
        L="SÃO PAULO",
        O="EXEMPLO AÇÃO LTDA",
    ),
    vector(
        "near_miss_latin1_letters",
        OV,
        (),
        C="CH",
        ST="Zürich",
        L="Zürich",
        O="Ærø Café – Gästehaus AG",
    ),
    vector(
        "near_miss_html_like_email",
        SMIME_SPONSORED,
        (),
        EMAIL="jane%example.net@example.com",
    ),
    vector(
        "near_miss_native_script",
        OV,
        (),
        **{**_JP, "ST": "東京都", "L": "港区", "O": "株式会社サンプル"},
    ),
    # Near misses for the other families: native names whose letters happen to be pairs
    # of Windows-1251, KOI8 or Greek mojibake, or that Big5 and Shift_JIS could read.
    vector(
        "near_miss_ukrainian_native",
        OV,
        (),
        C="UA",
        ST="Рівненська область",
        L="Рівне",
        O="ТОВ «Південний Об’єкт»",
    ),
    vector(
        "near_miss_belarusian_native",
        OV,
        (),
        C="BY",
        ST="Брэсцкая вобласць",
        L="Пінск",
        O="Верхні заходні",
    ),
    vector(
        "near_miss_russian_native",
        OV,
        (),
        C="RU",
        ST="Москва",
        L="Москва",
        O='ООО "Рёрих и партнёры"',
    ),
    vector(
        "near_miss_greek_native",
        OV,
        (),
        C="GR",
        ST="Αττική",
        L="Πειραιάς",
        O="Παράδειγμα Α.Ε.",
    ),
    vector(
        "near_miss_chinese_native",
        OV,
        (),
        C="CN",
        ST="北京市",
        L="海淀区",
        O="示例有限公司",
    ),
    vector(
        "near_miss_korean_native",
        OV,
        (),
        C="KR",
        ST="서울특별시",
        L="강남구",
        O="주식회사 예시",
    ),
    vector(
        "near_miss_czech_latin_read_as_shift_jis",
        OV,
        (),
        C="CZ",
        ST="Hlavní město Praha",
        L="Žižkov",
        O="Šuša s.r.o.",
    ),
    vector(
        "near_miss_yoruba_latin_read_as_big5",
        OV,
        (),
        C="NG",
        ST="Oyo",
        L="Ibadan",
        O="Ilé Nàmíbíà Ltd",
    ),
    vector(
        "near_miss_thai_arabic_hebrew",
        OV,
        (),
        C="TH",
        ST="กรุงเทพมหานคร",
        L="กรุงเทพมหานคร",
        O="الرياض תל אביב",
    ),
]
