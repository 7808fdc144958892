"""Start the ``gapcheck`` command without spaCy's own command-line package.

``import spacy`` runs ``from .cli.info import info``, which imports spaCy's whole command-line
package (typer, weasel, requests, httpx: 0.25-0.4 s of a 1.5 s budget) only to offer
``spacy.info``. The gapcheck command never uses it. Before spaCy is imported, :func:`defer`
registers stand-ins for ``spacy.cli`` and ``spacy.cli.info``; once spaCy is imported they are
removed again, so a later ``import spacy.cli`` is the real one, and ``spacy.info`` or any
attribute of the stand-in imports the real package on first use.

Only the console command calls this; ``import gapcheck`` in a user's program leaves spaCy's
import alone. ``tests/test_imports.py`` checks both the time saved and that the real
``spacy.cli`` still works afterwards.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

_NAMES = ("spacy.cli.info", "spacy.cli")


class _StandIn(types.ModuleType):
    """A module that becomes the real one on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, __spec__...)
            raise AttributeError(name)
        _drop()
        return getattr(importlib.import_module(self.__name__), name)


def _drop() -> None:
    for name in _NAMES:
        module = sys.modules.get(name)
        if isinstance(module, _StandIn):
            sys.modules.pop(name, None)


def _info(*args: Any, **kwargs: Any) -> Any:
    _drop()
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def defer() -> None:
    """Register the stand-ins if spaCy is not imported yet (a no-op otherwise)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    cli = _StandIn("spacy.cli")
    cli.__path__ = [os.path.join(next(iter(spec.submodule_search_locations)), "cli")]
    info = _StandIn("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})


def imported() -> None:
    """Call once spaCy is imported: later imports of ``spacy.cli`` get the real package, and
    ``spacy.cli`` (the attribute) is a stand-in that imports it on first use."""
    cli = sys.modules.get("spacy.cli")
    _drop()
    spacy = sys.modules.get("spacy")
    if isinstance(cli, _StandIn) and spacy is not None and not hasattr(spacy, "cli"):
        spacy.cli = cli  # type: ignore[attr-defined]
