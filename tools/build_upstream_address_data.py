"""Writes `pkilint/common/address_data.py` of the upstream patch 09 (address parts in place
names) from this repository's `data/street_words.csv` and `data/names_with_commas.csv`.

As for patch 08 (`tools/build_upstream_postal_data.py`): pkilint ships no data files for its
name checks, so the word tables go into pkilint as a generated Python module, Black-stable,
with a header naming this tool; the drift test
(`tests/test_upstream_drift_place_name_address_parts.py`) fails when the module in the patch
is not what this tool writes from the current CSVs.

    python tools/build_upstream_address_data.py /path/to/pkilint          # write the module
    python tools/build_upstream_address_data.py --check /path/to/pkilint  # exit 1 if stale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generated_module  # noqa: E402
from pkilint_semantic_dn.core.words import read_table  # noqa: E402

MODULE = Path("pkilint") / "common" / "address_data.py"

# the kinds of street_words.csv, in the order the module lists them, and what they are
KINDS = {
    "suffix": "street type words that follow the street's name (English, and whole words in\n"
    '# German, Dutch, Nordic, Hungarian, Turkish addresses): "Amphitheatre Parkway"',
    "ambiguous_abbreviation": 'abbreviations that are also name prefixes ("St. Gallen", '
    '"Dr."): a street\n# type only as the last word',
    "compound_suffix": "street types written as the end of one word, followed by the house "
    'number:\n# "Hauptstraße 5"',
    "prefix": "street type words that precede the name (Romance, Slavic, Malay languages):\n"
    '# "rue de Rivoli", "Via Roma", "ul. Marszałkowska", "Jl. Sudirman"',
    "number": 'words introducing a unit or box number: "Suite 100", "PO Box 12"',
}

_HEADER = '''\
"""Street words and names with a comma, for ``address_parts``.

Generated from pkilint-semantic-dn's data/street_words.csv and data/names_with_commas.csv
by its tools/build_upstream_address_data.py: change the CSV files there and regenerate.
"""

# Street words as address_parts compares them (casefolded, without dots), by kind.
STREET_WORDS = {
'''


def render() -> str:
    """The module's text."""
    rows = read_table("street_words.csv")
    unknown = {r["kind"] for r in rows} - set(KINDS)
    if unknown:
        raise ValueError(
            f"street_words.csv has kinds this tool does not know: {unknown}"
        )
    lines = [_HEADER]
    for kind, comment in KINDS.items():
        lines.append(f"    # {comment}\n".replace("\n# ", "\n    # "))
        lines.append(f"    {generated_module.literal(kind)}: (\n")
        for row in rows:
            if row["kind"] == kind:
                lines.append(f"        {generated_module.literal(row['word'])},\n")
        lines.append("    ),\n")
    lines.append("}\n\n")
    lines.append(
        "# Official subdivision names with a comma (ISO 3166-2) and common names written\n"
        "# with one: their parts are never joined place names.\n"
        "NAMES_WITH_COMMAS = (\n"
    )
    for row in read_table("names_with_commas.csv"):
        entry = f"    {generated_module.literal(row['name'])},"
        comment = f"  # {row['source']}" if not row["source"].startswith("ISO") else ""
        if len(entry) > 88:
            raise ValueError(f"line too long for Black: {entry!r}")
        lines.append(entry + (comment if len(entry + comment) <= 88 else "") + "\n")
    lines.append(")\n")
    return "".join(lines)


def main(argv=None) -> int:
    return generated_module.main(
        argv, __doc__.split("\n\n")[0], MODULE, render, Path(__file__).name
    )


if __name__ == "__main__":
    sys.exit(main())
