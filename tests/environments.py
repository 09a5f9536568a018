"""Throw-away Python environments for the pkimetal and upstream-patch tests.

Everything is built at most once per test session (a module-level cache; both test modules
share it) under pytest's session temporary directory:

- this repository as a wheel (`pip wheel`, hatchling from the registry or pip's cache);
- venvs with pkilint and that wheel (pkilint from the registry, or a patched pkilint sdist);
- the pkilint 0.13.3 sdist (`pip download --no-binary :all:`).

A pip failure caused by an unreachable package registry skips the calling test with the reason;
any other failure fails it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path
from typing import NamedTuple

import pytest

from helpers import ROOT

DISTRIBUTION = "pkilint-semantic-dn"

# pip's messages when it cannot reach the index (requests/urllib3 and DNS wording).
_UNREACHABLE_MARKERS = (
    "Could not fetch URL",
    "NewConnectionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "Connection refused",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "No route to host",
)

_cache: dict[str, object] = {}


class Environment(NamedTuple):
    """A Python environment whose site-packages holds pkilint and this plugin."""

    python: Path  # the environment's own interpreter (its .pth files are processed)
    bin: Path  # where its console scripts are
    site_packages: Path
    base_python: Path  # the interpreter it was made from: pkimetal's `python3`


def _clean_env(**overrides: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "PKILINT_", "PIP_REQUIRE_VIRTUALENV"))
        and k != "VIRTUAL_ENV"
    }
    env.update(overrides)
    return env


def run(
    args, *, what: str, cwd=None, timeout=900, **env: str
) -> subprocess.CompletedProcess:
    """Runs a setup command; skips if the registry is unreachable, fails on other errors."""
    p = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **env),
        timeout=timeout,
    )
    if p.returncode != 0:
        output = p.stdout + p.stderr
        if any(marker in output for marker in _UNREACHABLE_MARKERS):
            pytest.skip(f"package registry unreachable ({what}): {output[-400:]}")
        pytest.fail(f"{what} failed (exit {p.returncode}):\n{output[-4000:]}")
    return p


def _session_dir(tmp_path_factory, name: str) -> Path:
    path = tmp_path_factory.getbasetemp() / "environments" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pkilint_version() -> str:
    from importlib.metadata import version

    return version("pkilint")


def wheel(tmp_path_factory) -> Path:
    """This repository built as a wheel, once per session."""
    if "wheel" not in _cache:
        out = _session_dir(tmp_path_factory, "wheel")
        run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, ROOT],
            what="building the pkilint-semantic-dn wheel",
        )
        (built,) = out.glob("pkilint_semantic_dn-*.whl")
        _cache["wheel"] = built
    return _cache["wheel"]


def _describe(python: Path) -> Environment:
    code = (
        "import os, sys, sysconfig\n"
        "base = os.path.join(sys.base_prefix, 'bin', 'python%d.%d' % sys.version_info[:2])\n"
        "if not os.path.exists(base):\n"
        "    base = getattr(sys, '_base_executable', sys.executable)\n"
        "print(sysconfig.get_paths()['purelib'])\n"
        "print(sysconfig.get_paths()['scripts'])\n"
        "print(base)\n"
    )
    out = run([python, "-c", code], what=f"inspecting {python}").stdout.splitlines()
    return Environment(python, Path(out[1]), Path(out[0]), Path(out[2]))


def create_venv(tmp_path_factory, name: str, requirements) -> Environment:
    """A new venv (made from the running interpreter's base) with the requirements installed."""
    key = f"venv:{name}"
    if key not in _cache:
        path = _session_dir(tmp_path_factory, name) / "venv"
        run([sys.executable, "-m", "venv", path], what=f"creating venv {name}")
        python = path / "bin" / "python"
        run(
            [python, "-m", "pip", "install", "--quiet", *requirements],
            what=f"installing {' '.join(map(str, requirements))} into venv {name}",
        )
        _cache[key] = _describe(python)
    return _cache[key]


def running_environment_if_installed() -> Environment | None:
    """The running venv, if pkilint and a regular (non-editable) install of this plugin are in
    its site-packages together, as after CI's `pip install '.[test]'`."""
    if sys.prefix == sys.base_prefix:
        return None  # not a venv: its site-packages would be processed at start-up
    site_packages = Path(sysconfig.get_paths()["purelib"])
    for needed in (
        "pkilint/__init__.py",
        "pkilint_semantic_dn/__init__.py",
        "pkilint_semantic_dn.pth",
    ):
        if not (site_packages / needed).is_file():
            return None
    return _describe(Path(sys.executable))


def stock_environment(tmp_path_factory) -> Environment:
    """Stock pkilint and this plugin in one site-packages: the running venv when it qualifies
    (CI), else a new venv with the wheel and the running pkilint version (editable dev venv).
    """
    found = running_environment_if_installed()
    if found is not None:
        return found
    return create_venv(
        tmp_path_factory,
        "stock",
        [wheel(tmp_path_factory), f"pkilint=={_pkilint_version()}"],
    )


def pkilint_sdist(tmp_path_factory, version: str) -> Path:
    """The pkilint sdist from the registry, unpacked; a fresh copy for every call."""
    key = f"sdist:{version}"
    if key not in _cache:
        out = _session_dir(tmp_path_factory, f"pkilint-{version}-sdist")
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"pkilint=={version}",
                "-d",
                out,
            ],
            what=f"downloading the pkilint {version} sdist",
        )
        (archive,) = out.glob(f"pkilint-{version}.tar.gz")
        _cache[key] = archive
    archive = _cache[key]
    target = Path(tmp_path_factory.mktemp(f"pkilint-{version}-src", numbered=True))
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # Python < 3.10.12 / 3.11.4
            tar.extractall(target)
    return target / f"pkilint-{version}"
