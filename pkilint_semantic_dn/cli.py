"""`pkilint-semantic-dn`: `check` a requested subject before issuance, `scan` a corpus after.

    pkilint-semantic-dn check 'C=JP,ST=Tokyo\\, C\\=JP,O=Example'
    pkilint-semantic-dn check --file request.csr --format json
    pkilint-semantic-dn scan certs/ --semantic-only -o findings.jsonl

Each command lives in its front-end module (`check.py`, `scan.py`): its options
(`add_arguments`) and its run (`run`). This module only dispatches, and makes sure that
whatever happens the user gets a message and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Sequence

from pkilint_semantic_dn import __version__
from pkilint_semantic_dn.check import (  # noqa: F401  (the Python API, also from here)
    CheckFinding,
    CheckReport,
    check,
    render_json,
    render_text,
)

PROG = "pkilint-semantic-dn"
# The commands and the modules that implement them (imported when the parser is built).
COMMANDS = {
    "check": "pkilint_semantic_dn.check",
    "scan": "pkilint_semantic_dn.scan",
    "rules": "pkilint_semantic_dn.listing",
    "explain": "pkilint_semantic_dn.explain",
    "serve": "pkilint_semantic_dn.serve",
}


def _named_command(argv: Sequence[str]) -> str | None:
    """The command when the command line starts with one: then only its module is imported
    (`check` does not pay for the imports of `scan` and `serve`: about 10 ms of its 70). None
    when an option comes first (`--help` lists every command, with its help)."""
    if argv and argv[0] in COMMANDS:
        return argv[0]
    return None


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    named = _named_command(argv)
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Semantic checks of X.509 Subject DN attribute values, "
        "before issuance (check) and across a corpus (scan).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if named is not None and name != named:
            continue
        module = importlib.import_module(module_name)
        sub = commands.add_parser(
            name, help=module.HELP, description=module.DESCRIPTION
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The console command; returns the exit status and never raises."""
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        args = _parser(argv).parse_args(argv)
    except SystemExit as e:  # argparse: --help, --version, usage errors (status 2)
        return e.code if isinstance(e.code, int) else 2
    try:
        return args.run(args, sys.stdout, sys.stderr, sys.stdin.buffer)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except Exception as e:  # never a traceback: say what failed instead
        print(
            f"{PROG} {args.command}: internal error: {type(e).__name__}: {e} "
            "(please report it to pkilint-semantic-dn)",
            file=sys.stderr,
        )
        return 2


def _silence_stdout() -> None:
    # The reader went away: further writes (at exit) must not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run() -> None:
    """Entry point of the console script."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        status = status or 141
    sys.exit(status)


if __name__ == "__main__":
    run()
