"""Typical issued certificates for the benchmarks: DV, OV and EV TLS and S/MIME subjects of
the shapes CAs issue all day, from many countries (real subdivisions, cities, company forms,
registration numbers, in the scripts and spellings those countries' certificates use).

`certificates()` returns `[(label, der, profile)]`, deterministic (fixed keys, dates and
serials, `tools/certs.py`). Building them takes about a second; nothing is written to disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tools")]

import certs  # noqa: E402
from cryptography import x509  # noqa: E402

# (C, ST, L, O, street, postal code, jurisdiction ST, registration number, DNS name)
PLACES = (
    (
        "US",
        "California",
        "San Francisco",
        "Example Payments, Inc.",
        "548 Market Street",
        "94104",
        "Delaware",
        "4563987",
        "www.example-payments.com",
    ),
    (
        "US",
        "New York",
        "New York",
        "Hudson Mutual Insurance Company",
        "200 Park Avenue",
        "10166",
        "New York",
        "3409822",
        "secure.hudson-mutual.com",
    ),
    (
        "US",
        "Texas",
        "Austin",
        "Lone Star Credit Union",
        "1000 Congress Ave",
        "78701",
        "Texas",
        "0801234567",
        "online.lonestar-cu.org",
    ),
    (
        "DE",
        "Bayern",
        "München",
        "Beispiel Versicherung AG",
        "Leopoldstraße 12",
        "80802",
        None,
        "HRB 123456",
        "www.beispiel-versicherung.de",
    ),
    (
        "DE",
        "Nordrhein-Westfalen",
        "Köln",
        "Rheinische Stadtwerke GmbH",
        "Domstraße 5",
        "50668",
        None,
        "HRB 98765",
        "portal.rheinische-stadtwerke.de",
    ),
    (
        "FR",
        "Île-de-France",
        "Paris",
        "Exemple Banque SA",
        "12 rue de la Paix",
        "75002",
        None,
        "552 120 222",
        "www.exemple-banque.fr",
    ),
    (
        "GB",
        "Greater London",
        "London",
        "Example Trading Limited",
        "1 Canada Square",
        "E14 5AB",
        None,
        "01234567",
        "www.example-trading.co.uk",
    ),
    (
        "JP",
        "Tokyo",
        "Minato-ku",
        "Example Holdings K.K.",
        "1-2-3 Roppongi",
        "106-0032",
        None,
        "0104-01-123456",
        "www.example-holdings.jp",
    ),
    (
        "JP",
        "Osaka",
        "Osaka",
        "株式会社サンプル",
        None,
        None,
        None,
        "1200-01-234567",
        "www.sample.co.jp",
    ),
    (
        "CN",
        "Beijing",
        "Beijing",
        "示例科技有限公司",
        None,
        None,
        None,
        "91110108MA01234567",
        "www.example.cn",
    ),
    (
        "KR",
        "Seoul",
        "Gangnam-gu",
        "Example Electronics Co., Ltd.",
        "123 Teheran-ro",
        "06142",
        None,
        "110111-1234567",
        "www.example-electronics.co.kr",
    ),
    (
        "CA",
        "Ontario",
        "Toronto",
        "Maple Leaf Financial Corporation",
        "100 King Street West",
        "M5X 1A9",
        "Ontario",
        "1234567",
        "www.mapleleaf-financial.ca",
    ),
    (
        "AU",
        "New South Wales",
        "Sydney",
        "Harbour Bridge Telecommunications Pty Ltd",
        "1 Macquarie Place",
        "2000",
        None,
        "123 456 789",
        "www.harbourbridge.com.au",
    ),
    (
        "BR",
        "São Paulo",
        "São Paulo",
        "Exemplo Comércio Ltda",
        "Avenida Paulista, 1000",
        "01310-100",
        None,
        "12.345.678/0001-95",
        "www.exemplo.com.br",
    ),
    (
        "IN",
        "Karnataka",
        "Bengaluru",
        "Example Software Private Limited",
        "100 MG Road",
        "560001",
        None,
        "U72200KA2001PTC012345",
        "www.example-software.in",
    ),
    (
        "ES",
        "Madrid",
        "Madrid",
        "Ejemplo Servicios S.L.",
        "Calle de Alcalá 45",
        "28014",
        None,
        "B12345678",
        "www.ejemplo.es",
    ),
    (
        "IT",
        "Lombardia",
        "Milano",
        "Esempio S.p.A.",
        "Via Monte Napoleone 8",
        "20121",
        None,
        "MI-1234567",
        "www.esempio.it",
    ),
    (
        "NL",
        "Noord-Holland",
        "Amsterdam",
        "Voorbeeld B.V.",
        "Herengracht 100",
        "1015 BS",
        None,
        "12345678",
        "www.voorbeeld.nl",
    ),
    (
        "CH",
        "Zürich",
        "Zürich",
        "Beispiel Treuhand AG",
        "Bahnhofstrasse 1",
        "8001",
        None,
        "CHE-123.456.789",
        "www.beispiel-treuhand.ch",
    ),
    (
        "SE",
        "Stockholms län",
        "Stockholm",
        "Exempel AB",
        "Drottninggatan 10",
        "111 51",
        None,
        "556123-4567",
        "www.exempel.se",
    ),
    (
        "PL",
        "mazowieckie",
        "Warszawa",
        "Przykład Sp. z o.o.",
        "ul. Marszałkowska 1",
        "00-624",
        None,
        "0000123456",
        "www.przyklad.pl",
    ),
    (
        "MX",
        "Ciudad de México",
        "Ciudad de México",
        "Ejemplo Financiero S.A. de C.V.",
        "Paseo de la Reforma 222",
        "06600",
        None,
        "EFI123456AB1",
        "www.ejemplo-financiero.mx",
    ),
    (
        "ZA",
        "Gauteng",
        "Johannesburg",
        "Example Mining (Pty) Ltd",
        "1 Fox Street",
        "2001",
        None,
        "2001/012345/07",
        "www.example-mining.co.za",
    ),
    (
        "TW",
        "Taipei City",
        "Taipei",
        "Example Semiconductor Co., Ltd.",
        None,
        None,
        None,
        "12345678",
        "www.example-semi.com.tw",
    ),
    (
        "AT",
        "Wien",
        "Wien",
        "Beispiel Bank AG",
        "Graben 21",
        "1010",
        None,
        "FN 123456a",
        "www.beispielbank.at",
    ),
    (
        "BE",
        "Brussels Hoofdstedelijk Gewest",
        "Brussel",
        "Voorbeeld NV",
        "Wetstraat 16",
        "1000",
        None,
        "0123.456.789",
        "www.voorbeeld.be",
    ),
)

C, ST, L, O, CN = "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.3"
STREET, POSTAL, SERIAL, BUSINESS = "2.5.4.9", "2.5.4.17", "2.5.4.5", "2.5.4.15"
JUR_C, JUR_ST = "1.3.6.1.4.1.311.60.2.1.3", "1.3.6.1.4.1.311.60.2.1.2"
EMAIL, ORG_ID = "1.2.840.113549.1.9.1", "2.5.4.97"
P = "printable"


def _string(value: str) -> str | None:
    """PrintableString where the value allows it (as most CAs encode), else UTF8String."""
    allowed = set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?"
    )
    return P if set(value) <= allowed else None


def _a(oid: str, value: str) -> certs.Attribute:
    return certs.Attribute(oid, value, _string(value))


def _registration(country: str, state: str, number: str) -> str:
    """An organizationIdentifier of the national trade register scheme (NTR)."""
    reference = "".join(ch for ch in number if ch.isalnum())
    if country == "US":
        return f"NTRUS+{state[:2].upper()}-{reference}"
    return f"NTR{country}-{reference}"


def subjects():
    """[(label, profile name, [Attribute], dns name, email)]."""
    out = []
    for c, st, l, o, street, postal, jur_st, number, dns in PLACES:
        out.append((f"dv/{c}", "tls_br/dv_final_certificate", [_a(CN, dns)], dns, None))
        out.append(
            (
                f"ov/{c}",
                "tls_br/ov_final_certificate",
                [_a(C, c), _a(ST, st), _a(L, l), _a(O, o), _a(CN, dns)],
                dns,
                None,
            )
        )
        ev = [_a(BUSINESS, "Private Organization"), _a(JUR_C, c)]
        if jur_st:
            ev.append(_a(JUR_ST, jur_st))
        ev += [_a(SERIAL, number), _a(C, c), _a(ST, st), _a(L, l)]
        if postal:
            ev.append(_a(POSTAL, postal))
        if street:
            ev.append(_a(STREET, street))
        ev += [_a(O, o), _a(CN, dns)]
        out.append((f"ev/{c}", "tls_br/ev_final_certificate", ev, dns, None))
        mail = "info@" + dns.split(".", 1)[1]
        out.append(
            (
                f"smime-org/{c}",
                "smime_br/organization/strict",
                [_a(C, c), _a(O, o), _a(ORG_ID, _registration(c, st, number))]
                + [_a(EMAIL, mail), _a(CN, o)],
                dns,
                mail,
            )
        )
    return out


_cache: list = []


def certificates() -> list[tuple[str, bytes, str]]:
    """[(label, DER, profile)] of every typical subject (built once per process)."""
    if not _cache:
        for serial, (label, profile, subject, dns, email) in enumerate(subjects(), 1):
            pem = certs.build_certificate(
                certs.PROFILES[profile], subject, 0x1000 + serial, dns, email
            )
            der = x509.load_pem_x509_certificate(pem.encode()).public_bytes(
                certs.serialization.Encoding.DER
            )
            _cache.append((label, der, profile))
    return list(_cache)


if __name__ == "__main__":
    import collections

    found = certificates()
    print(
        f"{len(found)} certificates:", dict(collections.Counter(p for _, _, p in found))
    )
