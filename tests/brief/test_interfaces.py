"""The note through the CLI, the JSON API (declared in openapi.json) and the web page."""
from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from minutebook.cli import main

TOPIC = "Regional Care Co-operative funding"


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    from minutebook.settings import Settings
    from web.app import create_app

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("unused")), store=store,
                     test_config={"TESTING": True})
    return app.test_client()


def test_api_returns_the_note_and_is_documented(client, briefing):
    response = client.get("/api/v1/briefings", query_string={"topic": TOPIC})
    assert response.status_code == 200
    note = response.get_json()
    assert note["enough"] is True and note["title"] == briefing.title
    assert [s["path"] for s in note["sources"]] == [s.path for s in briefing.sources]
    assert {f["amount"] for f in note["figures"]} >= {1950000.0, 5000000.0, 250000.0}
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/briefings"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"topic", "authority", "since"}
    schema = spec["components"]["schemas"]["Briefing"]
    assert set(schema["properties"]) == set(note)


def test_api_errors_are_json(client):
    missing = client.get("/api/v1/briefings")
    assert missing.status_code == 400
    assert missing.get_json()["error"]["code"] == "invalid_parameter"
    nonsense = client.get("/api/v1/briefings?topic=spaceship+koala").get_json()
    assert nonsense["enough"] is False and "too little" in nonsense["message"]


def test_page_shows_the_note_and_the_nav_links_to_it(client):
    soup = BeautifulSoup(client.get("/briefings", query_string={"topic": TOPIC}).data, "html.parser")
    assert soup.select_one("article.briefing h1").get_text(strip=True).endswith(TOPIC)
    assert soup.select_one("#chart svg") is not None
    assert soup.select("ol.sources a")[0]["href"].startswith("/documents/")
    assert soup.find("a", href="/briefings") is not None
    empty = BeautifulSoup(client.get("/briefings").data, "html.parser")
    assert empty.find("input", attrs={"name": "topic"}) is not None and not empty.select("article")


def test_cli_prints_markdown_and_writes_docx(store_spec, tmp_path):
    import docx

    # the store named by the options alone, whatever MINUTEBOOK_* the shell running the tests has
    runner = CliRunner(env={"MINUTEBOOK_DATA": None, "MINUTEBOOK_STORE": None})
    where = store_spec.cli_args
    result = runner.invoke(main, ["brief", TOPIC, *where])
    assert result.exit_code == 0, result.output
    assert "## Key figures" in result.output and "£250,000" in result.output
    out = tmp_path / "note.docx"
    result = runner.invoke(main, ["brief", TOPIC, *where, "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert docx.Document(io.BytesIO(out.read_bytes())).tables
    bad = runner.invoke(main, ["brief", TOPIC, *where, "--format", "pdf"])
    assert bad.exit_code == 1 and "-o FILE" in bad.output
    bad = runner.invoke(main, ["brief", TOPIC, *where, "--since", "soon"])
    assert bad.exit_code == 1 and "ISO date" in bad.output
