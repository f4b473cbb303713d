"""The factory: settings, store ownership and CORS."""
import pytest

import search
from minutebook.settings import Settings
from web.app import create_app
from web.store_access import close_store

ALLOWED = "https://www.example-council.gov.uk"


def test_cors_for_configured_origins_only(client):
    allowed = client.get("/api/v1/documents?limit=1", headers={"Origin": ALLOWED})
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/api/v1/documents?limit=1", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = client.options("/api/v1/search", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    page = client.get("/", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in page.headers


def test_app_opens_its_own_store_from_settings(tmp_path):
    data_dir = tmp_path / "data"
    app = create_app(Settings(data_dir=data_dir), test_config={"TESTING": True})
    client = app.test_client()
    assert client.get("/api/v1/documents").get_json() == {
        "documents": [], "next_cursor": None,
        "filters": {"authority": None, "doc_type": None, "committee": None, "since": None, "until": None}}
    assert data_dir.is_dir()
    html = client.get("/", query_string={"q": "anything"}).get_data(as_text=True)
    assert "No relevant matches" in html
    close_store(app)
    close_store(app)  # closing twice is harmless
    assert client.get("/api/v1/documents").status_code == 500


def test_a_bad_store_setting_fails_when_the_app_is_made(tmp_path):
    with pytest.raises(search.StoreUnavailable):
        create_app(Settings(data_dir=tmp_path, store="postgresql://db.example/minutebook"))


def test_given_store_is_left_open(settings, store):
    app = create_app(settings, store=store)
    close_store(app)
    assert store.get_document("0" * 64) is None  # still usable


def test_static_css_is_served_locally(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and b"@media" in response.data
    html = client.get("/").get_data(as_text=True)
    assert 'href="/static/style.css"' in html and "http" not in html.split("<body>")[0]
