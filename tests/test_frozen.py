"""quick_init (gapcheck/_frozen.py): the quicker __init__ takes the same arguments and makes
the same frozen object as the one dataclass writes."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from gapcheck._frozen import quick_init
from gapcheck.normalise import TextLine
from gapcheck.profile import SkillRecord
from gapcheck.results import (
    Evidence,
    FoundSkill,
    PlanActivity,
    PlanPhase,
    PlanSkill,
    RejectedMention,
    RoleFit,
    ScorePart,
)

QUICK = [Evidence, FoundSkill, RejectedMention, ScorePart, RoleFit, PlanSkill, PlanActivity, PlanPhase, TextLine,
         SkillRecord]


@dataclasses.dataclass(frozen=True)
class _Plain:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True)
class _Quick:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


def test_same_signature_defaults_and_object():
    assert str(inspect.signature(_Quick)) == str(inspect.signature(_Plain))
    for args, kwargs in [((1,), {}), ((1, "y"), {}), ((1,), {"c": (2,)}), ((), {"a": 3, "b": "z"})]:
        quick, plain = _Quick(*args, **kwargs), _Plain(*args, **kwargs)
        assert dataclasses.asdict(quick) == dataclasses.asdict(plain)
        assert vars(quick) == vars(plain)
    assert _Quick(1) == _Quick(1) and hash(_Quick(1, "y")) == hash(_Quick(1, "y")) and _Quick(1) != _Quick(2)
    assert dataclasses.replace(_Quick(1), b="q") == _Quick(1, "q")
    assert pickle.loads(pickle.dumps(_Quick(1, "y", (3,)))) == _Quick(1, "y", (3,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Quick(1).a = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Quick()  # type: ignore[call-arg]


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__name__)
def test_the_result_classes_keep_their_signature(cls):
    # The parameters are the fields, in order, with the fields' defaults.
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in dataclasses.fields(cls)]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
                                           for f in dataclasses.fields(cls)]


@pytest.mark.parametrize("make", [
    lambda: dataclasses.make_dataclass("NotFrozen", [("a", int)]),
    lambda: dataclasses.make_dataclass("Factory", [("a", list, dataclasses.field(default_factory=list))], frozen=True),
    lambda: dataclasses.make_dataclass("KwOnly", [("a", int, dataclasses.field(kw_only=True))], frozen=True),
    lambda: int,
])
def test_refuses_what_it_cannot_copy(make):
    with pytest.raises(TypeError, match="quick_init"):
        quick_init(make())
