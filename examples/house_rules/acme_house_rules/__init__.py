"""ACME CA's house rules: subject values its CP/CPS allows, checked before and after issuance.

Each rule is a function `(attribute_oid, value, subject)` that yields a message for each
problem; the decorator says what it reports and why. `subject` holds the name's
(OID, value) pairs, so a rule can look at the other attributes.
"""

from pkilint_semantic_dn import rule

# The states ACME has validated organisations in (CPS 3.2.2.1).
APPROVED_STATES = frozenset({"California", "New York", "Texas", "Tokyo"})


@rule(
    "acme.unapproved_state",
    severity="ERROR",
    description="stateOrProvinceName is not one of the states on ACME's approved list",
    citation="ACME CPS 3.2.2.1 (subject state values come from the approved list)",
    attributes=("ST",),
)
def unapproved_state(attribute_oid, value, subject):
    if value not in APPROVED_STATES:
        yield f"stateOrProvinceName {value!r} is not on ACME's approved list"


@rule(
    "acme.organization_without_country",
    severity="WARNING",
    description="organizationName is present but countryName is not",
    citation="ACME CPS 7.1.4 (an organisation is always named with its country)",
    attributes=("organizationName",),
)
def organization_without_country(attribute_oid, value, subject):
    if not subject.values_of("2.5.4.6"):
        return [f"organizationName {value!r} without countryName"]
    return []
