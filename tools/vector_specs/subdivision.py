"""subdivision: stateOrProvinceName that is no recognised subdivision of the subject's
country, the values it leaves to the rules it defers to, and the many spellings of real
subdivisions that are recognised."""

from vectorlib import EV, OV, PKIX, vector

UNRECOGNIZED = "semantic_dn.unrecognized_subdivision"
FORMER = "semantic_dn.former_subdivision"
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
    # Former subdivisions (earlier editions of ISO 3166-2 and its change records): a
    # NOTICE of its own, naming the subdivision that holds the area now.
    vector(
        "fr_former_region_nord_pas_de_calais",
        OV,
        FORMER,
        **place("FR", "Nord-Pas-de-Calais", "Lille", "Exemple SAS"),
    ),
    vector(
        # Deleted in 2007, before the earliest ISO edition read: named by the change record.
        "ru_former_oblast_from_change_record",
        OV,
        FORMER,
        **place("RU", "Permskaya oblast", "Perm", "Example LLC"),
    ),
    vector(
        # Its successor: the code the record gave to what it became part of.
        "near_miss_ru_perm_krai",
        OV,
        (),
        **place("RU", "Permskiy kray", "Perm", "Example LLC"),
    ),
    vector(
        "fr_former_region_languedoc_roussillon",
        OV,
        FORMER,
        **place("FR", "Languedoc-Roussillon", "Montpellier", "Exemple SAS"),
    ),
    vector(
        "np_former_development_region",
        OV,
        FORMER,
        **place("NP", "Central Region", "Kathmandu", "Example Pvt. Ltd."),
    ),
    vector(
        "ma_former_region_rabat_sale_zemmour_zaer",
        OV,
        FORMER,
        **place("MA", "Rabat-Salé-Zemmour-Zaer", "Rabat", "Exemple SARL"),
    ),
    vector(
        "lv_former_municipality",
        OV,
        FORMER,
        **place("LV", "Aglonas novads", "Aglona", "Piemērs SIA"),
    ),
    vector(
        "gr_former_department_greek_script",
        OV,
        FORMER,
        **place("GR", "Θεσσαλονίκη", "Θεσσαλονίκη", "Example S.A."),
    ),
    vector(
        "gb_former_northern_ireland_district",
        OV,
        FORMER,
        **place("GB", "Craigavon", "Portadown"),
    ),
    vector(
        "it_former_sardinian_province",
        OV,
        FORMER,
        **place("IT", "Olbia-Tempio", "Olbia", "Esempio S.r.l."),
    ),
    # A real spelling of one country's subdivision under another country: still unknown.
    vector(
        "ua_russian_oblast_abbreviated",
        OV,
        UNRECOGNIZED,
        **place("UA", "Свердловская обл.", "Київ", "Example LLC"),
    ),
    vector(
        # An Indian state's Tamil name, as Tamil Wikipedia writes it, under Sri Lanka: the
        # Tamil spelling fold compares only within the subject's own country.
        "lk_tamil_name_of_indian_state",
        OV,
        UNRECOGNIZED,
        **place("LK", "குஜராத்", "கொழும்பு", "Example (Pvt) Ltd"),
    ),
    vector(
        # Nepal's numbered province under India, which has no such province.
        "in_nepali_numbered_province",
        OV,
        UNRECOGNIZED,
        **place("IN", "प्रदेश नं १", "Darjeeling", "Example Pvt. Ltd."),
    ),
    vector(
        "la_thai_capital_abbreviated",
        OV,
        UNRECOGNIZED,
        **place("LA", "กรุงเทพฯ", "Vientiane", "Example Co., Ltd."),
    ),
    vector(
        "be_french_former_region",
        OV,
        UNRECOGNIZED,
        **place("BE", "Nord-Pas-de-Calais", "Mons", "Exemple SRL"),
    ),
    # Near misses: type words and abbreviations per language, native scripts, short forms.
    vector(
        "near_miss_ru_oblast_abbreviated",
        OV,
        (),
        **place("RU", "Свердловская обл.", "Екатеринбург", "Example LLC"),
    ),
    vector(
        "near_miss_ru_republic_abbreviated",
        OV,
        (),
        **place("RU", "респ. Татарстан", "Казань", "Example LLC"),
    ),
    vector(
        "near_miss_ru_autonomous_okrug_abbreviated",
        OV,
        (),
        **place("RU", "Ханты-Мансийский АО", "Сургут", "Example LLC"),
    ),
    vector(
        "near_miss_ua_city_abbreviated",
        OV,
        (),
        **place("UA", "м. Київ", "Київ", "Example LLC"),
    ),
    vector(
        "near_miss_vn_tinh_prefix",
        OV,
        (),
        **place("VN", "Tỉnh Lai Châu", "Lai Châu", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_vn_thanh_pho_prefix",
        OV,
        (),
        **place("VN", "Thành phố Hà Nội", "Hà Nội", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_th_bangkok_abbreviation_mark",
        OV,
        (),
        **place("TH", "กรุงเทพฯ", "กรุงเทพฯ", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_th_bangkok_acronym",
        OV,
        (),
        **place("TH", "กทม.", "กรุงเทพฯ", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_ar_buenos_aires_fd",
        OV,
        (),
        **place("AR", "Buenos Aires F.D.", "Buenos Aires", "Ejemplo S.A."),
    ),
    vector(
        "near_miss_mx_state_abbreviation",
        OV,
        (),
        **place("MX", "N.L.", "Monterrey", "Ejemplo S.A. de C.V."),
    ),
    vector(
        "near_miss_id_special_region_abbreviated",
        OV,
        (),
        **place("ID", "DI Yogyakarta", "Yogyakarta", "PT Contoh"),
    ),
    # Names only CLDR's subdivision names give (Tamil, Russian short forms).
    vector(
        "near_miss_in_tamil_name_from_cldr",
        OV,
        (),
        **place("IN", "பீகார்", "Patna", "Example Pvt Ltd"),
    ),
    vector(
        "near_miss_ru_republic_short_name_from_cldr",
        OV,
        (),
        **place("RU", "Чечня", "Грозный", "Example LLC"),
    ),
    vector(
        "near_miss_kr_short_form",
        OV,
        (),
        **place("KR", "경남", "창원시", "Example Co., Ltd."),
    ),
    vector(
        "near_miss_cn_short_form",
        OV,
        (),
        dns_name="www.example.cn",
        **place("CN", "广西", "南宁市", **_CN),
    ),
    vector(
        "near_miss_kz_oblysy",
        OV,
        (),
        **place("KZ", "Soltüstik Qazaqstan oblysy", "Petropavl", "Example LLP"),
    ),
    vector(
        "near_miss_pl_woj_abbreviated",
        OV,
        (),
        **place("PL", "woj. mazowieckie", "Warszawa", "Przykład Sp. z o.o."),
    ),
    vector(
        "near_miss_cz_hlavni_mesto",
        OV,
        (),
        **place("CZ", "Hlavní město Praha", "Praha", "Příklad s.r.o."),
    ),
    vector(
        "near_miss_np_province_devanagari",
        OV,
        (),
        **place("NP", "बाग्मती प्रदेश", "Kathmandu", "Example Pvt. Ltd."),
    ),
    vector(
        # Romanian writes a county with its article, `Județul` (abbreviated `Jud.`).
        "near_miss_ro_judetul",
        OV,
        (),
        **place("RO", "Județul Cluj", "Cluj-Napoca", "Exemplu S.R.L."),
    ),
    vector(
        # Mongolia's provinces with `aimag`, as GeoNames' alternate names write them.
        "near_miss_mn_aimag",
        OV,
        (),
        **place("MN", "Khovd aimag", "Khovd", "Example LLC"),
    ),
    vector(
        # Tamil Wikipedia's spelling (Grantha letters, -ா) against CLDR's மகாராட்டிரம்.
        "near_miss_in_state_tamil_grantha_spelling",
        OV,
        (),
        **place("IN", "மகாராஷ்டிரா", "மும்பை", "Example Pvt. Ltd."),
    ),
    vector(
        # The sandhi doubling between the words (CLDR: அருணாசலப் பிரதேசம்).
        "near_miss_in_state_tamil_sandhi",
        OV,
        (),
        **place("IN", "அருணாச்சலப் பிரதேசம்", "Itanagar", "Example Pvt. Ltd."),
    ),
    vector(
        # The anusvara for the nasal with virama (CLDR: अण्डमान और निकोबार द्वीपसमूह).
        "near_miss_in_union_territory_hindi_anusvara",
        OV,
        (),
        **place("IN", "अंडमान और निकोबार", "Port Blair", "Example Pvt. Ltd."),
    ),
    vector(
        # Province No. 1 (2015-2023), Koshi since: ISO 3166-2 keeps `Pradesh 1`.
        "near_miss_np_numbered_province",
        OV,
        (),
        **place("NP", "प्रदेश नं १", "Biratnagar", "Example Pvt. Ltd."),
    ),
    vector(
        # KwaZulu-Natal in Zulu, with the noun-class prefix.
        "near_miss_za_province_zulu_prefix",
        OV,
        (),
        **place("ZA", "iKwaZulu-Natali", "eThekwini", "Example (Pty) Ltd"),
    ),
    vector(
        "near_miss_gr_region_greek_script",
        OV,
        (),
        **place("GR", "Κεντρική Μακεδονία", "Θεσσαλονίκη", "Example S.A."),
    ),
    vector(
        "near_miss_sa_region_arabic",
        OV,
        (),
        **place("SA", "منطقة الرياض", "الرياض", "Example Co."),
    ),
    vector(
        "near_miss_tr_ili",
        OV,
        (),
        **place("TR", "Ankara İli", "Ankara", "Örnek A.Ş."),
    ),
    # Current names where an earlier edition had a former subdivision of the same name or
    # code, and renamed subdivisions: never a former-subdivision finding.
    vector(
        "near_miss_fr_current_region",
        OV,
        (),
        **place("FR", "Hauts-de-France", "Lille", "Exemple SAS"),
    ),
    vector(
        "near_miss_ma_reused_code_current_region",
        OV,
        (),
        **place("MA", "Marrakech-Safi", "Marrakech", "Exemple SARL"),
    ),
    vector(
        "near_miss_in_renamed_state_old_name",
        OV,
        (),
        **place("IN", "Orissa", "Bhubaneswar", "Example Pvt. Ltd."),
    ),
    vector(
        "near_miss_no_county_restored_2024",
        OV,
        (),
        **place("NO", "Buskerud", "Drammen", "Eksempel AS"),
    ),
    vector(
        "near_miss_gb_northern_ireland_county",
        OV,
        (),
        **place("GB", "County Antrim", "Belfast"),
    ),
]
