"""POST /api/v1/documents: ingest one uploaded paper, for holders of the API token only.

The body size limit is Flask's MAX_CONTENT_LENGTH (settings.max_file_bytes), so an oversized
upload is refused with 413 before it is read.
"""
from __future__ import annotations

import hmac
from typing import Any

from flask import Request, current_app

from search.store import Store

from .errors import WebError, bad_parameter

REQUEST_BODY = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary"}}}}}}


def _check_token(request: Request) -> None:
    expected = current_app.config["MINUTEBOOK_SETTINGS"].api_token
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected:
        raise WebError(401, "uploads_disabled", "uploads are turned off: no API token is configured")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise WebError(401, "unauthorized", "a valid bearer token is needed to upload")


def upload(store: Store, request: Request) -> dict[str, Any]:
    """Read, extract and store the file in the `file` field; returns what storing it did."""
    _check_token(request)
    if request.content_length and request.content_length > current_app.config["MAX_CONTENT_LENGTH"]:
        raise WebError(413, "payload_too_large", "the file is larger than this server accepts")
    file = request.files.get("file")
    if file is None or not file.filename:
        raise bad_parameter("file", "is required (multipart/form-data)")
    data = file.read()
    if not data:
        raise bad_parameter("file", "is empty")
    from extract.pipeline import extract
    from ingest import IngestError, read_bytes

    try:
        document = read_bytes(data, f"upload/{file.filename[:200]}")
    except IngestError as exc:
        raise bad_parameter("file", f"cannot be read: {exc}") from None
    outcome = store.add(document, extract(document))
    return {"document_id": outcome.document_id, "new": outcome.new, "chunks": outcome.chunks,
            "facts_by_kind": dict(outcome.facts_by_kind)}
