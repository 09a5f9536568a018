"""The command line of the tools that write one generated file into a pkilint source tree
(`build_upstream_postal_data.py`, `build_upstream_address_data.py`): write it, or with
`--check` only say whether the tree's copy is what the tool writes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable


def main(
    argv, description: str, module: Path, render: Callable[[], str], tool: str
) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path, help="the pkilint source tree")
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if different"
    )
    args = parser.parse_args(argv)
    target = args.source / module
    text = render()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is not what {tool} writes", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(text.encode())} bytes")
    return 0
