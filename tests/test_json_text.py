"""The indented JSON writer gives the bytes of json.dumps(to_dict(), indent=2, ensure_ascii=False)."""

from __future__ import annotations

import enum
import json
from collections import namedtuple
from dataclasses import dataclass, replace

import pytest

from gapcheck import results
from gapcheck._json_text import JsonWriter
from gapcheck.results import MissingSkill, _field_names, _plain, constant


@dataclass(frozen=True)
class _Leaf:
    name: str
    value: float | None
    count: int = 0


@dataclass(frozen=True)
class _Tree:
    leaf: _Leaf
    leaves: tuple[_Leaf, ...]
    table: dict
    extra: object = None
    note: str | None = None


class _Colour(str, enum.Enum):
    RED = "red"


_Pair = namedtuple("_Pair", "a b")

SHARED = constant(_Leaf("shared \u00e9", 1.5, 3))
TRICKY_STRINGS = ["", 'quote " and \\ backslash', "caf\u00e9 \u4e2d\u6587 \U0001f600", "tab\tnew\nline\r\x00\x1f",
                  "\u2028\u2029", "</script>"]
TRICKY_NUMBERS = [0, -1, 10**20, 0.1, -0.0, 1e300, 1e-7, 2.5, float("nan"), float("inf"), float("-inf"), True, False]


def _tree(extra: object = None, note: str | None = None) -> _Tree:
    table = {
        "strings": TRICKY_STRINGS,
        "numbers": TRICKY_NUMBERS,
        "empty": {"list": [], "tuple": (), "dict": {}},
        3: "int key", 2.5: "float key", True: "bool key", False: "false key", None: "none key",
        "nested": {"shared": SHARED, "deeper": [[SHARED, [SHARED]]]},
    }
    return _Tree(SHARED, (SHARED, _Leaf("own", None), SHARED), table, extra, note)


def _expected(obj: object) -> str:
    return json.dumps(_plain(obj), indent=2, ensure_ascii=False)


@pytest.mark.parametrize("extra", [None, _Colour.RED, _Pair(1, "b"), [1, {"a": None}], 7, "text", {}],
                         ids=["none", "str-enum", "namedtuple", "list", "int", "str", "empty-dict"])
def test_the_writer_gives_the_bytes_of_json_dumps(extra):
    writer = JsonWriter(_field_names, results._CONSTANT)
    tree = _tree(extra)
    assert writer.dumps(tree) == _expected(tree)
    # Again, now that the shared leaf's text is kept for each depth it was written at.
    assert writer.dumps(tree) == _expected(tree)
    assert writer.dumps([tree, {"x": tree}]) == _expected([tree, {"x": tree}])


def test_fields_left_out_when_none_are_left_out_only_then():
    writer = JsonWriter(_field_names, results._CONSTANT)
    plain = _plain(_tree())
    del plain["note"]
    assert writer.dumps(_tree(), drop_none=("note",)) == json.dumps(plain, indent=2, ensure_ascii=False)
    assert writer.dumps(_tree(note="kept"), drop_none=("note",)) == _expected(_tree(note="kept"))


def test_what_json_cannot_write_is_refused_as_json_refuses_it():
    writer = JsonWriter(_field_names, results._CONSTANT)
    with pytest.raises(TypeError, match="not JSON serializable"):
        writer.dumps(_tree(extra=object()))
    with pytest.raises(TypeError, match="keys must be"):
        writer.dumps({(1, 2): "tuple key"})


def test_a_result_as_json_is_its_dict_dumped(analyzed_sample):
    result = analyzed_sample("data_scientist_mid")
    assert result.to_json() == json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    assert result.to_json(indent=None) == json.dumps(result.to_dict(), ensure_ascii=False)
    # A role's missing skills are shared objects; a weak one made afresh is written the same.
    gap = next(m for fit in result.roles for m in fit.missing)
    assert id(gap) in results._CONSTANT
    fit = replace(result.roles[0], missing=(replace(gap, name=gap.name + " \u00e9"), gap))
    changed = replace(result, roles=(fit, *result.roles[1:]), contact={"emails": ["a@b.c"], "phones": []})
    assert changed.to_json() == json.dumps(changed.to_dict(), indent=2, ensure_ascii=False)
    assert isinstance(fit.missing[0], MissingSkill)
