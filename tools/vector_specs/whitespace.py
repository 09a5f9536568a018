"""Vectors of the whitespace rule: leading, trailing and repeated white space (rule family 6
before the split)."""

from vectorlib import EV, OV, SMIME_ORG, vector

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
    vector(
        "smime_leading_space",
        SMIME_ORG,
        (EDGE, EDGE),
        O=" Example Corporation",
        CN=" Example Corporation",
    ),
    # Near misses: the ideographic space of CJK names, and ordinary names.
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
        "near_miss_single_spaces", OV, (), O="Example Widget Corporation of America"
    ),
]
