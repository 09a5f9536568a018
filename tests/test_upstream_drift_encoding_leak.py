"""Patch 06 (upstream/pkilint-0.13.3-encoding-leak.patch) against the plugin's encoding_leak
rule.

The patch ports `pkilint_semantic_dn/rules/encoding_leak.py` to pkilint as
`pkilint/common/encoding_leaks.py`. This test unpacks the shared pkilint source, applies the
series, loads the ported module from that tree and compares it with the plugin rule: the same
findings, in the same order, with the same messages, on the rule's examples and near misses,
the values of its unit tests, every family of double decoding applied to real names of many
scripts, and thousands of random values of percent escapes, mojibake fragments and native
letters, under subjects of the countries that pick among legacy readings. A change to one
side only fails here. Skips when the source archive is not there (fails under
SEMANTIC_DN_REQUIRE_CORPORA=1), as tests/test_upstream_series.py does.
"""

from __future__ import annotations

import random

import pytest

from upstream_port import load_common, patched_tree
from pkilint_semantic_dn.core import registry
from pkilint_semantic_dn.rules import encoding_leak as rule

# the plugin's codes -> the kinds of pkilint/common/encoding_leaks.py
KINDS = {
    rule.PERCENT_ENCODED: "percent_encoded",
    rule.REPLACEMENT_CHARACTER: "replacement_character",
    rule.MOJIBAKE: "mojibake",
    rule.POSSIBLE_MOJIBAKE: "possible_mojibake",
}

COUNTRY = "2.5.4.6"
JURISDICTION_COUNTRY = "1.3.6.1.4.1.311.60.2.1.3"
OIDS = (
    "2.5.4.8",  # stateOrProvinceName
    "2.5.4.7",  # localityName
    "2.5.4.10",  # organizationName
    "2.5.4.11",  # organizationalUnitName
    "2.5.4.3",  # commonName
    "1.2.840.113549.1.9.1",  # emailAddress: no percent check
    "2.5.4.6",  # countryName: never examined
)
# subjects' countries: the ones that pick GBK, EUC-KR, Shift_JIS or Big5, and others
COUNTRIES = (None, "JP", "KR", "CN", "TW", "HK", "RU", "GR", "DE", " kr ")

# Real names of many scripts (and the Latin words that legacy readings could take for
# ideographs): each is checked as it is and damaged in every way the rule knows.
NAMES = (
    "München", "Zürich", "Société Générale", "Corp’s", "São Paulo", "SÃO PAULO",
    "Łódź", "Úžice", "Žižkov", "Šuša", "Nàmíbíà", "Jõõääre", "Ærøskøbing", "İstanbul",
    "Москва", "Рівне", "Пінск", "Иркутск", "ООО Ромашка", "Фієрі", "Αθήνα", "Πάτρα",
    "Πειραιάς", "東京都", "港区", "株式会社サンプル", "NTT東日本", "北京市", "北京", "海淀区",
    "臺北市", "서울특별시", "부산", "주식회사 예시", "กรุงเทพมหานคร", "الرياض",
    "תל אביב", "Example Ltd", "Tokyo, C=JP", "Tokyo", "Starobil’s’k", "біні", "Оё",
    "迪耶普", "Рёрих", "Москва п°", "Віцебск", "Об’єднане Королівство", "П’емонт",
    "Bòlífíà", "Šoštanj", "Gé’ès", "Kâšân", "nutomegaƒoƒome", "Ñoño", "Þórshöfn",
    "INFORMAÇÕES", "«CAFÉ»", "Nº 5 Ltd", "Ω Omega", "Straße–Nord", "„Zur Linde“ GmbH",
    "‘Uyūn al Jiwā’", "Ярославль", "Київ", "Θεσσαλονίκη", "大阪府", "ソフトバンク株式会社",
    "広島", "台中市", "香港", "제주", "인천광역시", "上海浦东", "スーパーマーケット",
    "コーヒー・ロースト",
)  # fmt: skip

# the ways text is damaged on its way into a certificate: (encode, decode) pairs
DAMAGE = (
    ("utf-8", "cp1252"),
    ("utf-8", "latin-1"),
    ("utf-8", "cp1251"),
    ("utf-8", "koi8_r"),
    ("utf-8", "koi8_u"),
    ("utf-8", "cp1253"),
    ("utf-8", "iso8859_7"),
    ("utf-8", "cp932"),
    ("utf-8", "gbk"),
    ("utf-8", "cp950"),
    ("utf-8", "cp949"),
    ("gbk", "cp1252"),
    ("cp949", "cp1252"),
    ("cp932", "cp1252"),
    ("cp950", "cp1252"),
    ("gbk", "latin-1"),
    ("cp932", "latin-1"),
)

