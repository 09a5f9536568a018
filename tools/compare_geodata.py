"""Compare two builds of the gazetteer: which subdivision keys a change adds, and whether any
of them another country could claim (the wrong-country check on the data file as a whole).

    git show HEAD:pkilint_semantic_dn/data/geodata.json > /tmp/geodata-before.json
    python tools/build_geodata.py
    python tools/compare_geodata.py /tmp/geodata-before.json pkilint_semantic_dn/data/geodata.json

For every key added to a country's subdivisions it reports the key when it is also a name or
code of another country (English and the countries' own languages, `countries` and
`country_codes`; in any language some divided country speaks, `country_names_in`), or a
subdivision key of another country in either build; and when it is the country's own name.
It also counts the keys removed and the keys added to former subdivisions. Exit status 1 when
an added key is claimed by another country or is the country's own name.
"""

from __future__ import annotations

import json
import sys


def _table(raw: dict, name: str) -> dict[str, set[str]]:
    return {k: set(v.split()) for k, v in raw[name].items()}


def compare(before: dict, after: dict) -> tuple[list, list, int, int]:
    """(claimed, own, removed, former_added): the added keys another country claims, as
    (country, key, [other countries]); the added keys that are the country's own name or
    code, as (country, key); how many keys were removed; how many former-subdivision keys
    were added."""
    old, new = _table(before, "subdivisions"), _table(after, "subdivisions")
    names = _table(after, "countries")
    for alpha2, keys in _table(after, "country_codes").items():
        names.setdefault(alpha2, set()).update(keys)
    for table in after["country_names_in"].values():
        for alpha2, keys in table.items():
            names.setdefault(alpha2, set()).update(keys.split())
    owners: dict[str, set[str]] = {}
    for table in (old, new, names):
        for alpha2, keys in table.items():
            for key in keys:
                owners.setdefault(key, set()).add(alpha2)
    claimed, own = [], []
    for alpha2, keys in sorted(new.items()):
        for key in sorted(keys - old.get(alpha2, set())):
            others = owners[key] - {alpha2}
            if others:
                claimed.append((alpha2, key, sorted(others)))
            if key in names.get(alpha2, ()):
                own.append((alpha2, key))
    removed = sum(len(keys - new.get(alpha2, set())) for alpha2, keys in old.items())

    def former_keys(raw: dict) -> set[tuple[str, str, str]]:
        return {
            (alpha2, row[0], key)
            for alpha2, rows in raw.get("former_subdivisions", {}).items()
            for row in rows
            for key in row[5].split()
        }

    former_added = len(former_keys(after) - former_keys(before))
    return claimed, own, removed, former_added


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    before, after = (json.load(open(p, encoding="utf-8")) for p in argv)
    claimed, own, removed, former_added = compare(before, after)
    old, new = _table(before, "subdivisions"), _table(after, "subdivisions")
    added = {c: new[c] - old.get(c, set()) for c in new}
    print(
        f"{sum(map(len, added.values()))} keys added in "
        f"{sum(1 for v in added.values() if v)} countries; {len(claimed)} also another "
        f"country's name, code or subdivision; {len(own)} the country's own name or code; "
        f"{removed} keys removed; {former_added} former-subdivision keys added"
    )
    for alpha2, key, others in claimed:
        print(f"  {alpha2} {key}: also {' '.join(others)}")
    for alpha2, key in own:
        print(f"  {alpha2} {key}: the country's own name or code")
    return 1 if claimed or own else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
