"""Server-rendered pages for governance officers; each renders the context its API twin returns."""
from __future__ import annotations

import hashlib
from typing import Any

from brief.wording import long_date as brief_long_date
from flask import Blueprint, render_template, request, send_file, url_for
from werkzeug.datastructures import ImmutableMultiDict

from . import queries, registers
from .charts import amounts_over_time
from . import briefings
from .errors import not_found
from .store_access import get_store

bp = Blueprint("pages", __name__)


@bp.before_request
def drop_empty_fields() -> None:
    """A form submits every field, the empty ones too, and an empty field means "any". The API
    refuses an empty date or number as its schema says; a page reads such a field as absent."""
    request.args = ImmutableMultiDict(
        [(k, v) for k, v in request.args.items(multi=True) if v.strip()])


@bp.app_template_global()
def url_with(**changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


@bp.get("/")
def search() -> str:
    store = get_store()
    context = queries.search_page(store, request.args) if request.args.get("q", "").strip() else None
    return render_template("search.html", result=context, form=request.args,
                           options=queries.filter_options(store))


@bp.get("/documents/<document_id>")
def document(document_id: str) -> str:
    return render_template("document.html", **queries.document_detail(get_store(), document_id))


@bp.get("/documents/<document_id>/file")
def document_file(document_id: str):
    """The original file, only while the recorded path still holds the very bytes ingested."""
    stored = queries.require_document(get_store(), document_id)
    path = queries.source_file(stored)
    if path is None or _sha256(path) != document_id:
        raise not_found("the original file is no longer where it was ingested from")
    return send_file(path.resolve(), as_attachment=True, download_name=path.name)


@bp.get("/decisions")
def decisions() -> str:
    return render_template("decisions.html", form=request.args,
                           options=queries.filter_options(get_store()),
                           **registers.decisions(get_store(), request.args))


@bp.get("/money")
def money() -> str:
    context = registers.money(get_store(), request.args)
    chart = amounts_over_time(registers.money_points(get_store(), request.args))
    return render_template("money.html", form=request.args, chart=chart,
                           options=queries.filter_options(get_store()), **context)


@bp.get("/people")
def people() -> str:
    return render_template("people.html", form=request.args,
                           **registers.people(get_store(), request.args))


@bp.get("/people/<key>")
def person(key: str) -> str:
    return render_template("person.html", **registers.person(get_store(), key))


@bp.get("/organisations")
def organisations() -> str:
    return render_template("organisations.html", form=request.args,
                           **registers.organisations(get_store(), request.args))


@bp.get("/authorities/<path:name>")
def authority(name: str) -> str:
    return render_template("authority.html", **registers.authority(get_store(), name))


@bp.get("/timeline")
def timeline() -> str:
    context = registers.timeline(get_store(), request.args) if request.args.get("topic", "").strip() else None
    return render_template("timeline.html", form=request.args, result=context)


@bp.app_template_filter("money")
def money_filter(value: float | None) -> str:
    """£1,950,000 style, pence only when there are any."""
    if value is None:
        return ""
    return f"£{value:,.2f}" if value != int(value) else f"£{int(value):,}"


@bp.get("/facts")
def facts() -> str:
    return render_template("facts.html", form=request.args, **queries.facts(get_store(), request.args))


@bp.get("/briefings")
def briefing() -> str:
    """The briefing form and, once a topic is given, the note (the HTML of brief.render_html)."""
    from brief.render_html import render_html_fragment

    topic = request.args.get("topic", "").strip()
    note = briefings.compose(get_store(), request.args) if topic else None
    body = render_html_fragment(note) if note else None
    return render_template("briefing.html", form=request.args, note=note, body=body)


def _sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@bp.app_template_filter("label")
def label(value: str | None) -> str:
    """A stored code as words: decision_notice -> Decision notice."""
    text = (value or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@bp.app_template_filter("long_date")
def long_date(value: str | None) -> str:
    """An ISO date as a UK reader writes it: 9 January 2025, or April 2024 for a month."""
    return brief_long_date(value)
