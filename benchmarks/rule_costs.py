"""What each rule costs on typical subjects, as the engine calls it, in a tight loop.

    python benchmarks/rule_costs.py                 # this tree (or PYTHONPATH's)
    python benchmarks/rule_costs.py --rounds 15

Per rule: only the attributes it may report on (`Rule.may_report`), and not plain values
when it is declared `plain=False` (`text.is_plain`), which is what `Engine.check` calls it
on; fresh `Subject`s every pass (the per-subject facts are worked out again, the values-of
index is built before the clock starts), rotating over the 104 typical subjects of
`typical.py`; the rules' value-keyed memos are warm, as in a long lint. Reported: calls per
subject and the median and minimum over rounds of the time per subject (perf_counter).
Then `Engine.check` on the same fresh subjects (CPU time), all rules together. On a shared
machine compare trees within one session; inside pkilint the same work costs about 2-3x
more (cache and allocation pressure from pkilint's own validators; `speed.py` (a) is the
figure for that).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tools")]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


def typical_subjects() -> list[tuple]:
    import typical

    return [
        tuple((a.oid, a.value) for a in attrs)
        for _, _, attrs, _, _ in typical.subjects()
    ]


def rule_costs(subjects, rounds: int) -> dict:
    from pkilint_semantic_dn.core import registry, words
    from pkilint_semantic_dn.core.subject import Subject
    from pkilint_semantic_dn.core.text import is_plain

    rules = [r for r in registry.rules() if r.origin == "built-in"]
    calls = {
        r.name: [
            [
                (oid, v)
                for oid, v in pairs
                if v is not None
                and r.may_report(oid)
                and (r.plain or not is_plain(v))
                and (r.keys is None or words.key(v) in r.keys)
            ]
            for pairs in subjects
        ]
        for r in rules
    }
    for pairs in subjects:  # warm the memos and load the data
        s = Subject(pairs)
        for oid, v in pairs:
            for r in rules:
                r.function(oid, v, s)
    per = {r.name: [] for r in rules}
    for _ in range(rounds):
        for r in rules:
            function = r.function
            fresh = [Subject(p) for p in subjects]
            for s in fresh:
                s.values_of("2.5.4.6")
            work = list(zip(fresh, calls[r.name]))
            start = time.perf_counter()
            for s, pairs in work:
                for oid, v in pairs:
                    function(oid, v, s)
            per[r.name].append((time.perf_counter() - start) / len(subjects) * 1e6)
    out = {}
    for name, xs in per.items():
        xs.sort()
        out[name] = {
            "calls": sum(len(c) for c in calls[name]) / len(subjects),
            "median_us": xs[len(xs) // 2],
            "min_us": xs[0],
        }
    return out


def engine_cost(subjects, rounds: int) -> dict:
    from pkilint_semantic_dn.core import engine
    from pkilint_semantic_dn.core.subject import Subject

    e = engine.Engine(keep_answers=False)  # the rules, not the answers kept
    for p in subjects:
        e.check(Subject(p))
    xs = []
    for _ in range(rounds):
        fresh = [Subject(p) for p in subjects]
        start = time.process_time()
        for s in fresh:
            e.check(s)
        xs.append((time.process_time() - start) / len(subjects) * 1e6)
    xs.sort()
    return {"median_us": xs[len(xs) // 2], "min_us": xs[0]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)
    import pkilint_semantic_dn

    print(f"package from {Path(pkilint_semantic_dn.__file__).parent.parent}")
    subjects = typical_subjects()
    costs = rule_costs(subjects, args.rounds)
    print(f"{len(subjects)} typical subjects, {args.rounds} rounds, us per subject:")
    for name, c in sorted(costs.items(), key=lambda kv: -kv[1]["median_us"]):
        print(
            f"  {name:34} {c['calls']:4.1f} calls  median {c['median_us']:6.2f}"
            f"  min {c['min_us']:6.2f}"
        )
    print(
        f"  {'sum of medians':34} {sum(c['median_us'] for c in costs.values()):17.2f}"
    )
    e = engine_cost(subjects, 4 * args.rounds)
    print(
        f"Engine.check, all rules: median {e['median_us']:.1f}  min {e['min_us']:.1f}"
        " us per subject (CPU)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
