"""How much of a value the character-level scans read: the bounds that keep them linear.

Real values are at most a few hundred characters (X.520 upper bounds), but a hostile value
can be 64 KiB of `{`, `%` or `:`. The structured data and encoding leak rules read at most
`MAX_ANALYSED` characters of a value, look at most at `MAX_OCCURRENCES` positions of any one
trigger character, and read pieces (a template variable, a quoted key, a run of `%XX`
escapes, a piece quoted in a message) of at most `MAX_SNIPPET` characters, so each value
costs a bounded amount of work.
"""

MAX_ANALYSED = 4096
MAX_OCCURRENCES = 64
MAX_SNIPPET = 64
