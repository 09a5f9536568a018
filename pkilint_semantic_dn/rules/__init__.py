"""The built-in rules: one module each, declared with `pkilint_semantic_dn.rule(...)`.

Each module holds one rule's logic and its declaration (codes, severity and why, citation,
description, examples, the attribute types it applies to); its vectors are in
`vectors/<module>/`, their spec in `tools/vector_specs/<module>.py`, its test in
`tests/test_<module>.py`. This tuple is the order in which the engine runs them (a rule that
defers to others runs after them; the registry checks that).
"""

BUILTIN = (
    "embedded_attribute_assignment",
    "placeholder_value",
    "not_applicable_value",
    "control_and_invisible_character",
    "whitespace",
    "country_in_place_name",
    "place_name_address_parts",
    "postal_code",
    "structured_data_leak",
    "encoding_leak",
    "locality_outside_subdivision",
    "postal_code_region_mismatch",
    # Last: it stays quiet on a value that the rules above already report.
    "subdivision",
)
