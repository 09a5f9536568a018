"""Export this repository's address consistency data for upstream patch 10 (pkilint).

    python tools/export_consistency_upstream.py TREE          # write TREE's data file
    python tools/export_consistency_upstream.py --check TREE  # exit 1 if it differs
    python tools/export_consistency_upstream.py --sizes       # the sizes, no file

Patch 10 (`upstream/pkilint-0.13.3-address-consistency.patch`) ports the rules
`locality_outside_subdivision` and `postal_code_region_mismatch` to pkilint as
`pkilint/common/address_consistency.py`, which reads
`pkilint/common/address_consistency.json`. That file is generated here from the plugin's own
data, never edited by hand, so the port and the plugin answer from the same facts
(`tests/test_upstream_drift_address_consistency.py` checks the patch's copy):

- `data/consistency.json` (`tools/build_consistency_data.py`): subdivision names and keys,
  parents, places, near units and postal code patterns, as they are;
- from the same file, `ambiguous` reduced to the keys that can change an answer. A key there
  only stops a value's core key from being tried when the whole key is not a place, and a
  core key is a part of the whole key (type words cut from its ends): a key of which no
  place key of its country is a shorter part never matters (518 KB -> 81 KB);
- only the countries that have places or a postal code pattern (the rules say nothing
  about others), with the names and parent links of their subdivisions;
- `data/postal_code_countries.csv`: per country the letters a postal code may start with
  that are not part of the code (official prefix, ISO 3166 codes, distinguishing sign),
  longest first; `data/postal_words.csv`: the words of the postal line that are not the
  code.

The output is deterministic: the source's order, one entry a line, no spaces between JSON
tokens, UTF-8 unescaped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generated_module  # noqa: E402
from pkilint_semantic_dn.core import consistency  # noqa: E402
from pkilint_semantic_dn.core.words import read_table  # noqa: E402

# Where the file goes in a pkilint tree.
TARGET = Path("pkilint") / "common" / "address_consistency.json"

EXPORTER = "pkilint-semantic-dn tools/export_consistency_upstream.py"


def _read_json(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _needed_ambiguous(ambiguous: str, places: dict[str, str]) -> str:
    """The ambiguous keys of one country of which a place key is a shorter part."""
    index = {key for keys in places.values() for key in keys.split()}
    kept = []
    for key in ambiguous.split():
        n = len(key)
        if any(
            key[i:j] in index
            for i in range(n)
            for j in range(i + 1, n + 1)
            if j - i < n
        ):
            kept.append(key)
    return " ".join(kept)


def _postal_prefixes() -> dict[str, str]:
    out = {}
    for row in read_table("postal_code_countries.csv"):
        found = {
            row["alpha2"],
            row["alpha3"],
            row["distinguishing_sign"],
            row["official_prefix"],
        } - {""}
        out[row["alpha2"]] = " ".join(sorted(found, key=lambda t: (-len(t), t)))
    return dict(sorted(out.items()))


def export() -> dict:
    raw = _read_json(consistency.DATA_PATH)
    used = set(raw["places"]) | set(raw["postal"])

    def of_used(table: dict) -> dict:
        return {k: v for k, v in table.items() if k[:2] in used}

    return {
        "source": {
            **raw["source"],
            "exported_by": EXPORTER,
        },
        "names": of_used(raw["names"]),
        "parents": of_used(raw["parents"]),
        "subdivisions": of_used(raw["subdivisions"]),
        "places": raw["places"],
        "near": raw["near"],
        "ambiguous": {
            alpha2: found
            for alpha2, keys in raw["ambiguous"].items()
            if (found := _needed_ambiguous(keys, raw["places"].get(alpha2, {})))
        },
        "postal": raw["postal"],
        "postal_prefixes": {
            k: v for k, v in _postal_prefixes().items() if k in raw["postal"]
        },
        "postal_words": sorted({row["word"] for row in read_table("postal_words.csv")}),
    }


def render(data: dict) -> str:
    """One entry a line (a subdivision's keys, a country's postal data), so that a data
    update is a readable diff."""
    return json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":")) + "\n"


def sizes(data: dict) -> dict[str, int]:
    return {k: len(json.dumps(v, ensure_ascii=False).encode()) for k, v in data.items()}


def main(argv: list[str]) -> int:
    if argv == ["--sizes"]:
        data = export()
        for key, size in sizes(data).items():
            print(f"{key:16} {size:>9,} bytes")
        print(f"{'total':16} {len(render(data).encode()):>9,} bytes")
        return 0
    return generated_module.main(
        argv,
        __doc__.splitlines()[0],
        TARGET,
        lambda: render(export()),
        Path(__file__).name,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
