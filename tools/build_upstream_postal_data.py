"""Writes `pkilint/common/postal_code_data.py` of the upstream patch 08 (postal codes) from this
repository's `data/postal_code_countries.csv` and `data/postal_words.csv`.

pkilint ships no data files at run time (its `finding_metadata.csv` files are documentation
checked by its tests), so the country facts the postalCode check needs go into pkilint as a
generated Python module: one dict entry per CSV row, Black-stable, with a header naming this
tool. The port and the plugin read the same facts, and the drift test
(`tests/test_upstream_drift_postal_code.py`) fails when the module in the patch is not what
this tool writes from the current CSVs.

    python tools/build_upstream_postal_data.py /path/to/pkilint          # write the module
    python tools/build_upstream_postal_data.py --check /path/to/pkilint  # exit 1 if stale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generated_module  # noqa: E402
from pkilint_semantic_dn.core.words import read_table  # noqa: E402

MODULE = Path("pkilint") / "common" / "postal_code_data.py"

_HEADER = '''\
"""Postal code facts per country, for ``postal_codes``.

Generated from pkilint-semantic-dn's data/postal_code_countries.csv and data/postal_words.csv
by its tools/build_upstream_postal_data.py: change the CSV files there and regenerate.
"""

# ISO 3166-1 alpha-2 code -> (alpha-3 code, the international distinguishing sign that
# CEPT-era addresses put before postal codes where it differs from the alpha-2 code, the
# letters the country's official postal codes start with, whether its postal codes are
# digits only: optionally with a hyphen or a space).
POSTAL_CODE_COUNTRIES = {
'''


def render() -> str:
    """The module's text."""
    lines = [_HEADER]
    for row in sorted(
        read_table("postal_code_countries.csv"), key=lambda r: r["alpha2"]
    ):
        fields = ", ".join(
            [
                generated_module.literal(row["alpha3"]),
                generated_module.literal(row["distinguishing_sign"]),
                generated_module.literal(row["official_prefix"]),
                "True" if row["digits_only"] else "False",
            ]
        )
        lines.append(f"    {generated_module.literal(row['alpha2'])}: ({fields}),\n")
    lines.append("}\n\n")
    lines.append(
        "# Letter groups of the postal line that name no place (French CEDEX, British Forces\n"
        "# Post Office, the British overseas territories' postcodes).\n"
        "POSTAL_LINE_WORDS = frozenset(\n    {\n"
    )
    for row in read_table("postal_words.csv"):
        entry = f"        {generated_module.literal(row['word'])},"
        # the meaning, or only its last part where the whole would pass Black's 88 columns
        for meaning in (row["meaning"], row["meaning"].rsplit(": ", 1)[-1]):
            if len(f"{entry}  # {meaning}") <= 88:
                entry += f"  # {meaning}"
                break
        lines.append(entry + "\n")
    lines.append("    }\n)\n")
    return "".join(lines)


def main(argv=None) -> int:
    return generated_module.main(
        argv, __doc__.split("\n\n")[0], MODULE, render, Path(__file__).name
    )


if __name__ == "__main__":
    sys.exit(main())
