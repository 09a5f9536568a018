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
