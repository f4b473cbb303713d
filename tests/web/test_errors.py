"""Every error has one JSON shape on the API and a friendly page on the site."""
import pytest

from web.app import create_app

DOC = "0" * 64


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path, query, param", [
    ("/api/v1/search", {"q": "x", "mode": "foo"}, "mode"),
    ("/api/v1/search", {"q": "x", "limit": "0"}, "limit"),
    ("/api/v1/search", {"q": "x", "limit": "101"}, "limit"),
    ("/api/v1/search", {"q": "x", "limit": "ten"}, "limit"),
    ("/api/v1/search", {"q": "x", "since": "2025-13-01"}, "since"),
    ("/api/v1/search", {"q": "x", "since": "09/01/2025"}, "since"),
    ("/api/v1/search", {"q": "x", "since": "2025-02-01", "until": "2025-01-01"}, "until"),
    ("/api/v1/search", {"q": "x", "doc_type": "novel"}, "doc_type"),
    ("/api/v1/search", {}, "q"),
    ("/api/v1/search", {"q": "x" * 501}, "q"),
    ("/api/v1/documents", {"limit": "1000"}, "limit"),
    ("/api/v1/documents", {"cursor": "not-an-id"}, "cursor"),
    ("/api/v1/facts", {"type": "gossip"}, "type"),
    ("/api/v1/facts", {"cursor": "-5"}, "cursor"),
])
def test_bad_parameter_is_a_400_naming_it(client, path, query, param):
    error = assert_error(client.get(path, query_string=query), 400, "invalid_parameter")
    assert f"'{param}'" in error["message"]


@pytest.mark.parametrize("path", [f"/api/v1/documents/{DOC}", f"/api/v1/documents/{DOC}/facts",
                                  "/api/v1/documents/../../etc/passwd", "/api/v1/no-such-thing",
                                  f"/api/v1/facts?document_id={DOC}"])
def test_missing_is_a_404(client, path):
    assert_error(client.get(path), 404, "not_found")


def test_wrong_method_is_a_405_with_allow(client):
    response = client.post("/api/v1/search", data={"q": "x"})
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_unexpected_failure_is_a_500_without_internals(settings, store):
    app = create_app(settings, store=store, test_config={"TESTING": True})

    @app.get("/api/v1/explode")
    def explode():
        raise RuntimeError("secret internals /home/x/db.sqlite3")

    @app.get("/explode")
    def explode_page():
        raise RuntimeError("secret internals /home/x/db.sqlite3")

    client = app.test_client()
    error = assert_error(client.get("/api/v1/explode"), 500, "internal_error")
    assert "secret" not in error["message"]
    page = client.get("/explode")
    assert page.status_code == 500 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Sorry, something went wrong" in text
    assert "secret" not in text and "Traceback" not in text


def test_pages_show_a_friendly_error_page(client):
    missing = client.get(f"/documents/{DOC}")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "We couldn’t find that page" in missing.get_data(as_text=True)
    bad = client.get("/", query_string={"q": "x", "mode": "foo"})
    assert bad.status_code == 400 and bad.mimetype == "text/html"
    assert "parameter &#39;mode&#39;" in bad.get_data(as_text=True).lower()
    assert client.get("/documents/nope/file").status_code == 404
