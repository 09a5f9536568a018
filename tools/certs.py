"""Deterministic test certificates for the vectors: fixed keys, fixed dates, RFC 6979 signatures.

`build_certificate(profile, subject)` returns PEM text for a subscriber certificate of the given
profile whose subject holds exactly the attributes given, in order, with the requested string
types. Extensions follow each profile closely enough that stock pkilint has little to say, so
a vector's CSV is mostly about the subject.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

_CA_KEY = ec.derive_private_key(0x5E3A471C0FFEE, ec.SECP256R1())
_EE_KEY = ec.derive_private_key(0xD15C0B0B5EED, ec.SECP256R1())
_NOT_BEFORE = datetime.datetime(2025, 11, 1, tzinfo=datetime.timezone.utc)
_ISSUER = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "XX"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "pkilint-semantic-dn Test CA"),
        x509.NameAttribute(NameOID.COMMON_NAME, "pkilint-semantic-dn Test Issuing CA"),
    ]
)

STRING_TYPES = {
    "utf8": _ASN1Type.UTF8String,
    "printable": _ASN1Type.PrintableString,
    "bmp": _ASN1Type.BMPString,
    "universal": _ASN1Type.UniversalString,
    "teletex": _ASN1Type.T61String,
    "ia5": _ASN1Type.IA5String,
}


class Attribute(NamedTuple):
    oid: str
    value: str
    string_type: str | None = (
        None  # a key of STRING_TYPES; None: cryptography's default
    )


class Profile(NamedTuple):
    suite: str  # tls_br, smime_br, etsi, pkix
    cert_type: str  # folder name under the suite, as in pkilint's own vectors
    policy_oids: tuple[str, ...]
    ekus: tuple[ObjectIdentifier, ...]
    validity_days: int


_TLS = (ExtendedKeyUsageOID.SERVER_AUTH,)
_SMIME = (ExtendedKeyUsageOID.EMAIL_PROTECTION,)

PROFILES = {
    "tls_br/dv_final_certificate": Profile(
        "tls_br", "dv_final_certificate", ("2.23.140.1.2.1",), _TLS, 90
    ),
    "tls_br/ov_final_certificate": Profile(
        "tls_br", "ov_final_certificate", ("2.23.140.1.2.2",), _TLS, 199
    ),
    "tls_br/iv_final_certificate": Profile(
        "tls_br", "iv_final_certificate", ("2.23.140.1.2.3",), _TLS, 199
    ),
    "tls_br/ev_final_certificate": Profile(
        "tls_br", "ev_final_certificate", ("2.23.140.1.1",), _TLS, 199
    ),
    "smime_br/organization/strict": Profile(
        "smime_br", "organization/strict", ("2.23.140.1.5.2.3",), _SMIME, 365
    ),
    "smime_br/sponsored/strict": Profile(
        "smime_br", "sponsored/strict", ("2.23.140.1.5.3.3",), _SMIME, 365
    ),
    "etsi/qncp_w_ov_eidas_final_certificate": Profile(
        "etsi",
        "qncp_w_ov_eidas_final_certificate",
        ("2.23.140.1.2.2", "0.4.0.194112.1.5"),
        _TLS,
        199,
    ),
    "pkix": Profile("pkix", "", (), _TLS, 365),
}


def _name(attributes: Sequence[Attribute]) -> x509.Name:
    out = []
    for a in attributes:
        kwargs = {}
        if a.string_type is not None:
            kwargs["_type"] = STRING_TYPES[a.string_type]
        out.append(x509.NameAttribute(ObjectIdentifier(a.oid), a.value, **kwargs))
    return x509.Name(out)


def build_certificate(
    profile: Profile,
    subject: Sequence[Attribute],
    serial: int,
    dns_name: str = "www.example.com",
    email: str | None = None,
) -> str:
    ski = x509.SubjectKeyIdentifier.from_public_key(_EE_KEY.public_key())
    aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(_CA_KEY.public_key())
    if profile.suite == "smime_br":
        email = email or next(
            (a.value for a in subject if a.oid == "1.2.840.113549.1.9.1"), None
        )
        san = [x509.RFC822Name(email or "someone@example.com")]
        key_usage = x509.KeyUsage(
            True, False, False, False, False, False, False, False, False
        )
    else:
        san = [x509.DNSName(dns_name)]
        key_usage = x509.KeyUsage(
            True, False, False, False, False, False, False, False, False
        )
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_ISSUER)
        .public_key(_EE_KEY.public_key())
        .serial_number(serial)
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_BEFORE + datetime.timedelta(days=profile.validity_days))
        .add_extension(aki, critical=False)
        .add_extension(key_usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage(list(profile.ekus)), critical=False)
        .add_extension(
            x509.SubjectAlternativeName(san),
            critical=profile.suite == "smime_br"
            and not any(a.oid in ("2.5.4.3", "2.5.4.10") for a in subject),
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                        x509.UniformResourceIdentifier("http://ca.example.com/ca.crt"),
                    ),
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier("http://ocsp.example.com"),
                    ),
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [
                            x509.UniformResourceIdentifier(
                                "http://crl.example.com/ca.crl"
                            )
                        ],
                        None,
                        None,
                        None,
                    )
                ]
            ),
            critical=False,
        )
    )
    if profile.suite != "tls_br":  # the TLS BR say NOT RECOMMENDED for subscribers
        builder = builder.add_extension(ski, critical=False)
    if profile.policy_oids:
        builder = builder.add_extension(
            x509.CertificatePolicies(
                [
                    x509.PolicyInformation(ObjectIdentifier(o), None)
                    for o in profile.policy_oids
                ]
            ),
            critical=False,
        )
    certificate = (
        builder.sign(_CA_KEY, hashes.SHA256(), ecdsa_deterministic=True)
        if _supports_deterministic()
        else builder.sign(_CA_KEY, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def der_certificate(
    profile: Profile, subject: Sequence[tuple[str, str]], serial: int
) -> bytes:
    """`build_certificate` of (OID, value) pairs, as DER."""
    pem = build_certificate(
        profile, [Attribute(oid, value) for oid, value in subject], serial
    )
    return x509.load_pem_x509_certificate(pem.encode()).public_bytes(
        serialization.Encoding.DER
    )


def _supports_deterministic() -> bool:
    import inspect

    return (
        "ecdsa_deterministic"
        in inspect.signature(x509.CertificateBuilder.sign).parameters
    )
