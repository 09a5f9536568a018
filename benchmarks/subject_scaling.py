"""Time per attribute as a subject grows from 10 to 20,000 attributes (not a test).

    python benchmarks/subject_scaling.py
    python benchmarks/subject_scaling.py --sizes 10 1000 20000

Two shapes that make the rules read the rest of the subject: ST and L alternating (each one
RDN; every value names a locality and the state, so the address rules compare it with the
subject's other place values and its postal code), and one multi-valued RDN of L values.
For each size it prints microseconds per attribute of

- `engine`: the rules on the (OID, value) pairs (`core/engine.py`, what `check` and `scan`
  run), and
- `validator`: the plugin's pkilint validator on the certificate as pkilint decodes it
  (`SemanticDnValidator.validate` on the subject node: reading pkilint's nodes, the engine,
  the findings; the rest of a pkilint lint is stock pkilint's cost, not timed),

and the growth from the smallest to the largest size. Linear time shows as a flat row (growth
near 1; a quadratic cost grows with the size ratio, 2,000 here). Each figure is the best of a
few runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from pyasn1.codec.der import decoder, encoder  # noqa: E402
from pyasn1.type import char, univ  # noqa: E402
from pyasn1_alt_modules import rfc5280  # noqa: E402

from pkilint_semantic_dn.adapter import linting, validators  # noqa: E402
from pkilint_semantic_dn.core import attributes, engine  # noqa: E402

OV = "tls_br/ov_final_certificate"
TEMPLATE_ATTRIBUTES = 5  # C, ST, L, O, CN of the OV template subject


def _pairs(shape: str, n: int) -> list[tuple[str, str]]:
    pairs = []
    for i in range(n):
        if shape == "st_l" and i % 2:
            pairs.append((attributes.STATE_OR_PROVINCE_NAME, f"Tokyo {i}, C=JP"))
        else:
            pairs.append((attributes.LOCALITY_NAME, f"Chiyoda-ku {i}, Tokyo 100-0001"))
    return pairs


def _certificate(shape: str, n: int):
    """The OV template certificate with the attributes added, decoded by pkilint."""
    import certs
    import vectorlib

    pem = certs.build_certificate(
        certs.PROFILES[OV], vectorlib.subject(OV, C="JP", ST="Tokyo"), 1
    )
    der = linting.load_pem(pem, "template").substrate
    cert, _ = decoder.decode(der, asn1Spec=rfc5280.Certificate())
    rdns = cert["tbsCertificate"]["subject"]["rdnSequence"]
    multi = rfc5280.RelativeDistinguishedName()
    for oid, value in _pairs(shape, n):
        atv = rfc5280.AttributeTypeAndValue()
        atv["type"] = univ.ObjectIdentifier(oid)
        atv["value"] = univ.Any(encoder.encode(char.UTF8String(value)))
        if shape == "multi_valued_rdn":
            multi.append(atv)
        else:
            rdn = rfc5280.RelativeDistinguishedName()
            rdn.append(atv)
            rdns.append(rdn)
    if shape == "multi_valued_rdn":
        rdns.append(multi)
    return linting.load_der(encoder.encode(cert), f"{shape}-{n}")


def _decoded_subject(doc):
    """The subject's RDNSequence node after pkilint's decoding validators have decoded the
    attribute values (what every linter runs first), without the rest of a lint: stock
    pkilint's own cost on 20,000 attributes is not this plugin's."""
    from pkilint import validation
    from pkilint.cabf import serverauth

    validation.ValidatorContainer(
        validators=serverauth.create_decoding_validators()
    ).validate(doc.root)
    node = doc.root
    for name in ("tbsCertificate", "subject", "rdnSequence"):
        node = node.children[name]
    return node


def _best(f, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000, 20000]
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    rules = engine.Engine(disabled=(), keep_answers=False)
    validator = validators.SemanticDnValidator(disabled=())
    header = f"{'shape':<18} {'what':<10}" + "".join(f"{n:>10}" for n in sizes)
    print("microseconds per attribute (best of runs)")
    print(header + f"{'growth':>9}")
    print("-" * (len(header) + 9))
    for shape in ("st_l", "multi_valued_rdn"):
        rows = {"engine": [], "validator": []}
        for n in sizes:
            pairs = _pairs(shape, n)
            rows["engine"].append(_best(lambda: rules.check(pairs), args.runs) / n)
            node = _decoded_subject(_certificate(shape, n))
            total = n + TEMPLATE_ATTRIBUTES
            found = validator.validate(node)
            assert len(found) >= n // 2, (shape, n, len(found))  # the rules really ran
            seconds = _best(lambda: validator.validate(node), args.runs)
            rows["validator"].append(seconds / total)
        for what, per in rows.items():
            growth = per[-1] / per[0]
            print(
                f"{shape:<18} {what:<10}"
                + "".join(f"{x * 1e6:10.1f}" for x in per)
                + f"{growth:9.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
