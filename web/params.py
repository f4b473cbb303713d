"""Declared request parameters: one record both checks a value and documents it in OpenAPI.

Because validation and the published schema come from the same `Param`, the API cannot accept
something its documentation forbids, or the other way round.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Mapping, Sequence

from .errors import bad_parameter

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ParamKind(str, Enum):
    STRING = "string"
    INTEGER = "integer"
    DATE = "date"


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    kind: ParamKind = ParamKind.STRING
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    location: str = "query"  # or "path"

    def parse(self, raw: str | None) -> Any:
        """The typed value of `raw` (None: absent). Raises WebError(400) naming the parameter.

        Checks apply to the value as sent, exactly as the published schema states them: an empty
        value is no date, number or choice, and maxLength and pattern see surrounding spaces too.
        Only a string that passes is trimmed; a plain string left empty means absent. (Pages drop
        a form's empty fields before they get here: web/pages.py.)
        """
        if raw is None or (self.required and raw.strip() == ""):
            if self.required:
                raise bad_parameter(self.name, "is required")
            return self.default
        value = raw
        if self.max_length is not None and len(value) > self.max_length:
            raise bad_parameter(self.name, f"must be at most {self.max_length} characters")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise bad_parameter(self.name, "is malformed")
        if self.choices and value not in self.choices:
            raise bad_parameter(self.name, f"must be one of {', '.join(self.choices)}")
        if self.kind is ParamKind.INTEGER:
            return self._integer(value)
        if self.kind is ParamKind.DATE:
            return self._date(value)
        return value.strip() or self.default

    def _integer(self, value: str) -> int:
        if not re.fullmatch(r"[+-]?\d{1,9}", value):
            raise bad_parameter(self.name, "must be an integer")
        number = int(value)
        if self.minimum is not None and number < self.minimum:
            raise bad_parameter(self.name, f"must be at least {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise bad_parameter(self.name, f"must be at most {self.maximum}")
        return number

    def _date(self, value: str) -> str:
        if not ISO_DATE.match(value):
            raise bad_parameter(self.name, "must be an ISO date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise bad_parameter(self.name, "is not a real date") from None

    def schema(self) -> dict[str, Any]:
        """This parameter as an OpenAPI 3.1 Parameter Object."""
        s: dict[str, Any] = {"type": "integer" if self.kind is ParamKind.INTEGER else "string"}
        if self.kind is ParamKind.DATE:
            s["format"] = "date"
        if self.choices:
            s["enum"] = list(self.choices)
        # JSON Schema patterns match anywhere in the value; ours must match all of it.
        pattern = f"^(?:{self.pattern})$" if self.pattern else None
        if self.required and self.kind is ParamKind.STRING and not self.choices:
            s["minLength"] = 1
            pattern = pattern or r"\S"  # something besides spaces
        for key, value in (("minimum", self.minimum), ("maximum", self.maximum),
                           ("maxLength", self.max_length), ("pattern", pattern),
                           ("default", self.default)):
            if value is not None:
                s[key] = value
        return {"name": self.name, "in": self.location, "description": self.description,
                "required": self.required or self.location == "path", "schema": s}


def parse_args(params: Sequence[Param], args: Mapping[str, str]) -> dict[str, Any]:
    """Every declared parameter's value from a request's query string (unknown keys are ignored)."""
    values = {p.name: p.parse(args.get(p.name)) for p in params}
    since, until = values.get("since"), values.get("until")
    if since and until and since > until:
        raise bad_parameter("until", "must not be before 'since'")
    return values
