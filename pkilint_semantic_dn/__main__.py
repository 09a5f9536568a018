"""`python -m pkilint_semantic_dn` is the `pkilint-semantic-dn` command."""

from pkilint_semantic_dn.cli import run

run()
