"""Python function calls per `Engine.check` of a typical subject, for each kind of lint.

    python benchmarks/call_counts.py               # this tree (or PYTHONPATH's)
    python benchmarks/call_counts.py --top 20

Counts, not times: the same on any machine, so two trees compare exactly on a noisy one.
Inside a lint each Python call on a new subject's path costs more than the work it wraps
(its frame and the code it runs are cold), so fewer calls is what the engine's hot path is
written for; `speed.py` (a) gives what that is worth in time. The kinds are those of
`speed.py` (a), with what each forgets before every check (`overhead.FORGET`): a subject
linted again, a new certificate of an organisation seen before, a new organisation in a
place seen before, every value of the subject new. The engine has checked every subject twice
before the first counted check, forgetting as the kind does (`warm`: value answers are kept
from the second sight), and the rules' value-keyed memos stay warm: only the engine's own
answers are forgotten.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tools")]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

KINDS = ("again", "subject", "organisation", "values")


def _forget(e, pairs, kind: str) -> None:
    """What the lints of `speed.py` (a) forget after each lint, on an engine directly."""
    from overhead import forget_subject

    if kind != "again":
        forget_subject([e], pairs, kind)


def warm(e, subjects, kind: str) -> None:
    """The engine's state before the counted or timed checks of `kind`: every subject
    checked as often as `speed.py` (a) lints it untimed (`overhead.UNTIMED_ROUNDS`),
    forgetting as the kind does."""
    from overhead import UNTIMED_ROUNDS

    for _ in range(UNTIMED_ROUNDS):
        for pairs in subjects:
            _forget(e, pairs, kind)
            e.check(pairs)


def count_calls(subjects, kind: str) -> collections.Counter:
    """(module, function) -> Python calls over one check of each subject."""
    from pkilint_semantic_dn.core import engine

    e = engine.Engine(disabled=())
    warm(e, subjects, kind)
    counts: collections.Counter = collections.Counter()

    def profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            counts[Path(code.co_filename).stem, code.co_name] += 1

    for pairs in subjects:
        _forget(e, pairs, kind)
        sys.setprofile(profile)
        try:
            e.check(pairs)
        finally:
            sys.setprofile(None)
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12, help="functions shown per kind")
    args = parser.parse_args(argv)
    from rule_costs import typical_subjects

    import pkilint_semantic_dn

    subjects = typical_subjects()
    print(f"package from {Path(pkilint_semantic_dn.__file__).parent.parent}")
    print(f"{len(subjects)} typical subjects; Python calls per Engine.check:")
    for kind in KINDS:
        counts = count_calls(subjects, kind)
        n = len(subjects)
        print(f"  {kind:<13} {sum(counts.values()) / n:6.1f}")
        for (module, function), c in counts.most_common(args.top):
            print(f"      {c / n:6.2f}  {module}.{function}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
