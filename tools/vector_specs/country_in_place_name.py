"""country_in_place_name: a country or continent in stateOrProvinceName / localityName (and
the EV jurisdiction fields), with the place names that share a country's name and are fine
(near misses)."""

from vectorlib import ETSI_OV, EV, OV, vector

OWN = "semantic_dn.country_name_in_state_or_locality"
APPENDED = "semantic_dn.country_name_appended_to_state_or_locality"
FOREIGN = "semantic_dn.foreign_country_or_continent_in_state"
POSSIBLE_FOREIGN = "semantic_dn.possible_foreign_country_in_state"
UNRECOGNIZED = "semantic_dn.unrecognized_subdivision"


def place(c, st, l, o="Example Ltd", **more):
    return dict(C=c, ST=st, L=l, O=o, **more)


VECTORS = [
    # The subject's own country as its state (Sectigo, Bugzilla 1645686 / 1710243).
    vector("gb_great_britain_in_st", OV, OWN, **place("GB", "Great Britain", "London")),
    vector(
        "ev_gb_united_kingdom_in_st", EV, OWN, **place("GB", "United Kingdom", "London")
    ),
    vector("gb_uk_in_st", OV, OWN, **place("GB", "UK", "Salford")),
    vector("us_usa_in_st", OV, OWN, ST="USA"),
    vector("us_country_code_in_st", OV, OWN, ST="US"),
    # DigiCert, Bugzilla 1710444 (disputed by the CA, then reported): flagged.
    vector("mt_malta_in_st", OV, OWN, **place("MT", "MALTA", "Valletta")),
    vector(
        "de_native_name_in_st",
        OV,
        OWN,
        **place("DE", "Deutschland", "Berlin", "Beispiel GmbH"),
    ),
    vector(
        "jp_native_script_in_st",
        OV,
        OWN,
        dns_name="www.example.jp",
        **place("JP", "日本", "港区", "Example K.K.", CN="www.example.jp"),
    ),
    vector(
        "jp_country_in_locality",
        OV,
        OWN,
        dns_name="www.example.jp",
        **place("JP", "Tokyo", "Japan", "Example K.K.", CN="www.example.jp"),
    ),
    vector("etsi_country_in_locality", ETSI_OV, OWN, L="Germany"),
    # The country appended after a separator (GlobalSign, Bugzilla 1668007).
    vector(
        "jp_tokyo_comma_japan",
        OV,
        APPENDED,
        dns_name="www.example.jp",
        **place("JP", "Tokyo, Japan", "Minato-ku", "Example K.K.", CN="www.example.jp"),
    ),
    vector(
        "jp_tokyo_comma_code",
        OV,
        APPENDED,
        dns_name="www.example.jp",
        **place("JP", "Tokyo, JP", "Minato-ku", "Example K.K.", CN="www.example.jp"),
    ),
    vector("us_locality_comma_usa", OV, APPENDED, L="Mountain View, USA"),
    vector(
        "fr_locality_parenthesised_country",
        OV,
        APPENDED,
        **place("FR", "Île-de-France", "Paris (France)", "Exemple SAS"),
    ),
    # Another country or a continent as the state (Sectigo: `Europe`, `Russia`).
    vector(
        "de_russia_in_st",
        OV,
        FOREIGN,
        **place("DE", "Russia", "Berlin", "Beispiel GmbH"),
    ),
    vector(
        "de_other_country_in_german",
        OV,
        FOREIGN,
        **place("DE", "Frankreich", "Berlin", "Beispiel GmbH"),
    ),
    vector(
        "ev_europe_in_st",
        EV,
        FOREIGN,
        **place("DE", "Europe", "Berlin", "Beispiel GmbH"),
    ),
    vector("gb_jersey_with_c_gb", OV, FOREIGN, **place("GB", "Jersey", "St Helier")),
    # A Crown Dependency is no territory of the United Kingdom (unlike Bermuda, below).
    vector(
        "gb_isle_of_man_with_c_gb", OV, FOREIGN, **place("GB", "Isle of Man", "Douglas")
    ),
    # Macedonia names North Macedonia's former name only outside Greece and Bulgaria.
    vector(
        "al_macedonia_in_st",
        OV,
        FOREIGN,
        **place("AL", "Macedonia", "Tirana", "Example Sh.p.k."),
    ),
    # Another country where the subject's country has no ISO 3166-2 subdivisions: a NOTICE,
    # as nothing rules out a local place of that name.
    vector(
        "je_other_country_in_st",
        OV,
        POSSIBLE_FOREIGN,
        **place("JE", "France", "St Helier", "Example Limited"),
    ),
    # EV jurisdiction fields, compared with jurisdictionCountryName.
    vector(
        "ev_jurisdiction_state_is_country",
        EV,
        OWN,
        JURC="DE",
        JURST="Germany",
        JURL="Berlin",
    ),
    vector(
        "ev_jurisdiction_locality_is_country",
        EV,
        OWN,
        JURC="DE",
        JURST="Berlin",
        JURL="Deutschland",
    ),
    vector("ev_jurisdiction_state_continent", EV, FOREIGN, JURST="North America"),
    # Near misses: real subdivisions that share a country's name, city-states, territories.
    vector("near_miss_georgia_us", OV, (), ST="Georgia", L="Atlanta"),
    # Regions named like another country: the region, not the country (the subdivision rule
    # notes that ISO 3166-2 lists no such subdivision).
    vector(
        "near_miss_greek_macedonia",
        OV,
        UNRECOGNIZED,
        **place("GR", "Macedonia", "Thessaloniki", "Example S.A."),
    ),
    vector(
        "near_miss_bulgarian_macedonia",
        OV,
        UNRECOGNIZED,
        **place("BG", "Macedonia", "Blagoevgrad", "Example EOOD"),
    ),
    # The nominal Taiwan Province of the Republic of China (TWCA certificates write it so).
    vector(
        "near_miss_taiwan_province",
        OV,
        (),
        **place("TW", "Taiwan", "Taipei", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_taiwan_province_chinese",
        OV,
        (),
        **place("TW", "台灣", "台北市", "Example Co., Ltd."),
    ),
    # Territories named under the country that is sovereign over them.
    vector(
        "near_miss_greenland_dk",
        OV,
        (),
        **place("DK", "Grønland", "Nuuk", "Example A/S"),
    ),
    vector(
        "near_miss_faroe_islands_dk",
        OV,
        (),
        **place("DK", "Faroe Islands", "Tórshavn", "Example P/F"),
    ),
    vector(
        "near_miss_norfolk_island_au",
        OV,
        (),
        **place("AU", "Norfolk Island", "Kingston", "Example Pty Ltd"),
    ),
    vector(
        "near_miss_tokelau_nz",
        OV,
        (),
        **place("NZ", "Tokelau", "Nukunonu", "Example Limited"),
    ),
    vector(
        "near_miss_bermuda_gb",
        OV,
        (),
        **place("GB", "Bermuda", "Hamilton", "Example Ltd"),
    ),
    vector(
        "near_miss_new_caledonia_fr",
        OV,
        (),
        **place("FR", "New Caledonia", "Nouméa", "Exemple SARL"),
    ),
    vector(
        "near_miss_mexico_state",
        OV,
        (),
        **place("MX", "México", "Toluca", "Ejemplo S.A. de C.V."),
    ),
    vector(
        "near_miss_mexico_city_locality",
        OV,
        (),
        **place("MX", "Ciudad de México", "Mexico", "Ejemplo S.A. de C.V."),
    ),
    vector(
        "near_miss_luxembourg",
        OV,
        (),
        **place("LU", "Luxembourg", "Luxembourg", "Exemple S.A."),
    ),
    vector(
        "near_miss_belgian_province_luxembourg",
        OV,
        (),
        **place("BE", "Luxembourg", "Arlon", "Exemple SA"),
    ),
    vector(
        "near_miss_singapore",
        OV,
        (),
        **place("SG", "Singapore", "Singapore", "Example Pte. Ltd."),
    ),
    vector(
        "near_miss_hong_kong",
        OV,
        (),
        **place("HK", "Hong Kong", "Hong Kong", "Example Limited"),
    ),
    vector(
        "near_miss_monaco", OV, (), **place("MC", "Monaco", "Monaco", "Exemple SAM")
    ),
    vector(
        "near_miss_macao", OV, (), **place("MO", "Macao", "Macao", "Example Limited")
    ),
    vector(
        "near_miss_vatican",
        OV,
        (),
        **place("VA", "Vatican City", "Vatican City", "Example"),
    ),
    vector(
        "near_miss_panama", OV, (), **place("PA", "Panama", "Panama", "Ejemplo S.A.")
    ),
    vector(
        "near_miss_kuwait_city",
        OV,
        (),
        **place("KW", "Al Asimah", "Kuwait", "Example W.L.L."),
    ),
    vector(
        "near_miss_niger_state_nigeria",
        OV,
        (),
        **place("NG", "Niger", "Minna", "Example Limited"),
    ),
    vector("near_miss_puerto_rico_us", OV, (), ST="Puerto Rico", L="San Juan"),
    vector(
        "near_miss_puerto_rico_own_code",
        OV,
        (),
        **place("PR", "Puerto Rico", "San Juan", "Example LLC"),
    ),
    vector(
        "near_miss_western_australia",
        OV,
        (),
        **place("AU", "Western Australia", "Perth", "Example Pty Ltd"),
    ),
    vector("near_miss_new_mexico", OV, (), ST="New Mexico", L="Santa Fe"),
    vector("near_miss_england", OV, (), **place("GB", "England", "London")),
    vector("near_miss_town_named_lebanon", OV, (), ST="Pennsylvania", L="Lebanon"),
    vector("near_miss_state_code_ca_is_california", OV, (), ST="CA"),
    vector("near_miss_state_code_ga", OV, (), ST="GA", L="Atlanta"),
    vector("near_miss_state_code_in", OV, (), ST="IN", L="Indianapolis"),
    vector("near_miss_state_code_pa", OV, (), ST="PA", L="Philadelphia"),
    vector("near_miss_state_code_de", OV, (), ST="DE", L="Wilmington"),
    vector(
        "near_miss_bristol_city_of",
        OV,
        (),
        **place("GB", "Bristol, City of", "Bristol"),
    ),
    vector(
        "near_miss_washington_dc",
        OV,
        (),
        ST="District of Columbia",
        L="Washington, D.C.",
    ),
    vector("near_miss_ev_jurisdiction_delaware", EV, ()),
    # A parish named after a saint, as the country Saint Martin (MF) is.
    vector(
        "near_miss_guernsey_parish_st_martin",
        OV,
        (),
        **place("GG", "St. Martin", "St. Martin", "Example Limited"),
    ),
    vector(
        "near_miss_jersey_parish_st_martin",
        OV,
        (),
        **place("JE", "St Martin", "St Martin", "Example Limited"),
    ),
    # Towns that carry their country's name (GeoNames), as localityName.
    vector(
        "near_miss_colombia_town_huila",
        OV,
        (),
        **place("CO", "Huila", "Colombia", "Ejemplo S.A.S."),
    ),
    vector(
        "near_miss_mozambique_island_town",
        OV,
        (),
        **place("MZ", "Nampula", "Moçambique", "Exemplo, Lda."),
    ),
    vector(
        "near_miss_kazakhstan_village",
        OV,
        (),
        **place("KZ", "Almaty Region", "Kazakhstan", "Example LLP"),
    ),
    vector(
        "near_miss_guatemala_city",
        OV,
        (),
        **place("GT", "Guatemala", "Guatemala", "Ejemplo, S.A."),
    ),
    vector(
        "near_miss_andorra_la_vella",
        OV,
        (),
        **place("AD", "Andorra la Vella", "Andorra", "Exemple, S.A."),
    ),
    vector(
        "near_miss_ev_jurisdiction_locality_colombia_town",
        EV,
        (),
        JURC="CO",
        JURST="Huila",
        JURL="Colombia",
    ),
]
