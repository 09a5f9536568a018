"""The command line of the tools that write one generated file into a pkilint source tree
for the upstream patches (`export_upstream_data.py`, `build_upstream_postal_data.py`,
`build_upstream_address_data.py`, `export_consistency_upstream.py`):

    python tools/<tool>.py TREE           # write TREE/<the file>
    python tools/<tool>.py --check TREE   # exit 1 if TREE's copy is not what the tool writes
    python tools/<tool>.py -              # the text on standard output
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable


def literal(text: str) -> str:
    """`text` as a Python string literal in a generated module (double quotes; only text
    that needs no escaping, so the module reads as the CSV does)."""
    if '"' in text or "\\" in text or not text.isprintable():
        raise ValueError(f"unexpected character in {text!r}")
    return f'"{text}"'


def main(
    argv, description: str, target: Path, render: Callable[[], str], tool: str
) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "tree", help="the pkilint source tree, or - for standard output"
    )
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if different"
    )
    args = parser.parse_args(argv)
    text = render()
    if args.tree == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.tree) / target
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is not what {tool} writes", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(text.encode()):,} bytes")
    return 0
