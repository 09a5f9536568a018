"""Rule family 6: stray white space, control characters and invisible format characters."""

from vectorlib import EV, OV, PKIX, SMIME_ORG, vector

CONTROL = "semantic_dn.control_character"
INVISIBLE = "semantic_dn.invisible_format_character"
EDGE = "semantic_dn.leading_or_trailing_whitespace"
REPEATED = "semantic_dn.repeated_whitespace"

VECTORS = [
    vector("leading_space_organization", OV, EDGE, O=" Example Corporation"),
    vector("trailing_space_locality", OV, EDGE, L="Mountain View "),
    vector("trailing_no_break_space", OV, EDGE, O="Example Corporation\u00a0"),
    vector(
        "leading_and_trailing_printablestring",
        OV,
        EDGE,
        ST=(" California ", "printable"),
    ),
    vector("ev_organization_trailing_space", EV, EDGE, O="Example Corporation "),
    vector("double_space_inside", OV, REPEATED, O="Example  Corporation"),
    vector("tab_inside", OV, CONTROL, O="Example\tCorporation"),
    vector("line_feed_at_end", OV, (CONTROL,), L="Mountain View\n"),
    vector(
        "carriage_return_line_feed_inside",
        OV,
        CONTROL,
        STREET="1600 Amphitheatre Pkwy\r\nBuilding 40",
    ),
    vector("c1_control_inside", OV, CONTROL, O="Example\u0085Corporation"),
    vector("zero_width_space", OV, INVISIBLE, O="Example\u200bCorporation"),
    vector("byte_order_mark_prefix", OV, INVISIBLE, ST="\ufeffCalifornia"),
    vector("right_to_left_override", OV, INVISIBLE, O="Example \u202eCorporation"),
    vector("zero_width_joiner_in_ascii", OV, INVISIBLE, O="Exam\u200dple Corporation"),
    vector("left_to_right_mark_in_latin", OV, INVISIBLE, L="Mountain View\u200e"),
    vector("soft_hyphen", OV, INVISIBLE, O="Exam\u00adple Corporation"),
    vector(
        "smime_leading_space",
        SMIME_ORG,
        (EDGE, EDGE),
        O=" Example Corporation",
        CN=" Example Corporation",
    ),
    vector("pkix_tab_in_ou", PKIX, CONTROL, OU="Sales\tEMEA"),
    vector("tab_and_trailing_space", OV, (CONTROL, EDGE), O="Example\tCorporation "),
    # Near misses: scripts that need these characters, and ordinary names.
    vector(
        "near_miss_japanese_ideographic_space",
        OV,
        (),
        C="JP",
        ST="東京都",
        L="港区",
        O="株式会社\u3000サンプル",
        dns_name="www.example.jp",
    ),
    vector(
        "near_miss_persian_zero_width_non_joiner",
        OV,
        (),
        C="IR",
        ST="Tehran",
        L="Tehran",
        O="شرکت نرم\u200cافزاری نمونه",
    ),
    vector(
        "near_miss_hindi_zero_width_joiner",
        OV,
        (),
        C="IN",
        ST="Maharashtra",
        L="Mumbai",
        O="क्\u200dष उदाहरण प्राइवेट लिमिटेड",
    ),
    vector(
        "near_miss_hebrew_right_to_left_mark",
        OV,
        (),
        C="IL",
        ST="Tel Aviv",
        L="Tel Aviv",
        O='חברה לדוגמה בע"מ\u200f',
    ),
    vector(
        "near_miss_thai_zero_width_space",
        OV,
        (),
        C="TH",
        ST="Bangkok",
        L="Bangkok",
        O="บริษัท\u200bตัวอย่าง\u200bจำกัด",
    ),
    vector(
        "near_miss_single_spaces", OV, (), O="Example Widget Corporation of America"
    ),
]
