"""structured_data_leak: structured data, form labels, templates and quotes in a value."""

from vectorlib import EV, OV, PKIX, SMIME_SPONSORED, vector

STRUCTURED = "semantic_dn.structured_data"
TEMPLATE = "semantic_dn.template_placeholder"
LABEL = "semantic_dn.field_label"
POSSIBLE_LABEL = "semantic_dn.possible_field_label"
QUOTED = "semantic_dn.quoted_value"
POSSIBLE_QUOTED = "semantic_dn.possible_quoted_value"

_DE = dict(C="DE", ST="Bayern", L="München", O="Beispiel GmbH")

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
    # Near misses: apostrophes, inner quotes, colons.
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
]
