"""Requirement texts that several rules cite, written once.

A rule's `citation=` names the requirement its finding rests on; where rules rest on the same
clauses, they share the text from here (and may add their own clause or incident after it).
"""

SUBJECT_INFORMATION = (
    "TLS BR 7.1.2.7.2-7.1.2.7.4 (each subject attribute, if present, MUST contain the "
    "Subject's information of that type, verified per 3.2); S/MIME BR 7.1.4.2.2; RFC "
    "5280 4.1.2.6 / X.501 (one AttributeTypeAndValue carries one attribute)"
)

ADDRESS = (
    "TLS BR 7.1.2.7.3/7.1.2.7.4 (stateOrProvinceName / localityName: if present, MUST "
    "contain the Subject's state or province / locality information; postalCode: MUST "
    "contain the Subject's zip or postal information); S/MIME BR 7.1.4.2.2; EV "
    "Guidelines 7.1.4.2.4 (jurisdiction fields MUST NOT contain information not "
    "relevant to the jurisdiction)"
)

PLACE = (
    "TLS BR 7.1.2.7.3/7.1.2.7.4 (stateOrProvinceName: if present, MUST contain the "
    "Subject's state or province information; localityName: the Subject's locality "
    "information); EV Guidelines 7.1.4.2.4 (jurisdiction fields: the full name of the "
    "jurisdiction)"
)

# The parts of one address must agree: each holds the Subject's verified address, so an
# address that cannot exist means one part is not the verified one.
ADDRESS_CONSISTENCY = (
    "TLS BR 7.1.2.7.3/7.1.2.7.4 (stateOrProvinceName, localityName, postalCode: if "
    "present, MUST contain the Subject's state or province / locality / zip or postal "
    "information, verified under 3.2.2.1 (OV) or 3.2.3 (IV): the address of the "
    "Subject's existence or operation); S/MIME BR 7.1.4.2.2 (verified under 3.2.3/3.2.4)"
)
