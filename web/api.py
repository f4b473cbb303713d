"""The public JSON API (/api/v1): thin views over web/queries.py, each declared for OpenAPI."""
from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime

from flask import Blueprint, Response, current_app, jsonify, request

from . import queries, registers, uploads
from . import briefings
from .errors import API_PREFIX
from .openapi import ApiRoutes, openapi_document
from .store_access import get_store

bp = Blueprint("api", __name__, url_prefix=API_PREFIX)
routes = ApiRoutes(bp)


@routes.route("/search", summary="Ranked passages for a query (the shape of `minutebook search --json`)",
              params=queries.SEARCH_PARAMS, response="SearchResponse")
def search() -> Response:
    return jsonify(queries.search(get_store(), request.args))


@routes.route("/documents", summary="Documents, newest first, a page at a time",
              params=queries.DOCUMENTS_PARAMS, response="DocumentList")
def documents() -> Response:
    return jsonify(queries.documents(get_store(), request.args))


@routes.route("/documents/<document_id>", summary="A document: metadata, text blocks by page, facts",
              response="DocumentDetail")
def document(document_id: str) -> Response:
    return jsonify(queries.document_detail(get_store(), document_id))


@routes.route("/documents/<document_id>/facts", summary="A document's facts grouped by kind",
              params=queries.DOCUMENT_FACTS_PARAMS, response="DocumentFacts")
def document_facts(document_id: str) -> Response:
    return jsonify(queries.document_facts(get_store(), document_id, request.args))


@routes.route("/facts", summary="Facts across the corpus, a page at a time",
              params=queries.FACTS_PARAMS, response="FactList",
              errors={"404": "no document with the given document_id"})
def facts() -> Response:
    return jsonify(queries.facts(get_store(), request.args))


@routes.route("/decisions", summary="Every decision across authorities, newest paper first",
              params=registers.DECISIONS_PARAMS, response="DecisionList")
def decisions() -> Response:
    return jsonify(registers.decisions(get_store(), request.args))


@routes.route("/money", summary="Every amount with purpose, year, authority and source, with totals",
              params=registers.MONEY_PARAMS, response="MoneyList")
def money() -> Response:
    return jsonify(registers.money(get_store(), request.args))


@routes.route("/people", summary="People named in the papers, one entry per name",
              params=registers.PEOPLE_PARAMS, response="PeopleList")
def people() -> Response:
    return jsonify(registers.people(get_store(), request.args))


@routes.route("/people/<key>", summary="A person: roles held, meetings attended, where named",
              response="PersonDetail")
def person(key: str) -> Response:
    return jsonify(registers.person(get_store(), key))


@routes.route("/organisations", summary="Councils with papers, and organisations the papers name",
              params=registers.ORGANISATIONS_PARAMS, response="OrganisationList")
def organisations() -> Response:
    return jsonify(registers.organisations(get_store(), request.args))


@routes.route("/authorities/<name>", summary="A council: its papers, decisions and money",
              response="AuthorityDetail")
def authority(name: str) -> Response:
    return jsonify(registers.authority(get_store(), name))


@routes.route("/timeline", summary="Dated events about a topic across authorities",
              params=registers.TIMELINE_PARAMS, response="Timeline")
def timeline() -> Response:
    return jsonify(registers.timeline(get_store(), request.args))


@routes.route("/documents", method="POST", summary="Upload a paper (needs the API token)",
              response="UploadResult", status="201", request_body=uploads.REQUEST_BODY,
              errors={"401": "missing or wrong token", "413": "the file is too large",
                      "400": "no file, or a file that cannot be read"})
def upload_document() -> tuple[Response, int]:
    return jsonify(uploads.upload(get_store(), request)), 201


@routes.route("/briefings", summary="A briefing note on a topic, every statement cited to its paragraph",
              params=briefings.BRIEFING_PARAMS, response="Briefing")
def briefing() -> Response:
    return jsonify(briefings.briefing(get_store(), request.args))


@routes.route("/openapi.json", summary="This API's OpenAPI 3.1 description", response="OpenAPI")
def openapi() -> Response:
    return jsonify(openapi_document(routes.operations, API_PREFIX))


@bp.after_request
def conditional_get(response: Response) -> Response:
    """ETag (of the body) and Last-Modified (of the store) on reads; 304 when the client has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    last = get_store().last_modified()
    if last:
        try:
            response.headers["Last-Modified"] = format_datetime(datetime.fromisoformat(last), usegmt=True)
        except ValueError:
            pass
    response.add_etag()
    return response.make_conditional(request)


@bp.after_request
def allow_cross_origin(response: Response) -> Response:
    """CORS for the public read endpoints, from the origins configured in settings."""
    origin = request.headers.get("Origin")
    allowed = current_app.config["CORS_ORIGINS"]
    if origin and ("*" in allowed or origin in allowed):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, If-None-Match"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        response.headers["Access-Control-Max-Age"] = "3600"
    response.vary.add("Origin")
    return response
