"""Write the data file of the upstream pkilint patch 07 (place names) from this repository's data.

    python tools/export_upstream_data.py PKILINT_TREE          # write pkilint/common/place_names.json
    python tools/export_upstream_data.py PKILINT_TREE --check  # exit 1 if it differs
    python tools/export_upstream_data.py -                     # print it

`pkilint/common/place_names.py` (upstream/pkilint-0.13.3-place-names.patch) reads one JSON
file: this repository's generated gazetteer `pkilint_semantic_dn/data/geodata.json` (built by
tools/build_geodata.py; the tables the place rules read, unchanged) and the words naming the
kind of subdivision from `pkilint_semantic_dn/data/subdivision_type_words.csv` (the `words`
and `position` columns; language and meaning are documentation). The port and the plugin
therefore compare names with the same data; tests/test_upstream_drift_place_names.py checks
that the file in the patch is this tool's output.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "pkilint_semantic_dn" / "data"
GEODATA = DATA / "geodata.json"
TYPE_WORDS = DATA / "subdivision_type_words.csv"
# Where the file goes in a pkilint tree.
TARGET = Path("pkilint") / "common" / "place_names.json"
# The geodata tables the port reads (all the place rules read).
GEODATA_TABLES = (
    "subdivisions",
    "countries",
    "country_codes",
    "country_names_in",
    "languages",
    "continents",
    "towns_named_like_country",
    "regions_named_like_country",
    "former_subdivisions",
)


def build() -> str:
    """The text of place_names.json: one JSON object, keys sorted, one table per line."""
    geodata = json.loads(GEODATA.read_text(encoding="utf-8"))
    with TYPE_WORDS.open(encoding="utf-8", newline="") as f:
        type_words = [[row["words"], row["position"]] for row in csv.DictReader(f)]
    source = dict(geodata["source"])
    source["exported by"] = "pkilint-semantic-dn tools/export_upstream_data.py"
    source["type words"] = "subdivision_type_words.csv"
    tables = {"source": source, "type_words": type_words}
    tables.update((name, geodata[name]) for name in GEODATA_TABLES)
    # One table per line keeps a data update's diff readable and the file compact.
    lines = [
        f"{json.dumps(name)}: {json.dumps(tables[name], ensure_ascii=False, sort_keys=True, separators=(',', ':'))}"
        for name in sorted(tables)
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", help="a pkilint source tree, or - for standard output")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the tree's file differs"
    )
    args = parser.parse_args(argv)
    text = build()
    if args.tree == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.tree) / TARGET
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            print(f"{target} differs from {GEODATA.name} + {TYPE_WORDS.name}")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
