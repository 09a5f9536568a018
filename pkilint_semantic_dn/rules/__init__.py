"""Pure rule logic: strings in, hits out. No pyasn1, no pkilint, no I/O at call time.

Every rule module exposes `check(attribute_oid, value, subject) -> list[Hit]`, where `subject`
is the whole distinguished name as `(attribute_oid, value)` pairs (value None when it could
not be decoded). Front ends (pkilint validators, `check`, `scan`) turn hits into their own
output through the catalogue.
"""

from __future__ import annotations

from typing import NamedTuple, Optional, Sequence, Tuple

Subject = Sequence[Tuple[str, Optional[str]]]

# Values are quoted in messages; a hostile 64 KiB value must not become a 64 KiB message.
_QUOTE_LIMIT = 200


class Hit(NamedTuple):
    code: str
    message: str


def quote(value: str, limit: int = _QUOTE_LIMIT) -> str:
    """The value in double quotes, shortened in the middle of nowhere but its end."""
    if len(value) > limit:
        value = value[:limit] + f"... ({len(value)} characters)"
    return f'"{value}"'


def subject_values(subject: Subject, oid: str) -> list[str]:
    """Decoded values of every attribute of type `oid` in the subject."""
    return [v for t, v in subject if t == oid and v is not None]
