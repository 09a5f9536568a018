"""The pkilint adapter: the only code that imports pkilint (and pyasn1).

`validators` turns the engine's hits into pkilint findings, `registration` puts the
validators into pkilint's factories (explicit API, factory wrappers, entry point), `hook` is
the start-up hook that arms the registration, `linting` lints documents the way pkilint's
CLIs do (for `scan`, the tools and the tests). Importing this package imports nothing.
"""
