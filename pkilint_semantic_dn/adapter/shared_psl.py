"""One public-suffix list per process for pkilint's internal-domain-name validators.

Every `InternalDomainNameValidator` that pkilint builds (several per linter: DNS names, URIs,
email domains...) parses the whole public-suffix list again in its `__init__`, about 200 ms
and 6 MiB each time; a scan worker that builds linters for many profiles pays that dozens of
times. `publicsuffixlist.PublicSuffixList` holds nothing but the parsed list once built (its
methods are documented as thread-safe after `__init__`), so instances built from the same
arguments can be one instance.

`install()` points `pkilint.common.alternative_name` (the only module of pkilint that builds
them) at a stand-in for the `publicsuffixlist` module whose `PublicSuffixList(...)` returns one
shared instance per set of arguments when the list is the packaged one (no `source=`), and
builds a fresh one otherwise. Everything else is the real module. The findings are the same:
every instance answers from the same packaged list. Used by this plugin's own linting
(`linting.linter`, hence `scan`); stock pkilint programs are left as they are (the same fix
is proposed upstream in `upstream/pkilint-0.13.3-shared-public-suffix.patch`).
"""

from __future__ import annotations

import threading
import types

_lock = threading.Lock()
_MARK = "__pkilint_semantic_dn_shared__"


class _SharedModule(types.ModuleType):
    """`publicsuffixlist` with a `PublicSuffixList` that shares the packaged list."""

    def __init__(self, real):
        super().__init__(real.__name__, real.__doc__)
        self._real = real
        self._shared: dict = {}
        setattr(self, _MARK, True)

    def __getattr__(self, name):  # everything but PublicSuffixList: the real module
        return getattr(self._real, name)

    def PublicSuffixList(
        self, source=None, *args, **kwargs
    ):  # noqa: N802 (pkilint's name)
        if source is not None:
            return self._real.PublicSuffixList(source, *args, **kwargs)
        key = (args, tuple(sorted(kwargs.items())))
        found = self._shared.get(key)
        if found is None:
            with _lock:
                found = self._shared.get(key)
                if found is None:
                    found = self._shared[key] = self._real.PublicSuffixList(
                        None, *args, **kwargs
                    )
        return found


def install() -> bool:
    """Share the list from now on (idempotent). False when pkilint's module is not what this
    expects (nothing is changed then)."""
    try:
        from pkilint.common import alternative_name
    except Exception:
        return False
    current = getattr(alternative_name, "publicsuffixlist", None)
    if getattr(current, _MARK, False):
        return True
    if not isinstance(current, types.ModuleType) or not callable(
        getattr(current, "PublicSuffixList", None)
    ):
        return False
    with _lock:
        if not getattr(alternative_name.publicsuffixlist, _MARK, False):
            alternative_name.publicsuffixlist = _SharedModule(current)
    return True


def installed() -> bool:
    try:
        from pkilint.common import alternative_name
    except Exception:
        return False
    return bool(getattr(alternative_name.publicsuffixlist, _MARK, False))
