"""pkilint validators: the engine's hits as pkilint findings, and nothing else.

`SemanticDnValidator` matches a Name's RDNSequence, reads each attribute's type and value,
hands the pairs to the engine (`core/engine.py`, the same one `check` and `scan` use) and
reports each hit on its attribute's node. A finding appears under its rule's validator
(`EmbeddedAttributeAssignmentValidator`, ...): one small `RuleValidator` class per rule,
generated from the rule's declaration with its `VALIDATION_*` constants, as pkilint's own
validators declare theirs. No state of a document is kept, so one instance serves every
document (pkilint's REST app and pkimetal build validators once), and nothing a rule does
reaches pkilint as an exception (a rule failure is the engine's `semantic_dn.rule_failed`).
"""

from __future__ import annotations

import re
import threading
from typing import Iterable

from pkilint import validation
from pyasn1.type import univ
from pyasn1_alt_modules import rfc5280

from pkilint_semantic_dn.core import registry

# The engine (and with it the rules and their tables) is imported when the first validator is
# built, not when pkilint is imported: every pkilint program imports this module through the
# start-up hook, and many never build a certificate linter.
_RDN_SEQUENCE = rfc5280.RDNSequence


def validation_finding(f: registry.Finding) -> validation.ValidationFinding:
    return validation.ValidationFinding(
        validation.ValidationFindingSeverity[f.severity], f.code
    )


def _constant(code: str) -> str:
    return "VALIDATION_" + re.sub(r"[^A-Za-z0-9]+", "_", code.split(".", 1)[-1]).upper()


class RuleValidator(validation.Validator):
    """Base of the generated per-rule validators. They carry a rule's name and findings for
    pkilint's output and listings; `SemanticDnValidator` runs the rules. Never matches.
    """

    RULE: registry.Rule

    def __init__(self, findings: Iterable[validation.ValidationFinding]):
        super().__init__(validations=list(findings), pdu_class=_RDN_SEQUENCE)

    def match(self, node):
        return False


_classes: dict[tuple, type] = {}
_classes_lock = threading.Lock()


def rule_validator_class(rule: registry.Rule) -> type:
    """The validator class of a rule: named as the rule declares (`...Validator`), a
    `VALIDATION_*` constant per code, the rule's explanation as its docstring. One class per
    declaration, so instances built at different times are of one class."""
    key = (rule.name, rule.findings)
    with _classes_lock:
        cls = _classes.get(key)
        if cls is None:
            namespace = {
                "__doc__": rule.doc or rule.findings[0].description,
                "__module__": __name__,
                "RULE": rule,
            }
            for f in rule.findings:
                namespace[_constant(f.code)] = validation_finding(f)
            namespace["VALIDATION_RULE_FAILED"] = validation_finding(
                registry.RULE_FAILED
            )
            cls = _classes[key] = type(rule.validator, (RuleValidator,), namespace)
        return cls


def attribute_value(node) -> str | None:
    """The decoded string value of an AttributeTypeAndValue node, or None.

    None when pkilint did not decode the value (unknown type, decoding failure reported by
    pkilint itself) or when the string cannot be represented (malformed BMPString, ...). The
    same reading as pkilint's `get_string_value_from_attribute_node`, without its exceptions
    and property lookups on the way: this runs for every subject attribute.
    """
    try:
        decoded = node.children["value"].children
        if len(decoded) != 1:
            return None  # not decoded
        (string,) = decoded.values()
        # DirectoryString: the chosen string type.
        if isinstance(string.pdu, univ.Choice):
            (string,) = string.children.values()
        return str(string.pdu)
    except Exception:
        return None


# Dotted strings of attribute types by their arcs: pyasn1 renders an OID to text on every
# str() call, a visible share of the cost per attribute. The types the rules know, and those
# met since (bounded: hostile names may bring thousands of made-up types).
_KNOWN_OIDS: dict[tuple, str] = {}
_OIDS_KEPT = 1024


def _known_oids() -> dict[tuple, str]:
    from pkilint_semantic_dn.core import attributes

    found = {
        tuple(int(arc) for arc in oid.split(".")): oid for oid in attributes.BY_OID
    }
    _KNOWN_OIDS.update(found)
    return _KNOWN_OIDS


def attribute_type(node) -> str:
    try:
        arcs = node.children["type"].pdu.asTuple()
        text = (_KNOWN_OIDS or _known_oids()).get(arcs)
        if text is None:
            text = ".".join(map(str, arcs))
            if len(_KNOWN_OIDS) < _OIDS_KEPT:
                _KNOWN_OIDS[arcs] = text
        return text
    except Exception:
        return ""


