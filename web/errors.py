"""One exception class and one handler, so every error has the same shape.

API requests get `{"error": {"code": ..., "message": ...}}` with the right status; pages get a
friendly HTML page built from the same record. Unexpected exceptions become a 500 that names
nothing of the internals (the traceback goes to the log, never to the client).
"""
from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

API_PREFIX = "/api/v1"


class WebError(Exception):
    """A failure the client should hear about: an HTTP status, a stable code and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


def bad_parameter(name: str, problem: str) -> WebError:
    return WebError(400, "invalid_parameter", f"parameter '{name}': {problem}")


def not_found(message: str) -> WebError:
    return WebError(404, "not_found", message)


def _from_http(exc: HTTPException) -> WebError:
    code = (exc.name or "error").lower().replace(" ", "_").replace("'", "")
    messages = {
        404: "no such resource",
        405: f"method {request.method} not allowed here",
    }
    return WebError(exc.code or 500, code, messages.get(exc.code or 500, exc.description or exc.name))


def wants_json() -> bool:
    return request.blueprint == "api" or request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def handle_error(exc: Exception) -> Response | tuple:
    """The one handler: turn any exception into a WebError and render it for the client."""
    if isinstance(exc, WebError):
        err = exc
    elif isinstance(exc, HTTPException):
        err = _from_http(exc)
    else:
        current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
        err = WebError(500, "internal_error", "something went wrong on our side")
    if wants_json():
        response = jsonify(err.to_dict())
        response.status_code = err.status
    else:
        response = current_app.make_response(
            (render_template("error.html", error=err), err.status))
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return response


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(WebError, handle_error)
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(Exception, handle_error)
