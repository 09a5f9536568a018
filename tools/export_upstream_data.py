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

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generated_module  # noqa: E402
from pkilint_semantic_dn.core.words import DATA_DIR, read_table  # noqa: E402

GEODATA = Path(DATA_DIR) / "geodata.json"
TYPE_WORDS = "subdivision_type_words.csv"
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
    type_words = [[row["words"], row["position"]] for row in read_table(TYPE_WORDS)]
    source = dict(geodata["source"])
    source["exported by"] = "pkilint-semantic-dn tools/export_upstream_data.py"
    source["type words"] = TYPE_WORDS
    tables = {"source": source, "type_words": type_words}
    tables.update((name, geodata[name]) for name in GEODATA_TABLES)
    # One table per line keeps a data update's diff readable and the file compact.
    lines = [
        f"{json.dumps(name)}: {json.dumps(tables[name], ensure_ascii=False, sort_keys=True, separators=(',', ':'))}"
        for name in sorted(tables)
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv=None) -> int:
    return generated_module.main(
        argv, __doc__.splitlines()[0], TARGET, build, Path(__file__).name
    )


if __name__ == "__main__":
    sys.exit(main())
