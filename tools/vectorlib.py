"""Building blocks for vector specs: subjects per profile and the Vector record.

A spec module in `tools/vector_specs/` lists `VECTORS`; `tools/generate_vectors.py` turns each
into `vectors/<family>/<profile>/<name>.crttest`, where <family> is the spec module's name.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from certs import PROFILES, Attribute

OV = "tls_br/ov_final_certificate"
DV = "tls_br/dv_final_certificate"
IV = "tls_br/iv_final_certificate"
EV = "tls_br/ev_final_certificate"
SMIME_ORG = "smime_br/organization/strict"
SMIME_SPONSORED = "smime_br/sponsored/strict"
ETSI_OV = "etsi/qncp_w_ov_eidas_final_certificate"
PKIX = "pkix"

# Short names used in specs -> OIDs.
OIDS = {
    "C": "2.5.4.6",
    "ST": "2.5.4.8",
    "L": "2.5.4.7",
    "O": "2.5.4.10",
    "OU": "2.5.4.11",
    "CN": "2.5.4.3",
    "STREET": "2.5.4.9",
    "POSTALCODE": "2.5.4.17",
    "SERIALNUMBER": "2.5.4.5",
    "SN": "2.5.4.4",
    "GN": "2.5.4.42",
    "TITLE": "2.5.4.12",
    "PSEUDONYM": "2.5.4.65",
    "BUSINESSCATEGORY": "2.5.4.15",
    "ORGID": "2.5.4.97",
    "EMAIL": "1.2.840.113549.1.9.1",
    "JURL": "1.3.6.1.4.1.311.60.2.1.1",
    "JURST": "1.3.6.1.4.1.311.60.2.1.2",
    "JURC": "1.3.6.1.4.1.311.60.2.1.3",
}

# Attribute order of each profile's default subject (the order pkilint's TLS BR check expects).
_ORDER = [
    "JURC",
    "JURST",
    "JURL",
    "BUSINESSCATEGORY",
    "SERIALNUMBER",
    "C",
    "ST",
    "L",
    "POSTALCODE",
    "STREET",
    "O",
    "OU",
    "SN",
    "GN",
    "PSEUDONYM",
    "TITLE",
    "ORGID",
    "CN",
    "EMAIL",
]

_DEFAULTS = {
    OV: {
        "C": "US",
        "ST": "California",
        "L": "Mountain View",
        "O": "Example Corporation",
        "CN": "www.example.com",
    },
    DV: {"CN": "www.example.com"},
    IV: {
        "C": "US",
        "ST": "California",
        "L": "Mountain View",
        "GN": "Jane",
        "SN": "Doe",
        "CN": "www.example.com",
    },
    EV: {
        "JURC": "US",
        "JURST": "Delaware",
        "BUSINESSCATEGORY": "Private Organization",
        "SERIALNUMBER": "5157550",
        "C": "US",
        "ST": "California",
        "L": "Mountain View",
        "O": "Example Corporation",
        "CN": "www.example.com",
    },
    SMIME_ORG: {
        "C": "US",
        "O": "Example Corporation",
        "ORGID": "NTRUS+DE-5157550",
        "CN": "Example Corporation",
    },
    SMIME_SPONSORED: {
        "C": "US",
        "O": "Example Corporation",
        "ORGID": "NTRUS+DE-5157550",
        "GN": "Jane",
        "SN": "Doe",
        "CN": "Jane Doe",
    },
    ETSI_OV: {"C": "DE", "L": "Berlin", "O": "Beispiel GmbH", "CN": "www.example.com"},
    PKIX: {"C": "US", "O": "Example Corporation", "CN": "www.example.com"},
}


class Vector(NamedTuple):
    name: str  # file name without .crttest: what it proves, in snake_case
    profile: str  # one of the profile constants above
    subject: tuple[Attribute, ...]
    expect: tuple[
        str, ...
    ]  # the semantic_dn codes it must produce (sorted), () for none
    dns_name: str = "www.example.com"


def subject(profile: str, drop: Sequence[str] = (), **values) -> tuple[Attribute, ...]:
    """The profile's default subject with values replaced, added (KEY=value) or dropped.

    A value may be a (text, string_type) pair; string types are the keys of certs.STRING_TYPES.
    """
    merged = dict(_DEFAULTS[profile])
    for key in drop:
        merged.pop(key, None)
    merged.update(values)
    out = []
    for key in _ORDER:
        if key in merged and merged[key] is not None:
            value = merged[key]
            if isinstance(value, tuple):
                out.append(Attribute(OIDS[key], value[0], value[1]))
            else:
                out.append(Attribute(OIDS[key], value))
    return tuple(out)


def vector(
    name, profile, expect=(), drop=(), dns_name="www.example.com", **values
) -> Vector:
    if isinstance(expect, str):
        expect = (expect,)
    assert profile in PROFILES, profile
    return Vector(
        name, profile, subject(profile, drop, **values), tuple(sorted(expect)), dns_name
    )
