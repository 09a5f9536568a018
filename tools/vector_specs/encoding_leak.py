"""encoding_leak: percent-encoding, the replacement character and mojibake in a value."""

from vectorlib import OV, SMIME_ORG, SMIME_SPONSORED, vector

PERCENT = "semantic_dn.percent_encoded"
REPLACEMENT = "semantic_dn.replacement_character"
MOJIBAKE = "semantic_dn.mojibake"
POSSIBLE_MOJIBAKE = "semantic_dn.possible_mojibake"
# Other families that also see some of these values.
EMBEDDED = "semantic_dn.embedded_attribute_assignment"

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
]
