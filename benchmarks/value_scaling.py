"""Time per KiB of every rule on adversarial values from 1 KiB to 64 KiB (not a test).

    python benchmarks/value_scaling.py                  # every rule, every pattern
    python benchmarks/value_scaling.py --sizes 1 64     # only the two end points
    python benchmarks/value_scaling.py --rule Whitespace --pattern equals

A rule runs in linear time when its time per KiB stays flat as the value grows: the table
prints microseconds per KiB at each size and the ratio of the 64 KiB figure to the 1 KiB
figure (`growth`). A quadratic rule shows growth near 64; anything above 3 is flagged with
`!`. Each figure is the best of several repetitions (noise only ever adds time), so it is
robust on a busy machine. Values go straight to each rule's function (the one the engine
calls), in stateOrProvinceName and organizationName with a subject holding countryName JP.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkilint_semantic_dn.core import attributes, registry  # noqa: E402
from pkilint_semantic_dn.core.subject import Subject  # noqa: E402

KIB = 1024

# Each pattern is repeated (and cut) to the wanted length. They target the rule families:
# DN syntax scanners, RFC 4514 unescaping, Unicode folding, white space, placeholders and
# not-applicable words, geography (country and subdivision names), address parts.
PATTERNS = {
    "letters": "Tokyo Metropolis ",
    "equals": "=",
    "assignments": "C=JP, ",
    "keyword_run": "stateOrProvinceName",
    "dotted_oid_run": "2.5.4.8.",
    "separators": ",;+/",
    "backslashes": "\\",
    "hex_escapes": "\\3D\\2C",
    "fullwidth": "\uff34\uff4f\uff4b\uff59\uff4f\uff0c\uff23\uff1d\uff2a\uff30",
    "nfkc_expansion": "\ufdfa",
    "combining_flood": "\u0301",
    "spaces": " ",
    "space_pairs": "a  ",
    "invisible": "a\u200b\u202e",
    "controls": "a\x00\t",
    "not_applicable": "N/A ",
    "placeholder": "Some-State ",
    "country_names": "Japan Nippon ",
    "subdivision_names": "Tokyo, Osaka, ",
    "digits": "1234567890 ",
    "street": "No. 1 Main Street ",
    "quotes": "\"'\u2018\u201c",
    "parentheses": "(((",
    "mixed": "Tokyo, C=JP; N/A \u202e\u0301 =\\, ",
}

SUBJECT_COUNTRY = (attributes.COUNTRY_NAME, "JP")
ATTRIBUTES = (attributes.STATE_OR_PROVINCE_NAME, attributes.ORGANIZATION_NAME)


def _value(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


def _time(rule, oid: str, value: str, budget: float) -> float:
    """Best time of one call, in seconds, repeating within about `budget` seconds."""
    subject = Subject((SUBJECT_COUNTRY, (oid, value)))
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 3 or (spent < budget and runs < 50):
        start = time.perf_counter()
        rule(oid, value, subject)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        runs += 1
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64]
    )
    parser.add_argument("--rule", default="", help="substring of a rule name")
    parser.add_argument("--pattern", default="", help="substring of a pattern name")
    parser.add_argument("--budget", type=float, default=0.05, help="seconds per figure")
    args = parser.parse_args(argv)

    sizes = sorted(args.sizes)
    rules = [(r.name, r.function) for r in registry.rules() if args.rule in r.name]
    patterns = {k: v for k, v in PATTERNS.items() if args.pattern in k}
    header = (
        f"{'rule':<42} {'attribute':<20} {'pattern':<18} "
        + " ".join(f"{str(s) + 'K':>8}" for s in sizes)
        + f" {'growth':>7}"
    )
    print("microseconds per KiB of value (best of repeated runs)")
    print(header)
    print("-" * len(header))
    worst = (0.0, "")
    for name, rule in rules:
        for oid in ATTRIBUTES:
            for pattern_name, pattern in patterns.items():
                per_kib = []
                for size in sizes:
                    seconds = _time(rule, oid, _value(pattern, size * KIB), args.budget)
                    per_kib.append(seconds * 1e6 / size)
                growth = per_kib[-1] / per_kib[0] if per_kib[0] > 0 else float("inf")
                flag = " !" if growth > 3 else ""
                if growth > worst[0]:
                    worst = (
                        growth,
                        f"{name} {attributes.attribute_name(oid)} {pattern_name}",
                    )
                print(
                    f"{name:<42} {attributes.attribute_name(oid):<20} {pattern_name:<18} "
                    + " ".join(f"{x:8.1f}" for x in per_kib)
                    + f" {growth:7.2f}{flag}"
                )
    print(f"\nlargest growth {sizes[-1]}K/{sizes[0]}K: {worst[0]:.2f} ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
