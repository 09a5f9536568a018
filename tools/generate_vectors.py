"""Regenerate every vector under vectors/ from the specs in tools/vector_specs/.

    python tools/generate_vectors.py                                 # write all vectors
    python tools/generate_vectors.py embedded_attribute_assignment   # only that rule's

One spec module per rule, named as the rule (`pkilint_semantic_dn/rules/<name>.py`), writes
`vectors/<name>/`. Each vector is linted through the stock pkilint factories with the plugin active (the
automatic path); its CSV records every finding, stock and plugin. A vector whose plugin
findings differ from the codes its spec expects is not written and the script exits 1, so a
spec states the intended outcome and the CSV records the exact one. Certificates are
deterministic (fixed keys, dates, serials and RFC 6979 signatures).
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(HERE / "vector_specs")]

import certs  # noqa: E402
from pkilint_semantic_dn.adapter import linting, registration  # noqa: E402


def families() -> list[str]:
    """The spec modules: one per rule, each named as its rule."""
    return sorted(m.name for m in pkgutil.iter_modules([str(HERE / "vector_specs")]))


def serial_for(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:15], "big") | (
        1 << 118
    )


def generate(family: str) -> int:
    import pkilint.pkix.certificate  # noqa: F401  (the automatic path wraps it on import)

    if not registration.is_installed():
        sys.exit(
            "the plugin is not active: install it (pip install .) without PKILINT_SEMANTIC_DN=0"
        )
    module = importlib.import_module(family)
    out_dir = ROOT / "vectors" / family
    for stale in out_dir.glob("**/*.crttest"):
        stale.unlink()
    failures = 0
    seen = set()
    for v in module.VECTORS:
        key = (v.profile, v.name)
        assert key not in seen, f"duplicate vector {key}"
        seen.add(key)
        pem = certs.build_certificate(
            certs.PROFILES[v.profile],
            v.subject,
            serial_for(f"{family}/{v.name}"),
            v.dns_name,
        )
        findings = linting.lint(v.profile, linting.load_pem(pem, v.name))
        got = tuple(
            sorted(f.code for f in findings if f.code.startswith("semantic_dn."))
        )
        if got != v.expect:
            failures += 1
            print(f"FAIL {family}/{v.profile}/{v.name}: expected {v.expect}, got {got}")
            for f in findings:
                if f.code.startswith("semantic_dn."):
                    print(f"     {f.code}: {f.message}")
            continue
        path = out_dir / v.profile / f"{v.name}.crttest"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(linting.write_crttest(pem, findings), encoding="utf-8")
        if v.name in getattr(module, "EXAMPLES", ()):
            # Plain PEM copies for the README: the stock CLIs cannot read .crttest files.
            (ROOT / "examples").mkdir(exist_ok=True)
            (ROOT / "examples" / f"{v.name}.pem").write_text(pem, encoding="utf-8")
    print(f"{family}: {len(module.VECTORS) - failures} written, {failures} failed")
    return failures


def main(argv: list[str]) -> int:
    known = families()
    unknown = [name for name in argv if name not in known]
    if unknown:
        print(f"usage: generate_vectors.py [RULE ...]; unknown: {', '.join(unknown)}")
        print(f"rules: {', '.join(known)}")
        return 2
    wanted = argv or known
    return 1 if sum(generate(f) for f in wanted) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