PIECES = (
    "%", "%2C", "%20", "%3D", "%23", "%2F", "%40", "%26", "%27", "%3A", "%0A", "%E2%80%99",
    "%C3", "%BC", "%C3%BC", "%E6%B8%AF", "%DE", "%zz", "%s",
    "C=JP", ", ", " ", "-", "30", "Ltd", "a", "M", "nchen", "Ã", "¼", "©", "Â", "â€™",
    "Ã¼", "Ã©", "Ð", "Ñ", "Рњ", "Рѕ", "СЃ", "Рі", "п", "╟", "°", "Ξ", "‘", "Ο", "\x84",
    "\x98", "±", "¾", "“", "Œ", "‹", "ž", "º", "Î", "»", "ƒ", "o", "譚", "ｱ", "莠", "ｬ",
    "\ufffd", "ï¿½", "锟斤拷", "ü", "é", "Ž", "ì", "東", "京", "서", "Мо", "ск", "α",
    "ก", "ا", "\u0301", "\U0001f600", "ß", "Þ", "Ü", "Ý", "–", "œ", "Ø", "Ù",
)  # fmt: skip


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    """pkilint/common/encoding_leaks.py of the shared source with the series and patch 06
    applied, loaded with the dn_string it imports beside the installed pkilint."""
    source = patched_tree(tmp_path_factory, "upstream-encoding-leak")

    # sys.modules is put back at once: the loaded modules keep what they imported.
    with pytest.MonkeyPatch.context() as monkeypatch:
        return load_common(monkeypatch, source, ("dn_string", "encoding_leaks"))


def _damaged(name: str) -> list[str]:
    out = []
    for encoding, decoding in DAMAGE:
        try:
            out.append(name.encode(encoding).decode(decoding))
        except UnicodeError:
            continue
    return out


def _values() -> list[tuple[str, str]]:
    (examples,) = [
        r.examples + r.near_misses
        for r in registry.rules()
        if r.name == "encoding_leak"
    ]
    values = [("2.5.4.8", e.split("=", 1)[1].split(" (C=")[0]) for e in examples]
    for name in NAMES:
        for value in [name, *_damaged(name)]:
            values += [(oid, value) for oid in OIDS[:3]]
            # a damaged part of a mixed value
            values.append(("2.5.4.10", f"{name} {value}"))
            values.append(("2.5.4.10", f"ООО {value}"))
    rnd = random.Random(6)
    values += [
        (rnd.choice(OIDS), "".join(rnd.choices(PIECES, k=rnd.randint(1, 10))))
        for _ in range(4000)
    ]
    return values


def test_encoding_leak_port_matches_the_plugin_rule(port):
    values = _values()
    assert len(values) > 5000
    reported = {kind: 0 for kind in KINDS.values()}
    rnd = random.Random(7)
    for oid, value in values:
        country = rnd.choice(COUNTRIES)
        subject = [(COUNTRY, country)] if country else []
        if country == "HK":
            subject = [(JURISDICTION_COUNTRY, country)]
        subject.append((oid, value))
        ours = [(KINDS[h.code], h.message) for h in rule.check(oid, value, subject)]
        theirs = [
            (f.kind, f.message)
            for f in port.find_encoding_leaks(
                oid, value, lambda o: [v for t, v in subject if t == o]
            )
        ]
        assert theirs == ours, (oid, value, subject)
        for kind, _ in ours:
            reported[kind] += 1
    # every finding is exercised, and many values are not reported
    assert all(n >= 300 for n in reported.values()), reported
    assert sum(reported.values()) < len(values) * 0.75, reported


def test_every_country_preference_is_exercised(port):
    # the same bytes under each country that picks its own legacy reading
    for value in ("ºÎ»ê", "±±¾©", "»O¥_¥«", "´ÙÅ×¹Ù¾ß½Ã ½Ã"):
        for country in COUNTRIES:
            subject = [(COUNTRY, country)] if country else []
            ours = [h.message for h in rule.check("2.5.4.7", value, subject)]
            theirs = [
                f.message
                for f in port.find_encoding_leaks(
                    "2.5.4.7", value, lambda o: [v for t, v in subject if t == o]
                )
            ]
            assert theirs == ours, (value, country)
