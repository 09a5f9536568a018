"""Interpreter start-up hook, run by `pkilint_semantic_dn.pth` in site-packages.

It must cost next to nothing in the many Python processes that never touch pkilint: it imports
only `sys` and `config` (which needs only `os`, loaded at start-up anyway) and puts a small finder at the front of
`sys.meta_path`. The finder ignores every import but `pkilint.pkix.certificate`; for that one
it lets the normal machinery load the module and, right after the module has run, wraps its
factories (`registration.install_into`). Anything that goes wrong there is reported once on
stderr and pkilint is left as it is.
"""

import sys

from pkilint_semantic_dn.core import config

TARGET = "pkilint.pkix.certificate"


class PkilintImportTrigger:
    """A meta path finder that only reacts to pkilint's certificate module."""

    def __init__(self):
        self._searching = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != TARGET or self._searching:
            return None
        # Python holds the per-module import lock here, so this flag needs no lock of its own.
        self._searching = True
        try:
            spec = None
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                if finder is self or find is None:
                    continue
                spec = find(fullname, path, target)
                if spec is not None:
                    break
        finally:
            self._searching = False
        if spec is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _InstallingLoader(spec.loader)
        return spec

    def invalidate_caches(self):
        pass


class _InstallingLoader:
    """Delegates to the real loader, then installs the plugin into the fresh module."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        install_after_import(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


def install_after_import(module) -> bool:
    try:
        from pkilint_semantic_dn.adapter import registration

        return registration.install_into(module)
    except Exception as e:  # never break pkilint's import
        config.warn_once(f"{type(e).__name__}: {e}")
        return False


def install() -> bool:
    """Arrange for the plugin to be installed into pkilint. Idempotent; honours the opt-out.

    Wraps the factories at once if pkilint is already imported, else arms the import trigger.
    Returns False when opted out or when the factories could not be wrapped.
    """
    if not config.automatic_registration_enabled():
        return False
    module = sys.modules.get(TARGET)
    if module is not None:
        return install_after_import(module)
    if not any(isinstance(f, PkilintImportTrigger) for f in sys.meta_path):
        sys.meta_path.insert(0, PkilintImportTrigger())
    return True


install()
