"""Options and Limits refuse bad values when made, with the field, the range and the value."""

from __future__ import annotations

import click
import pytest

from gapcheck.cli import analyze_cmd, batch_cmd
from gapcheck.config import MAX_CHARS, MIN_MEMORY_MB, RANGES, Limits, Options
from gapcheck.errors import GapcheckError, InvalidOptionError


def test_defaults_are_valid():
    assert Options().limits == Limits()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"hours_per_week": 1},
        {"hours_per_week": 80},
        {"hours_per_week": 7.5},
        {"min_fit": 0},
        {"min_fit": 100},
        {"pdf_engine": "pdfium"},
        {"password": "x"},
        {"fuzzy": False},
        {"ocr": True},
        {"include_contact": True},
    ],
)
def test_good_options(kwargs):
    assert Options(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_bytes": 1},
        {"max_pages": 1},
        {"max_chars": MAX_CHARS},
        {"timeout_s": 0.1},
        {"timeout_s": 3},
        {"max_memory_mb": MIN_MEMORY_MB},
    ],
)
def test_good_limits(kwargs):
    assert Limits(**kwargs)


@pytest.mark.parametrize(
    "cls, kwargs, fragments",
    [
        # The crash that started it: ZeroDivisionError deep in the learning plan.
        (Options, {"hours_per_week": 0}, ["Options.hours_per_week", "--hours-per-week", "from 1 to 80", "not 0"]),
        (Options, {"hours_per_week": 81}, ["from 1 to 80", "not 81"]),
        (Options, {"hours_per_week": float("nan")}, ["from 1 to 80", "not nan"]),
        (Options, {"hours_per_week": "10"}, ["a number from 1 to 80", "not '10'"]),
        (Options, {"min_fit": -1}, ["Options.min_fit", "from 0 to 100", "not -1"]),
        (Options, {"pdf_engine": "pdfminer"}, ["Options.pdf_engine", "'pdfplumber' or 'pdfium'", "not 'pdfminer'"]),
        (Options, {"fuzzy": "no"}, ["Options.fuzzy", "True or False", "not 'no'"]),
        (Options, {"password": 1234}, ["Options.password", "a string or None"]),
        (Options, {"limits": {"max_pages": 3}}, ["Options.limits", "Limits"]),
        (Limits, {"max_pages": 0}, ["Limits.max_pages", "--max-pages", "a whole number of at least 1", "not 0"]),
        (Limits, {"max_pages": 2.5}, ["a whole number", "not 2.5"]),
        (Limits, {"max_bytes": True}, ["Limits.max_bytes", "not True"]),
        (Limits, {"max_chars": MAX_CHARS + 1}, ["Limits.max_chars", "from 1 to 1,000,000", "not 1000001"]),
        (Limits, {"timeout_s": 0}, ["Limits.timeout_s", "--timeout", "at least 0.1", "not 0"]),
        (Limits, {"timeout_s": float("inf")}, ["not inf"]),
        (
            Limits,
            {"max_memory_mb": 64},
            ["Limits.max_memory_mb", "--max-memory", f"at least {MIN_MEMORY_MB}", "not 64"],
        ),
    ],
)
def test_bad_values_name_field_range_and_value(cls, kwargs, fragments):
    with pytest.raises(InvalidOptionError) as info:
        cls(**kwargs)
    message = str(info.value)
    assert all(f in message for f in fragments), message
    # Callers may catch it as a gapcheck error or as the ValueError it is.
    assert isinstance(info.value, GapcheckError) and isinstance(info.value, ValueError)


def test_max_chars_is_spacys_limit(nlp):
    # Longer texts fail inside spaCy (E088); the range stops them at the option instead.
    assert nlp.max_length == MAX_CHARS


@pytest.mark.parametrize("command", [analyze_cmd, batch_cmd], ids=["analyze", "batch"])
@pytest.mark.parametrize(
    "field, option",
    [
        ("max_bytes", "max_bytes"),
        ("max_pages", "max_pages"),
        ("max_chars", "max_chars"),
        ("timeout_s", "timeout"),
        ("max_memory_mb", "max_memory"),
        ("min_fit", "min_fit"),
        ("hours_per_week", "hours_per_week"),
    ],
)
def test_command_line_ranges_are_the_ones_options_check(command, field, option):
    param = next(p for p in command.params if p.name == option)
    assert isinstance(param.type, (click.IntRange, click.FloatRange))
    assert (param.type.min, param.type.max) == RANGES[field]
