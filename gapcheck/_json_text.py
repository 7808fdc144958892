"""Indented JSON text of a result, the same bytes as ``json.dumps(result.to_dict(), indent=2,
ensure_ascii=False)``, about five times sooner.

Python's ``json`` encodes with C code only without ``indent``; with it, every value of a
125 kB result goes through a chain of Python generators. This writer builds the same text
from the result objects directly, and keeps the text of the objects every result shares (a
role's missing-skill entries, :func:`gapcheck.results.constant`) once per nesting depth.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring  # the C version when it is built, as json.dumps uses
from typing import Any

INDENT = "  "
_INF = float("inf")


def _float(value: float) -> str:
    # As json.encoder's floatstr with allow_nan: NaN and the infinities by name.
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as json.dumps writes it (str, number, bool or None; anything else is an error)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


class JsonWriter:
    """Writes result objects (frozen dataclasses of strings, numbers, tuples and dicts) as
    indented JSON text.

    Args:
        fields: a dataclass type -> its field names in order (None for a type that is not one).
        shared: an object's id -> the object, for objects made once and shared by every result;
            their text is kept, by depth, for as long as the process runs.
    """

    def __init__(self, fields: Callable[[type], tuple[str, ...] | None], shared: Mapping[int, Any]) -> None:
        self._fields = fields
        self._shared = shared
        # By depth: the id of a shared object (which lives as long as the process) -> its text.
        self._kept: list[dict[int, str]] = []
        self._keys: dict[tuple[tuple[str, ...], int], tuple[str, ...]] = {}
        self._pads = ["\n"]

    def dumps(self, obj: Any, drop_none: tuple[str, ...] = ()) -> str:
        """The JSON text of ``obj``; top-level fields named in ``drop_none`` are left out when None."""
        out: list[str] = []
        names = self._fields(type(obj))
        if names is not None and drop_none:
            names = tuple(n for n in names if not (n in drop_none and getattr(obj, n) is None))
            self._write_fields(obj, names, 0, out)
        else:
            self._write(obj, 0, out)
        return "".join(out)

    def _pad(self, level: int) -> str:
        pads = self._pads
        while len(pads) <= level:
            pads.append("\n" + INDENT * len(pads))
        return pads[level]

    def _kept_at(self, level: int) -> dict[int, str]:
        while len(self._kept) <= level:
            self._kept.append({})
        return self._kept[level]

    def _heads(self, names: tuple[str, ...], level: int) -> tuple[str, ...]:
        """What goes before each field's value: the brace or comma, the line break and the key."""
        heads = self._keys.get((names, level))
        if heads is None:
            inner = self._pad(level + 1)
            heads = self._keys[(names, level)] = tuple(
                ("{" if i == 0 else ",") + inner + encode_basestring(n) + ": " for i, n in enumerate(names))
        return heads

    def _write(self, obj: Any, level: int, out: list[str]) -> None:
        kind = type(obj)
        if kind is str:
            out.append(encode_basestring(obj))
        elif kind is float:
            out.append(float.__repr__(obj) if obj - obj == 0.0 else _float(obj))
        elif obj is None:
            out.append("null")
        elif obj is True:
            out.append("true")
        elif obj is False:
            out.append("false")
        elif kind is int:
            out.append(int.__repr__(obj))
        elif kind is tuple or kind is list:
            if not obj:
                out.append("[]")
                return
            inner = self._pad(level + 1)
            sep = "," + inner
            kept = self._kept_at(level + 1)
            out.append("[" + inner)
            first = True
            for item in obj:
                if first:
                    first = False
                else:
                    out.append(sep)
                if type(item) is str:  # most items of a list: ids and names
                    out.append(encode_basestring(item))
                    continue
                text = kept.get(id(item))  # a role's 30-40 missing skills are mostly shared
                if text is not None:
                    out.append(text)
                else:
                    self._write(item, level + 1, out)
            out.append(self._pad(level) + "]")
        elif kind is dict:
            self._write_dict(obj, level, out)
        else:
            names = self._fields(kind)
            if names is None:
                self._write_other(obj, level, out)
            elif id(obj) in self._shared:
                kept = self._kept_at(level)
                text = kept.get(id(obj))
                if text is None:
                    part: list[str] = []
                    self._write_fields(obj, names, level, part)
                    text = kept[id(obj)] = "".join(part)
                out.append(text)
            else:
                self._write_fields(obj, names, level, out)

    def _write_fields(self, obj: Any, names: tuple[str, ...], level: int, out: list[str]) -> None:
        if not names:
            out.append("{}")
            return
        for head, name in zip(self._heads(names, level), names, strict=True):
            value = getattr(obj, name)
            out.append(head)
            # Strings and numbers are written here: most values are, and a call each costs more.
            kind = type(value)
            if kind is str:
                out.append(encode_basestring(value))
            elif kind is float and value - value == 0.0:
                out.append(float.__repr__(value))
            elif kind is int:
                out.append(int.__repr__(value))
            else:
                self._write(value, level + 1, out)
        out.append(self._pad(level) + "}")

    def _write_dict(self, obj: dict[Any, Any], level: int, out: list[str]) -> None:
        if not obj:
            out.append("{}")
            return
        inner = self._pad(level + 1)
        sep = "," + inner
        out.append("{" + inner)
        first = True
        for key, value in obj.items():
            if first:
                first = False
            else:
                out.append(sep)
            out.append(_key(key) + ": ")
            self._write(value, level + 1, out)
        out.append(self._pad(level) + "}")

    def _write_other(self, obj: Any, level: int, out: list[str]) -> None:
        """Subclasses of str, int, float, list and dict, as json.dumps writes them."""
        if isinstance(obj, (str, int, float, list, tuple, dict)) or obj is None:
            out.append(json.dumps(obj, indent=INDENT, ensure_ascii=False).replace("\n", self._pad(level)))
            return
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
