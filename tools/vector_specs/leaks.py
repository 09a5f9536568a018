"""Rule family 5: structured data, form labels, templates, quotes and encoding leaks."""

from vectorlib import EV, OV, PKIX, SMIME_ORG, SMIME_SPONSORED, vector

STRUCTURED = "semantic_dn.structured_data"
TEMPLATE = "semantic_dn.template_placeholder"
LABEL = "semantic_dn.field_label"
POSSIBLE_LABEL = "semantic_dn.possible_field_label"
QUOTED = "semantic_dn.quoted_value"
POSSIBLE_QUOTED = "semantic_dn.possible_quoted_value"
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
    # JSON, JavaScript and XML structures.
    vector("json_object_in_state", OV, STRUCTURED, ST='{"ST": "California"}'),
    vector("js_object_in_state", OV, STRUCTURED, ST="{ST: California}"),
    vector("json_array_in_locality", OV, STRUCTURED, L='["Mountain View"]'),
    vector(
        "json_object_after_name", OV, STRUCTURED, O='Example Corporation {"C": "US"}'
    ),
    vector(
        "xml_element_in_organization", OV, STRUCTURED, O="<O>Example Corporation</O>"
    ),
    vector("quoted_json_key_in_state", OV, STRUCTURED, ST='"ST": "California"'),
    # Form and export labels.
    vector("english_label_in_state", OV, LABEL, ST="State: California"),
    vector(
        "long_keyword_label_in_state", OV, LABEL, ST="stateOrProvinceName: California"
    ),
    vector("short_keyword_label_in_state", OV, LABEL, ST="ST: California"),
    vector("label_after_comma_in_locality", OV, LABEL, L="Mountain View, Country: US"),
    vector("english_label_with_equals", OV, LABEL, L="City=Mountain View"),
    vector(
        "company_label_in_organization", OV, LABEL, O="Company: Example Corporation"
    ),
    vector(
        "single_letter_label_repeating_country",
        OV,
        LABEL,
        ST="California",
        L="Mountain View, C: US",
    ),
    vector("single_letter_label_at_start", OV, POSSIBLE_LABEL, ST="S: California"),
    vector("ev_jurisdiction_state_label", EV, LABEL, JURST="State: Delaware"),
    vector("smime_given_name_label", SMIME_SPONSORED, LABEL, GN="givenName: Jane"),
    # Unsubstituted template variables.
    vector("shell_variable_in_state", OV, TEMPLATE, ST="${state}"),
    vector("mustache_variable_in_locality", OV, TEMPLATE, L="{{city}}"),
    vector("printf_placeholder_in_organization", OV, TEMPLATE, O="%s"),
    vector("angle_bracket_placeholder", OV, TEMPLATE, O="<Company Name>"),
    vector("format_placeholder_after_name", OV, TEMPLATE, L="Mountain View {country}"),
    vector("pkix_common_name_template", PKIX, TEMPLATE, CN="{{hostname}}"),
    vector("near_miss_ou_region_label", PKIX, POSSIBLE_LABEL, OU="Region: EMEA"),
    vector("near_miss_ou_department", PKIX, (), OU="Department: IT"),
    # Quotes around the whole value.
    vector("double_quoted_state", OV, QUOTED, ST='"California"'),
    vector("single_quoted_locality", OV, POSSIBLE_QUOTED, L="'Mountain View'"),
    vector("curly_quoted_organization", OV, QUOTED, O="“Example Corporation”"),
    vector("smime_quoted_common_name", SMIME_SPONSORED, QUOTED, CN='"Jane Doe"'),
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
    # Near misses: apostrophes, inner quotes, percent signs, accented capitals, colons.
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
        "near_miss_dutch_elision",
        OV,
        (),
        C="NL",
        ST="Noord-Brabant",
        L="'s-Hertogenbosch",
        O="Voorbeeld B.V.",
    ),
    vector("near_miss_inner_quotes", OV, (), O='The "Best" Company'),
    vector("near_miss_two_quoted_parts", OV, (), O='"Best" and "Worst" Inc.'),
    vector(
        "near_miss_russian_quoted_name",
        OV,
        (),
        C="RU",
        ST="Moskva",
        L="Moskva",
        O='ООО "Ромашка"',
    ),
    vector("near_miss_german_quotes", OV, (), **{**_DE, "O": "„Zur Linde“ GmbH"}),
    vector(
        "near_miss_possessive", OV, (), O="Macy's, Inc.", ST="New York", L="New York"
    ),
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
        "near_miss_french_guillemets",
        OV,
        (),
        C="FR",
        ST="Île-de-France",
        L="Paris",
        O="«\u00a0Café\u00a0» SAS",
    ),
    vector("near_miss_colon_in_name", OV, (), O="Project: Phoenix Ltd"),
    vector(
        "near_miss_swedish_sankt",
        OV,
        (),
        C="FI",
        ST="Varsinais-Suomi",
        L="S:t Karins",
        O="Exempel Ab",
    ),
    vector(
        "near_miss_arabic_transliteration_quotes",
        OV,
        POSSIBLE_QUOTED,
        C="SA",
        ST="Ash Sharqiyah",
        L="‘Uyūn al Jiwā’",
        O="Example Co.",
    ),
    vector("near_miss_label_word_inside_name", OV, (), O="Acme Company: Widgets"),
    vector("near_miss_brackets_without_template", OV, (), O="Acme {Beta} Labs"),
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
