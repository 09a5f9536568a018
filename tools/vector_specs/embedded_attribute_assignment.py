"""embedded_attribute_assignment: attribute assignments and whole DN strings embedded in one
value, and real names with DN punctuation that are left alone."""

from vectorlib import DV, ETSI_OV, EV, IV, OV, PKIX, SMIME_ORG, SMIME_SPONSORED, vector

ASSIGNMENT = "semantic_dn.embedded_attribute_assignment"
DN = "semantic_dn.embedded_distinguished_name"
POSSIBLE = "semantic_dn.possible_embedded_attribute_assignment"

_JP = dict(C="JP", ST="Tokyo", L="Minato-ku", O="Example K.K.", CN="www.example.jp")

# Also written as plain PEM to examples/ for the README's first command.
EXAMPLES = ["incident_tokyo_c_jp"]

VECTORS = [
    # The incident (Bugzilla 2004654): OV, C=JP, ST "Tokyo, C=JP".
    vector(
        "incident_tokyo_c_jp",
        OV,
        ASSIGNMENT,
        dns_name="www.example.jp",
        **{**_JP, "ST": "Tokyo, C=JP"},
    ),
    vector(
        "incident_tokyo_c_jp_printablestring",
        OV,
        ASSIGNMENT,
        dns_name="www.example.jp",
        **{**_JP, "ST": ("Tokyo, C=JP", "printable")},
    ),
    vector(
        "incident_tokyo_c_jp_bmpstring",
        OV,
        ASSIGNMENT,
        dns_name="www.example.jp",
        **{**_JP, "ST": ("Tokyo, C=JP", "bmp")},
    ),
    # Every separator, keyword form, case and spacing.
    vector("semicolon_short_name", OV, ASSIGNMENT, ST="California; C=US"),
    vector("plus_short_name_in_ou", OV, ASSIGNMENT, OU="Sales + OU=Marketing"),
    vector("slash_short_name_in_l", OV, ASSIGNMENT, L="Mountain View/ST=California"),
    vector(
        "long_name_after_comma",
        OV,
        ASSIGNMENT,
        O="Example Corporation, organizationName=Example Corporation",
    ),
    vector(
        "dotted_oid_after_comma", OV, ASSIGNMENT, L="Mountain View, 2.5.4.8=California"
    ),
    vector(
        "lower_case_and_spaces_around_equals", OV, ASSIGNMENT, ST="California , c = us"
    ),
    vector("multi_letter_keyword_at_start", OV, ASSIGNMENT, ST="ST=California"),
    vector("single_letter_repeating_subject_at_start", OV, ASSIGNMENT, ST="C=US"),
    vector(
        "conflicting_country_after_comma",
        OV,
        ASSIGNMENT,
        **{**_JP, "ST": "Tokyo, C=US"},
        dns_name="www.example.jp",
    ),
    vector("openssl_s_keyword", OV, ASSIGNMENT, L="Mountain View, S=California"),
    vector(
        "street_keyword_in_street",
        OV,
        ASSIGNMENT,
        STREET="1600 Amphitheatre Parkway, STREET=Building 40",
    ),
    # Whole DNs pasted into one attribute.
    vector(
        "rfc4514_dn_in_o", OV, DN, O="C=US, O=Example Corporation, CN=www.example.com"
    ),
    vector("openssl_oneline_dn_in_l", OV, DN, L="/C=US/ST=California/L=Mountain View"),
    vector(
        "openssl_oneline_dn_in_cn",
        PKIX,
        DN,
        CN="/C=US/O=Example Corporation/CN=www.example.com",
    ),
    # The same after RFC 4514 escaping and Unicode compatibility folding.
    vector(
        "rfc4514_escaped_comma_and_equals",
        OV,
        ASSIGNMENT,
        **{**_JP, "ST": "Tokyo\\, C\\=JP"},
        dns_name="www.example.jp",
    ),
    vector(
        "rfc4514_hex_escaped",
        OV,
        ASSIGNMENT,
        **{**_JP, "ST": "Tokyo\\2C C\\3DJP"},
        dns_name="www.example.jp",
    ),
    vector(
        "fullwidth_comma_and_equals",
        OV,
        ASSIGNMENT,
        **{**_JP, "ST": "東京都，Ｃ＝ＪＰ"},
        dns_name="www.example.jp",
    ),
    # Other attributes and certificate types.
    vector("ev_jurisdiction_state", EV, ASSIGNMENT, JURST="Delaware, C=US"),
    vector(
        "ev_business_category",
        EV,
        ASSIGNMENT,
        BUSINESSCATEGORY="Private Organization; O=Example",
    ),
    vector("ev_serial_number", EV, ASSIGNMENT, SERIALNUMBER="5157550, C=US"),
    vector("iv_given_name", IV, ASSIGNMENT, GN="Jane, SN=Doe"),
    vector("dv_common_name_pkix", PKIX, ASSIGNMENT, CN="Example Server, O=Example"),
    vector(
        "smime_organization_name", SMIME_ORG, ASSIGNMENT, O="Example Corporation, C=US"
    ),
    vector("smime_sponsored_surname", SMIME_SPONSORED, ASSIGNMENT, SN="Doe, GN=Jane"),
    vector("smime_title", SMIME_SPONSORED, ASSIGNMENT, TITLE="Engineer, OU=Research"),
    vector(
        "smime_pseudonym",
        SMIME_SPONSORED,
        ASSIGNMENT,
        drop=("GN", "SN"),
        CN="JD",
        PSEUDONYM="JD; CN=JD",
    ),
    vector("etsi_locality", ETSI_OV, ASSIGNMENT, L="Berlin, C=DE"),
    vector("postal_code", OV, ASSIGNMENT, POSTALCODE="94043, C=US"),
    vector("organization_identifier", EV, ASSIGNMENT, ORGID="NTRUS+DE-5157550, C=US"),
    # The attribute's own keyword at the start: its name pasted with its value (issue 12).
    vector("own_keyword_o_in_organization", OV, ASSIGNMENT, O="O=Example Corporation"),
    vector(
        "own_keyword_cn_in_common_name",
        OV,
        ASSIGNMENT,
        CN="CN=www.example.com",
    ),
    vector(
        "own_keyword_st_in_state",
        OV,
        ASSIGNMENT,
        **{**_JP, "ST": "ST=Tokyo"},
        dns_name="www.example.jp",
    ),
    vector("own_keyword_s_alias_in_state", OV, ASSIGNMENT, ST="S=California"),
    vector("own_keyword_l_in_locality", OV, ASSIGNMENT, L="L=Mountain View"),
    vector(
        "own_keyword_long_name_in_organization",
        OV,
        ASSIGNMENT,
        O="organizationName=Example Corporation",
    ),
    vector(
        "own_keyword_oid_in_organization",
        OV,
        ASSIGNMENT,
        O="2.5.4.10=Example Corporation",
    ),
    vector(
        "own_keyword_o_in_smime_organization",
        SMIME_ORG,
        ASSIGNMENT,
        O="O=Example Corporation",
    ),
    # A single-letter keyword at the start: could be a name, so only a NOTICE.
    vector("single_letter_at_start_e_mc2", OV, POSSIBLE, O="E=MC2 Ltd"),
    # Near misses for the own-keyword ERROR: another attribute's single letter at the start
    # of a name stays a NOTICE, letters that name no attribute stay silent.
    vector("near_miss_e_mc2_stays_notice", OV, POSSIBLE, O="E=MC2 Ltd"),
    vector(
        "near_miss_l_keyword_in_organization_stays_notice", OV, POSSIBLE, O="L=Labs"
    ),
    vector("near_miss_o_keyword_in_unit_stays_notice", OV, POSSIBLE, OU="O=Sales"),
    vector("near_miss_x_equals_y_studio", OV, (), O="X=Y Studio"),
    # Near misses: real names with punctuation are never flagged by this family.
    vector("near_miss_comma_ampersand", OV, (), O="Smith, Jones & Co."),
    vector("near_miss_dba_parentheses", OV, (), O="Acme Widgets (Acme Holdings, Inc.)"),
    vector(
        "near_miss_secom_co_ltd",
        OV,
        (),
        **{**_JP, "O": "SECOM Trust Systems CO.,LTD."},
        dns_name="www.example.jp",
    ),
    vector(
        "near_miss_c_and_a",
        OV,
        (),
        O="C&A Mode GmbH",
        C="DE",
        ST="Nordrhein-Westfalen",
        L="Düsseldorf",
    ),
    vector("near_miss_one_plus_one", OV, (), O="1+1 Media Group"),
    vector("near_miss_slash_in_name", OV, (), O="Foo/Bar Inc."),
    vector("near_miss_st_microelectronics", OV, (), O="ST Microelectronics"),
    vector("near_miss_cn_rail", OV, (), O="CN Rail", C="CA", ST="Quebec", L="Montreal"),
    vector(
        "near_miss_barnes_and_noble",
        OV,
        (),
        O="Barnes & Noble, Inc.",
        ST="New York",
        L="New York",
    ),
    vector(
        "near_miss_washington_dc",
        OV,
        (),
        L="Washington, D.C.",
        ST="District of Columbia",
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
        "near_miss_biel_bienne",
        OV,
        (),
        C="CH",
        ST="Bern",
        L="Biel/Bienne",
        O="Beispiel AG",
    ),
    vector(
        "near_miss_braine_l_alleud",
        OV,
        (),
        C="BE",
        ST="Walloon Brabant",
        L="Braine-l'Alleud",
        O="Exemple SA",
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
        "near_miss_native_script",
        OV,
        (),
        **{**_JP, "ST": "東京都", "L": "港区", "O": "株式会社サンプル"},
        dns_name="www.example.jp",
    ),
    vector(
        "near_miss_equals_without_keyword",
        OV,
        (),
        O="Kids=Joy GmbH",
        C="DE",
        ST="Bayern",
        L="München",
    ),
    vector("near_miss_equals_not_after_separator", PKIX, (), OU="Formula x=y Research"),
    vector(
        "near_miss_email_with_equals",
        SMIME_SPONSORED,
        (),
        EMAIL="srs0=ab12=cd=example.com=jane@example.net",
    ),
    vector("near_miss_dv_plain", DV, ()),
]
