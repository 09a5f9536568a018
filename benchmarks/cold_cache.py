"""Why the engine costs several times more inside a lint than in a tight loop: its memory.

    taskset -c 1 python benchmarks/cold_cache.py                  # pinned: see docs/evidence.md
    taskset -c 1 python benchmarks/cold_cache.py --kinds organisation --evict 2,8,32

`Engine.check` on the 104 typical subjects (forgetting before each check what the lints of
`speed.py` (a) forget, as `call_counts.py` does), timed per check after one of:

- nothing (warm: the tight loop of `rule_costs.py`);
- churn: Python work over a few KB of data (retrains the branch predictors and leaves the
  interpreter's own code warm, as pkilint's validators do, but evicts little data);
- evict N MB: a copy of N MB into another N MB (2N MB touched), which pushes the engine's
  code objects, tables and kept answers out of the caches of that size; the subject's own
  pairs are read again afterwards, as `name_pairs` has just read them inside a lint.

If a check evicted like a lint costs what the in-lint clocks of `lint_breakdown.py` show,
the difference is memory: each cache line the check touches (bytecode, dicts, tables,
kept answers) comes from DRAM. Fewer distinct lines per check, not fewer steps, is then
what makes a lint cheaper. For counts instead of times (the same on any machine), run the
same loop under `valgrind --tool=cachegrind --cache-sim=yes` and compare LL misses.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]
if str(HERE.parent) not in sys.path:
    sys.path.append(str(HERE.parent))

from call_counts import KINDS, _forget, warm  # noqa: E402

clock = time.perf_counter_ns
_CHURN_DATA = {str(i): i for i in range(200)}


def _churn() -> int:
    total = 0
    for k, v in _CHURN_DATA.items():
        total += len(k) + (v if v % 3 else -v)
        if re.match(r"1", k):
            total ^= 1
    json.dumps(_CHURN_DATA)
    return total


def _median(values: list) -> float:
    return sorted(values)[len(values) // 2]


def measure(kind: str, before, rounds: int, pick=_median) -> float:
    """`pick` (the median, or `min`) over rounds of the mean us per check, `before()` run
    ahead of each check."""
    from rule_costs import typical_subjects

    from pkilint_semantic_dn.core import engine

    subjects = typical_subjects()
    e = engine.Engine(disabled=())
    warm(e, subjects, kind)
    per_round = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            total = 0
            for pairs in subjects:
                _forget(e, pairs, kind)
                before()
                for _, value in pairs:  # the pairs as name_pairs left them
                    if value:
                        len(value)
                start = clock()
                e.check(pairs)
                total += clock() - start
            per_round.append(total / len(subjects) / 1000)
    finally:
        gc.enable()
    return pick(per_round)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default="organisation,values", help="comma list")
    parser.add_argument("--evict", default="2,8,32", help="MB, comma list")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds {sorted(unknown)}; known: {', '.join(KINDS)}")
    modes = {"warm": lambda: None, "churn": _churn}
    for mb in (float(x) for x in args.evict.split(",") if x):
        source, target = bytearray(int(mb * 2**20)), bytearray(int(mb * 2**20))

        def evict(source=source, target=target):
            target[:] = source

        modes[f"evict {mb:g} MB"] = evict
    import pkilint_semantic_dn

    print(f"package from {Path(pkilint_semantic_dn.__file__).parent.parent}")
    print(
        f"us per Engine.check, median of {args.rounds} rounds over 104 typical subjects"
    )
    print(f"  {'':<14}" + "".join(f"{k:>14}" for k in kinds))
    for name, before in modes.items():
        row = [measure(kind, before, args.rounds) for kind in kinds]
        print(f"  {name:<14}" + "".join(f"{us:14.1f}" for us in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
