"""JSON Schemas (draft 2020-12) of rashomon's output contracts, shipped as package data.

``comparison-1.json`` describes what ``rashomon compare --format json`` prints (schema
"rashomon.comparison/1"). A schema checks shape and types; that every span's text is the report text at its
offsets is for the caller to check.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load_schema", "validate_comparison"]


def load_schema(name: str = "comparison-1") -> dict[str, Any]:
    """The schema ``name`` (a file name without ".json" in this package) as a fresh dict."""
    resource = files(__name__).joinpath(f"{name}.json")
    if not resource.is_file():
        raise ValueError(f"no schema named {name!r}")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    if not isinstance(schema, dict):
        raise ValueError(f"schema {name!r} is not a JSON object")
    return schema


def validate_comparison(doc: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` (the most relevant one) unless ``doc`` fits the contract."""
    from jsonschema.exceptions import best_match

    error = best_match(_comparison_validator().iter_errors(doc))
    if error is not None:
        raise error


@cache
def _comparison_validator() -> Any:
    import jsonschema

    schema = load_schema("comparison-1")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
