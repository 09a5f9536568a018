"""placeholder_value: tool defaults, template texts, prompts and all-zero EV serial numbers."""

from vectorlib import EV, OV, PKIX, SMIME_ORG, vector

PLACEHOLDER = "semantic_dn.placeholder_value"

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
    vector("changeme", OV, PLACEHOLDER, L="changeme"),
    vector("near_miss_one_word_company_default", OV, (), O="Default"),
    vector("near_miss_pkix_serial_number_zero", PKIX, (), SERIALNUMBER="0"),
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
    # Near misses: real names that contain such words, codes and places that look like them.
    vector("near_miss_default_in_real_name", OV, (), O="Default Logistics Ltd"),
    vector(
        "near_miss_state_street",
        OV,
        (),
        C="US",
        ST="Massachusetts",
        L="Boston",
        O="State Street Corporation",
    ),
    vector("near_miss_ev_real_serial", EV, (), SERIALNUMBER="0123456"),
    vector("near_miss_city_national_bank", OV, (), O="City National Bank"),
]
