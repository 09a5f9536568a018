"""Small string helpers every rule uses: quoting values in messages, the plain-value test."""

from __future__ import annotations

import re

# Values are quoted in messages; a hostile 64 KiB value must not become a 64 KiB message.
_QUOTE_LIMIT = 200

# A character that is not plain: anything but printable ASCII, and the characters DN
# syntax, escaping, templates, labels, quotes and percent-encoding need (= \ % { } [ ] < >
# $ : " ' `). The class lists the plain ones: one character class, a linear scan without
# alternatives to try at each position (about 40 % faster than with them).
NOT_PLAIN_CHARACTER = re.compile(r"[^ !#&(-9;?-Z^_a-z|~]")


def is_plain(value: str) -> bool:
    """True for the most common kind of value: printable ASCII with none of the characters
    that the structural rules (embedded DN syntax, leaks, white space, controls, encoding)
    look for, and no leading, trailing or doubled space, e.g. `Example Inc.`, `Mountain
    View`, `www.example.com`. Rules declared with `plain=False` never report such a value,
    so the engine does not call them for it (it inlines this test)."""
    return (
        NOT_PLAIN_CHARACTER.search(value) is None
        and value[:1] != " "
        and value[-1:] != " "
        and "  " not in value
    )


def quote(value: str, limit: int = _QUOTE_LIMIT) -> str:
    """The value in double quotes, shortened after `limit` characters."""
    if len(value) > limit:
        value = value[:limit] + f"... ({len(value)} characters)"
    return f'"{value}"'


# How many of a subject's other values a message names: thousands of state values must cost
# thousands of short messages, not thousands of long ones.
_FEW = 3


def few(texts, separator: str = ", ") -> str:
    """The first few texts joined, then how many more there are."""
    texts = list(texts)
    shown = separator.join(texts[:_FEW])
    if len(texts) > _FEW:
        shown += f" and {len(texts) - _FEW} more"
    return shown