def name_pairs(rdn_sequence) -> tuple[list, list]:
    """The AttributeTypeAndValue nodes of a name and their (OID, value) pairs."""
    nodes, pairs = [], []
    known = _KNOWN_OIDS or _known_oids()
    choice = univ.Choice
    for rdn in rdn_sequence.children.values():
        for atv in rdn.children.values():
            nodes.append(atv)
            # `attribute_type` and `attribute_value` written out for the common case (a
            # type the rules know, a decoded string): this runs on every attribute of
            # every name, where each call costs more than its work. Anything else, or a
            # failure, goes to them.
            try:
                children = atv.children
                oid = known.get(children["type"].pdu.asTuple())
                if oid is None:
                    oid = attribute_type(atv)
                decoded = children["value"].children
                value = None
                if len(decoded) == 1:
                    (string,) = decoded.values()
                    pdu = string.pdu
                    if isinstance(pdu, choice):
                        (string,) = string.children.values()
                        pdu = string.pdu
                    value = str(pdu)
            except Exception:
                oid, value = attribute_type(atv), attribute_value(atv)
            pairs.append((oid, value))
    return nodes, pairs


class SemanticDnValidator(validation.Validator):
    """Runs the semantic DN rules on each distinguished name, in one visit per name.

    Requirement: each rule cites its own (see the rule validators' docstrings and
    finding_metadata.csv); the findings are reported on each attribute's node.
    """

    # Set by registration on an automatically added instance whose rules an explicitly
    # added instance also runs (so nothing is reported twice).
    switched_off = False

    def __init__(
        self,
        rules: Iterable[registry.Rule] | None = None,
        disabled: Iterable[str] | None = None,
    ):
        from pkilint_semantic_dn.core import engine

        # An attribute of the instance, not only of the class: `match` reads it on every
        # node of every name, and an instance's own attribute is the quicker read.
        self.switched_off = False
        self.engine = engine.Engine(
            None if rules is None else tuple(rules), disabled=disabled
        )
        reported = {f.code for f in self.engine.findings}
        self.rule_validators = {}
        for r in self.engine.rules:
            cls = rule_validator_class(r)
            findings = [validation_finding(f) for f in r.findings if f.code in reported]
            if registry.RULE_FAILED.code in reported:
                findings.append(cls.VALIDATION_RULE_FAILED)
            self.rule_validators[r.name] = cls(findings)
        # (rule, code) -> the finding its validator declares, for mapping hits.
        self._finding_of = {
            (name, f.code): f
            for name, v in self.rule_validators.items()
            for f in v.validations
            if f is not self.VALIDATION_FINDING_UNHANDLED_EXCEPTION
        }
        listed = {}
        for (_, code), f in self._finding_of.items():
            listed.setdefault(code, f)
        super().__init__(validations=list(listed.values()), pdu_class=_RDN_SEQUENCE)

    @property
    def rule_names(self) -> frozenset:
        return frozenset(self.rule_validators)

    def without(self, names: Iterable[str]) -> None:
        """Stop running the rules `names` (another validator in the tree runs them)."""
        names = set(names)
        if not names & self.rule_names:
            return
        kept = [r for r in self.engine.rules if r.name not in names]
        if not kept:
            self.switched_off = True
            return
        self.engine = type(self.engine)(kept, disabled=self.engine.disabled)

    def match(self, node):
        # One visit per distinguished name, not per attribute.
        return not self.switched_off and isinstance(node.pdu, _RDN_SEQUENCE)

    def validate(self, node):
        try:
            return self._validate(node)
        except Exception as e:  # reading pkilint's nodes failed: never FATAL from here
            return self._failed_name(node, e)

    def _validate(self, node) -> list:
        # An empty list when there is nothing to report: pkilint's container adds it as it
        # adds a container's results, with no empty ValidationResult to build.
        nodes, pairs = name_pairs(node)
        hits = self.engine.check(pairs)
        if not hits:
            return []
        grouped: dict[tuple[int, str], list] = {}
        for h in hits:
            grouped.setdefault((h.index, h.rule), []).append(h)
        results = []
        for (index, rule), found in grouped.items():
            descriptions = [
                validation.ValidationFindingDescription(
                    self._finding_of[rule, h.code], h.message
                )
                for h in found
            ]
            results.append(
                validation.ValidationResult(
                    self.rule_validators[rule], nodes[index], descriptions
                )
            )
        return results

    def _failed_name(self, node, error: Exception) -> list:
        if registry.RULE_FAILED.code in self.engine.disabled:
            return []
        message = (
            f"the semantic DN rules could not read this name ({type(error).__name__}); "
            "it was not checked. Please report it to pkilint-semantic-dn"
        )
        f = validation_finding(registry.RULE_FAILED)
        return [
            validation.ValidationResult(
                self, node, [validation.ValidationFindingDescription(f, message)]
            )
        ]
