"""A report's annotations as JSON and back, exactly: what the store keeps so nothing is parsed twice.

The JSON holds every field of ``AnnotatedReport`` except the report itself (the store has it in its own row):
records become objects keyed by field name, tuples become lists. Loading walks the records' type hints, so a tuple
comes back a tuple, a ``Span`` a ``Span``, and a field added later with a default reads old JSON unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from rashomon.records import AnnotatedReport, Report

SCHEMA = "rashomon.annotations/1"
_OMITTED = ("report",)


class CodecError(ValueError):
    """Stored annotations that do not fit the records."""


def annotations_to_json(annotated: AnnotatedReport) -> str:
    """The annotations of one report as compact JSON (the report's own fields left out)."""
    body = {f.name: _plain(getattr(annotated, f.name)) for f in dataclasses.fields(annotated) if f.name not in _OMITTED}
    return json.dumps({"schema": SCHEMA, **body}, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def annotations_from_json(report: Report, text: str) -> AnnotatedReport:
    """The ``AnnotatedReport`` that ``annotations_to_json`` wrote, around the stored ``report``."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CodecError(f"not {SCHEMA} annotations")
    fields = {k: v for k, v in data.items() if k != "schema"}
    return _build(AnnotatedReport, {**fields, "report": None}, {"report": report})


def _plain(value: Any) -> Any:
    """Records to dicts, tuples to lists; scalars as they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: Any, given: dict[str, Any] | None = None) -> Any:
    """A record of type ``cls`` from its dict; ``given`` supplies fields as ready-made values."""
    if not isinstance(data, dict):
        raise CodecError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if given and f.name in given:
            values[f.name] = given[f.name]
        elif f.name in data:
            values[f.name] = _load(hints[f.name], data[f.name], f"{cls.__name__}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise CodecError(f"{cls.__name__}: missing field {f.name!r}")
    return cls(**values)


def _load(hint: Any, value: Any, where: str) -> Any:
    """``value`` (parsed JSON) as the type ``hint`` says."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise CodecError(f"{where}: cannot load a union of {options}")
        return _load(options[0], value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise CodecError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v, where) for v in value)
        if len(args) != len(value):
            raise CodecError(f"{where}: expected {len(args)} items, got {len(value)}")
        return tuple(_load(a, v, where) for a, v in zip(args, value, strict=True))
    if origin is Literal:
        if value not in args:
            raise CodecError(f"{where}: {value!r} is not one of {args}")
        return value
    if origin is dict:
        if not isinstance(value, dict):
            raise CodecError(f"{where}: expected an object")
        return {k: _load(args[1], v, where) for k, v in value.items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    return _scalar(hint, value, where)


def _scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint is object or hint is Any:
        return value
    if isinstance(hint, type) and isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
        return value
    raise CodecError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")
