"""The briefing-note query behind GET /api/v1/briefings and the /briefings page: one context, so
the page and its JSON twin never drift."""
from __future__ import annotations

from typing import Any, Mapping

from brief import Briefing, compose_briefing
from search.store import Store

from .params import Param, ParamKind, parse_args

BRIEFING_PARAMS = (
    Param("topic", "what the note is about", required=True, max_length=200),
    Param("authority", "only papers of this council (canonical name)", max_length=200),
    Param("since", "only papers dated on or after this day", kind=ParamKind.DATE),
)


def compose(store: Store, args: Mapping[str, str]) -> Briefing:
    values = parse_args(BRIEFING_PARAMS, args)
    return compose_briefing(store, values["topic"], authority=values["authority"],
                            since=values["since"])


def briefing(store: Store, args: Mapping[str, str]) -> dict[str, Any]:
    """The note as JSON-ready fields (see brief.model.Briefing); `enough` is false, with a
    `message`, when the papers hold too little on the topic."""
    return compose(store, args).to_dict()
