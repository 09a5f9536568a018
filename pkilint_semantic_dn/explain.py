"""`explain NAME`: one rule in full (the `explain` command of `listing.py`, which see)."""

from __future__ import annotations

from pkilint_semantic_dn.listing import EXPLAIN_DESCRIPTION as DESCRIPTION
from pkilint_semantic_dn.listing import EXPLAIN_HELP as HELP
from pkilint_semantic_dn.listing import add_explain_arguments as add_arguments
from pkilint_semantic_dn.listing import run_explain as run

__all__ = ["DESCRIPTION", "HELP", "add_arguments", "run"]
