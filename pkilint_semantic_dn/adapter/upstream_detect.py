"""Steps aside for the rules that pkilint itself has (the patch series in `upstream/`).

With the series applied, pkilint's own factories add validators that implement some of this
plugin's rules (`pkilint.cabf.cabf_name.EmbeddedAttributeAssignmentValidator`, ...) to the TLS,
S/MIME and ETSI subject containers. Where such a validator is in a validator tree, this
plugin's validators in the same tree stop running the matching rule (`SemanticDnValidator.
without`), so a finding is reported once, under pkilint's code. Trees without them (the PKIX
linter, a stock pkilint) keep every rule, and so do `check` and `scan`, which do not use
pkilint's factories.

A pkilint class is recognised by its module, its name and the finding codes it declares, so a
validator that only shares a name is never mistaken for one. `UPSTREAM_RULES` is the mapping
documented in upstream/README.md.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple


class UpstreamRule(NamedTuple):
    module: str  # where the series defines the validator class
    validator: str  # its class name
    rule: str  # this plugin's rule (registry name)
    codes: tuple[tuple[str, str], ...]  # (pkilint code, semantic_dn code)


UPSTREAM_RULES: tuple[UpstreamRule, ...] = (
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "EmbeddedAttributeAssignmentValidator",
        "embedded_attribute_assignment",
        (
            (
                "cabf.name.attribute_value_contains_attribute_assignment",
                "semantic_dn.embedded_attribute_assignment",
            ),
            (
                "cabf.name.attribute_value_contains_distinguished_name",
                "semantic_dn.embedded_distinguished_name",
            ),
            (
                "cabf.name.attribute_value_may_contain_attribute_assignment",
                "semantic_dn.possible_embedded_attribute_assignment",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "AttributeValueControlCharacterValidator",
        "control_and_invisible_character",
        (
            (
                "cabf.name.attribute_value_contains_control_character",
                "semantic_dn.control_character",
            ),
            (
                "cabf.name.attribute_value_contains_invisible_format_character",
                "semantic_dn.invisible_format_character",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "AttributeValueWhitespaceValidator",
        "whitespace",
        (
            (
                "cabf.name.attribute_value_has_leading_or_trailing_whitespace",
                "semantic_dn.leading_or_trailing_whitespace",
            ),
            (
                "cabf.name.attribute_value_contains_repeated_whitespace",
                "semantic_dn.repeated_whitespace",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "PlaceholderValueValidator",
        "placeholder_value",
        (
            (
                "cabf.name.attribute_value_is_placeholder",
                "semantic_dn.placeholder_value",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "AttributeValueStructuredDataValidator",
        "structured_data_leak",
        (
            (
                "cabf.name.attribute_value_contains_data_structure",
                "semantic_dn.structured_data",
            ),
            (
                "cabf.name.attribute_value_contains_template_variable",
                "semantic_dn.template_placeholder",
            ),
            (
                "cabf.name.attribute_value_contains_field_label",
                "semantic_dn.field_label",
            ),
            (
                "cabf.name.attribute_value_may_contain_field_label",
                "semantic_dn.possible_field_label",
            ),
            (
                "cabf.name.attribute_value_is_quoted",
                "semantic_dn.quoted_value",
            ),
            (
                "cabf.name.attribute_value_may_be_quoted",
                "semantic_dn.possible_quoted_value",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "AttributeValueEncodingLeakValidator",
        "encoding_leak",
        (
            (
                "cabf.name.attribute_value_is_percent_encoded",
                "semantic_dn.percent_encoded",
            ),
            (
                "cabf.name.attribute_value_contains_replacement_character",
                "semantic_dn.replacement_character",
            ),
            (
                "cabf.name.attribute_value_contains_mojibake",
                "semantic_dn.mojibake",
            ),
            (
                "cabf.name.attribute_value_may_contain_mojibake",
                "semantic_dn.possible_mojibake",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "NotApplicableValueValidator",
        "not_applicable_value",
        (
            (
                "cabf.name.attribute_value_is_not_applicable",
                "semantic_dn.not_applicable_value",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "CountryInPlaceNameValidator",
        "country_in_place_name",
        (
            (
                "cabf.name.attribute_value_is_country_name",
                "semantic_dn.country_name_in_state_or_locality",
            ),
            (
                "cabf.name.attribute_value_ends_with_country_name",
                "semantic_dn.country_name_appended_to_state_or_locality",
            ),
            (
                "cabf.name.state_or_province_is_other_country_or_continent",
                "semantic_dn.foreign_country_or_continent_in_state",
            ),
            (
                "cabf.name.state_or_province_may_be_other_country",
                "semantic_dn.possible_foreign_country_in_state",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "StateOrProvinceSubdivisionValidator",
        "subdivision",
        (
            (
                "cabf.name.state_or_province_not_recognized",
                "semantic_dn.unrecognized_subdivision",
            ),
            (
                "cabf.name.state_or_province_is_former_subdivision",
                "semantic_dn.former_subdivision",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "PostalCodeContentValidator",
        "postal_code",
        (
            (
                "cabf.name.postal_code_contains_place_name",
                "semantic_dn.place_name_in_postal_code",
            ),
            (
                "cabf.name.postal_code_has_country_prefix",
                "semantic_dn.country_prefix_in_postal_code",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "PlaceNameAddressPartsValidator",
        "place_name_address_parts",
        (
            (
                "cabf.name.place_name_contains_postal_code",
                "semantic_dn.postal_code_in_place_name",
            ),
            (
                "cabf.name.place_name_contains_street_address",
                "semantic_dn.street_address_in_place_name",
            ),
            (
                "cabf.name.place_name_joins_address_parts",
                "semantic_dn.joined_place_names",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "LocalityStateOrProvinceConsistencyValidator",
        "locality_outside_subdivision",
        (
            (
                "cabf.name.locality_not_in_state_or_province",
                "semantic_dn.locality_outside_subdivision",
            ),
        ),
    ),
    UpstreamRule(
        "pkilint.cabf.cabf_name",
        "PostalCodeConsistencyValidator",
        "postal_code_region_mismatch",
        (
            (
                "cabf.name.postal_code_not_in_state_or_province",
                "semantic_dn.postal_code_outside_subdivision",
            ),
            (
                "cabf.name.postal_code_format_not_of_country",
                "semantic_dn.postal_code_format_mismatch",
            ),
        ),
    ),
)


def code_mapping() -> dict[str, list[str]]:
    """pkilint code -> the semantic_dn codes it replaces (for tools and docs)."""
    mapping: dict[str, list[str]] = {}
    for u in UPSTREAM_RULES:
        for pkilint_code, ours in u.codes:
            mapping.setdefault(pkilint_code, []).append(ours)
    return mapping


def _upstream_rule_of(validator) -> UpstreamRule | None:
    cls = type(validator)
    for u in UPSTREAM_RULES:
        if cls.__module__ == u.module and cls.__name__ == u.validator:
            declared = {getattr(f, "code", None) for f in validator.validations}
            if {code for code, _ in u.codes} <= declared:
                return u
    return None


def _walk(validators) -> Iterable:
    stack = list(validators or ())
    while stack:
        v = stack.pop()
        yield v
        children = getattr(v, "validators", None)
        if isinstance(children, list):
            stack.extend(children)


def native_rules(validators) -> frozenset[str]:
    """Names of this plugin's rules that pkilint's own validators in the tree implement."""
    return frozenset(
        u.rule for u in map(_upstream_rule_of, _walk(validators)) if u is not None
    )


def step_aside(validators) -> frozenset[str]:
    """This plugin's validators in the tree stop running the rules that pkilint's validators
    in the same tree implement. Returns those rule names (empty for a stock pkilint)."""
    from pkilint_semantic_dn.adapter.validators import SemanticDnValidator

    everything = list(_walk(validators))
    names = native_rules(everything)
    if names:
        for v in everything:
            if isinstance(v, SemanticDnValidator):
                v.without(names)
    return names
