"""Vectors of the control and invisible character rule: C0/C1 controls and invisible format
characters (rule family 6 before the split)."""

from vectorlib import OV, PKIX, vector

CONTROL = "semantic_dn.control_character"
INVISIBLE = "semantic_dn.invisible_format_character"
# The whitespace rule also reports the trailing space of a vector here.
EDGE = "semantic_dn.leading_or_trailing_whitespace"

VECTORS = [
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
    vector("right_to_left_mark_in_latin", OV, INVISIBLE, O="Example\u200f Corporation"),
    vector("soft_hyphen", OV, INVISIBLE, O="Exam\u00adple Corporation"),
    vector("pkix_tab_in_ou", PKIX, CONTROL, OU="Sales\tEMEA"),
    vector("tab_and_trailing_space", OV, (CONTROL, EDGE), O="Example\tCorporation "),
    # Near misses: scripts that need these characters.
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
]
