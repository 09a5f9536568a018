"""Rule family 2: tool defaults, template texts, prompts and not-applicable words."""

from vectorlib import EV, OV, PKIX, SMIME_ORG, SMIME_SPONSORED, vector

PLACEHOLDER = "semantic_dn.placeholder_value"
NOT_APPLICABLE = "semantic_dn.not_applicable_value"

_AU = dict(C="AU", ST="New South Wales", L="Sydney", O="Example Pty Ltd")

VECTORS = [
    # OpenSSL defaults (Bugzilla 1551374 and siblings: "Some-State").
    vector("openssl_default_state", OV, PLACEHOLDER, **{**_AU, "ST": "Some-State"}),
    vector(
        "openssl_default_organization",
        OV,
        PLACEHOLDER,
        **{**_AU, "O": "Internet Widgits Pty Ltd"},
    ),
    vector(
        "openssl_defaults_both",
        OV,
        (PLACEHOLDER, PLACEHOLDER),
        **{**_AU, "ST": "Some-State", "O": "Internet Widgits Pty Ltd"},
    ),
    vector("case_and_spacing_variant", OV, PLACEHOLDER, **{**_AU, "ST": "SOME STATE"}),
    vector("underscore_variant", OV, PLACEHOLDER, **{**_AU, "ST": "some_state"}),
    # Distribution defaults and incidents.
    vector(
        "default_city_nii",
        OV,
        PLACEHOLDER,
        C="JP",
        ST="Tokyo",
        L="Default City",
        O="Example K.K.",
        dns_name="www.example.jp",
    ),
    vector("default_company_ltd", OV, PLACEHOLDER, O="Default Company Ltd"),
    vector(
        "default_province_sectigo",
        OV,
        PLACEHOLDER,
        C="GB",
        ST="Default Province",
        L="London",
        O="Example Ltd",
    ),
    # Prompts and field labels pasted as values.
    vector(
        "openssl_prompt_state", OV, PLACEHOLDER, ST="State or Province Name (full name)"
    ),
    vector("openssl_prompt_locality", OV, PLACEHOLDER, L="Locality Name (eg, city)"),
    vector("field_label_state", OV, PLACEHOLDER, ST="State"),
    vector("template_your_company", OV, PLACEHOLDER, O="Your Company"),
    vector("changeme", OV, PLACEHOLDER, O="changeme"),
    vector("all_x", OV, PLACEHOLDER, ST="XX"),
    # EV serialNumber 0 / 00 (Bugzilla 1575022).
    vector("ev_serial_number_zero", EV, PLACEHOLDER, SERIALNUMBER="0"),
    vector("ev_serial_number_double_zero", EV, PLACEHOLDER, SERIALNUMBER="00"),
    vector(
        "smime_openssl_default_organization",
        SMIME_ORG,
        (PLACEHOLDER, PLACEHOLDER),
        O="Internet Widgits Pty Ltd",
        CN="Internet Widgits Pty Ltd",
    ),
    vector("pkix_openssl_default_state", PKIX, PLACEHOLDER, C="AU", ST="Some-State"),
    # Not-applicable words (BR: "any other indication that the value is absent ... or not applicable").
    vector("na_slash_state", OV, NOT_APPLICABLE, ST="N/A"),
    vector("na_bare_locality", OV, NOT_APPLICABLE, L="NA"),
    vector(
        "null_state_sectigo",
        OV,
        NOT_APPLICABLE,
        C="GB",
        ST="null",
        L="London",
        O="Example Ltd",
    ),
    vector("none_dashes_locality", OV, NOT_APPLICABLE, L="-none-"),
    vector("unknown_locality", OV, NOT_APPLICABLE, L="unknown"),
    vector("tbd_state", OV, NOT_APPLICABLE, ST="TBD"),
    vector("not_applicable_state", OV, NOT_APPLICABLE, ST="Not Applicable"),
    vector(
        "german_keine_angabe",
        OV,
        NOT_APPLICABLE,
        C="DE",
        ST="k.A.",
        L="Berlin",
        O="Beispiel GmbH",
    ),
    vector(
        "french_neant",
        OV,
        NOT_APPLICABLE,
        C="FR",
        ST="néant",
        L="Paris",
        O="Exemple SAS",
    ),
    vector(
        "near_miss_town_named_ninguno",
        OV,
        (),
        C="MX",
        ST="Veracruz",
        L="Ninguno",
        O="Ejemplo S.A. de C.V.",
    ),
    vector(
        "japanese_gaitou_nashi",
        OV,
        NOT_APPLICABLE,
        C="JP",
        ST="東京都",
        L="該当なし",
        O="株式会社サンプル",
        dns_name="www.example.jp",
    ),
    vector("ev_jurisdiction_state_na", EV, NOT_APPLICABLE, JURST="N/A"),
    vector(
        "smime_sponsored_surname_unknown",
        SMIME_SPONSORED,
        NOT_APPLICABLE,
        SN="Unknown",
        CN="Jane Unknown",
    ),
    vector("pkix_ou_na", PKIX, NOT_APPLICABLE, OU="n/a"),
    # Near misses: real names that contain such words, codes and places that look like them.
    vector("near_miss_default_in_real_name", OV, (), O="Default Logistics Ltd"),
    vector(
        "near_miss_unknown_in_real_name", OV, (), O="Unknown Worlds Entertainment, Inc."
    ),
    vector(
        "near_miss_state_street",
        OV,
        (),
        C="US",
        ST="Massachusetts",
        L="Boston",
        O="State Street Corporation",
    ),
    vector(
        "near_miss_bank_na",
        OV,
        (),
        C="US",
        ST="North Carolina",
        L="Charlotte",
        O="Bank of America, N.A.",
    ),
    vector(
        "near_miss_none_comune_italy",
        OV,
        (),
        C="IT",
        ST="Piemonte",
        L="None",
        O="Esempio S.r.l.",
    ),
    vector(
        "near_miss_navarra_code",
        OV,
        (),
        C="ES",
        ST="NA",
        L="Pamplona",
        O="Ejemplo S.L.",
    ),
    vector("near_miss_south_dakota_code", OV, (), C="US", ST="SD", L="Sioux Falls"),
    vector(
        "near_miss_karnataka_code",
        OV,
        (),
        C="IN",
        ST="KA",
        L="Bengaluru",
        O="Example Private Limited",
    ),
    vector(
        "near_miss_nan_thailand",
        OV,
        (),
        C="TH",
        ST="Nan",
        L="Nan",
        O="Example Co., Ltd.",
    ),
    vector("near_miss_ev_real_serial", EV, (), SERIALNUMBER="0123456"),
    vector("near_miss_city_national_bank", OV, (), O="City National Bank"),
]
