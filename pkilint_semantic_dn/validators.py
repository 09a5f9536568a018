"""pkilint validators: thin adapters from pyasn1 nodes to the pure rules in `rules/`.

Each class reads one AttributeTypeAndValue, gathers the enclosing distinguished name as
context, calls its rule and turns the hits into findings. They hold no per-document state,
so one instance serves every document (pkilint's REST app and pkimetal build them once).
"""

from __future__ import annotations

from typing import Callable

from pkilint import validation
from pkilint.itu.asn1_util import get_string_value_from_attribute_node
from pyasn1_alt_modules import rfc5280

from pkilint_semantic_dn import catalogue, config
from pkilint_semantic_dn.rules import Hit, Subject, embedded

Rule = Callable[[str, str, Subject], "list[Hit]"]


def finding(code: str) -> validation.ValidationFinding:
    """The pkilint finding for a catalogue code."""
    entry = catalogue.BY_CODE[code]
    return validation.ValidationFinding(
        validation.ValidationFindingSeverity[entry.severity], code
    )


VALIDATION_RULE_FAILED = finding("semantic_dn.rule_failed")


def attribute_value(node) -> str | None:
    """The decoded string value of an AttributeTypeAndValue node, or None.

    None when pkilint did not decode the value (unknown type, decoding failure reported by
    pkilint itself) or when the string cannot be represented (malformed BMPString, ...).
    """
    try:
        return get_string_value_from_attribute_node(node)
    except Exception:
        return None


def attribute_type(node) -> str:
    return str(node.children["type"].pdu)


def enclosing_subject(node) -> Subject:
    """(type OID, value) of every attribute in the distinguished name around `node`."""
    rdn = node.parent
    rdn_sequence = rdn.parent if rdn is not None else None
    if rdn_sequence is None:
        return ((attribute_type(node), attribute_value(node)),)
    return tuple(
        (attribute_type(atv), attribute_value(atv))
        for each_rdn in rdn_sequence.children.values()
        for atv in each_rdn.children.values()
    )


class SemanticAttributeValidator(validation.Validator):
    """Base of this plugin's validators: one rule applied to every subject attribute value.

    Subclasses set `RULE` (a pure function from `rules/`) and declare their findings as
    `VALIDATION_*` class constants, as pkilint's own validators do.
    """

    RULE: Rule
    # Set by registration when an explicitly added instance of the same class exists.
    switched_off = False

    def __init__(self):
        disabled = config.disabled_codes()
        self._findings = {
            f.code: f
            for name, f in vars(type(self)).items()
            if name.startswith("VALIDATION_") and f.code not in disabled
        }
        super().__init__(
            validations=list(self._findings.values()) + [VALIDATION_RULE_FAILED],
            pdu_class=rfc5280.AttributeTypeAndValue,
        )

    def match(self, node):
        return not self.switched_off and super().match(node)

    def validate(self, node):
        value = attribute_value(node)
        if value is None or not self._findings:
            return None
        try:
            hits = type(self).RULE(attribute_type(node), value, enclosing_subject(node))
        except Exception as e:  # a bug here must never become a FATAL finding in pkilint
            return validation.ValidationResult(
                self,
                node,
                [
                    validation.ValidationFindingDescription(
                        VALIDATION_RULE_FAILED,
                        f"{self.name} could not check this value ({type(e).__name__}); "
                        "please report it to pkilint-semantic-dn",
                    )
                ],
            )
        descriptions = [
            validation.ValidationFindingDescription(self._findings[h.code], h.message)
            for h in hits
            if h.code in self._findings
        ]
        return validation.ValidationResult(self, node, descriptions)


class EmbeddedAttributeAssignmentValidator(SemanticAttributeValidator):
    """Finds DN syntax inside one attribute value: `Tokyo, C=JP`, `/C=US/ST=CA/L=...`.

    Requirement: TLS BR 7.1.2.7.2-7.1.2.7.4 -- each subject attribute, if present, MUST contain
    the Subject's information of its own type (state or province, locality, organisation...);
    S/MIME BR 7.1.4.2.2 likewise. An embedded `KEYWORD=value` is another attribute's
    information, so the value is not what the attribute must contain.

    Severity: ERROR when a recognised keyword follows a DN separator (`,` `;` `+` `/`), when a
    multi-letter keyword or dotted OID starts the value, or when two or more assignments form a
    pasted DN -- no real name has that shape. NOTICE when the only evidence is a single-letter
    keyword at the very start (`E=MC2 Ltd` is a plausible company name), unless the embedded
    value repeats the subject's attribute of that type (`C=JP` beside countryName JP): then it
    is ERROR again.
    """

    VALIDATION_EMBEDDED_ATTRIBUTE_ASSIGNMENT = finding(
        embedded.EMBEDDED_ATTRIBUTE_ASSIGNMENT
    )
    VALIDATION_EMBEDDED_DISTINGUISHED_NAME = finding(
        embedded.EMBEDDED_DISTINGUISHED_NAME
    )
    VALIDATION_POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT = finding(
        embedded.POSSIBLE_EMBEDDED_ATTRIBUTE_ASSIGNMENT
    )

    RULE = staticmethod(embedded.check)


# The validator classes in the order they are registered; one instance of each per container.
VALIDATOR_CLASSES: tuple[type[SemanticAttributeValidator], ...] = (
    EmbeddedAttributeAssignmentValidator,
)
