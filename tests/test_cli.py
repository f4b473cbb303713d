"""The composition root end to end: ingest a batch with bad files, re-ingest, extract, search, on
each kind of store (SQLite in --data; PostgreSQL named by --store or MINUTEBOOK_STORE, a database of
its own on the session's server), through the real CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutebook.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOOD = [
    CORPUS / "002_96ff2cac8c4be096.txt",
    CORPUS / "004_8bc79f27482c5890.txt",
    CORPUS / "kent" / "24-00096_-_PRoD.pdf",
    CORPUS / "winnipeg" / "winnipeg_disposition_2019-03-21.docx",
    CORPUS / "modgov" / "modgov_decision_detail_reading_policy_2015-10-19.html",
    CORPUS / "norfolk-parishes" / "northwold_pc_extraordinary_minutes_2017-07-19.md",
]
STORE_KINDS = ["sqlite", "postgresql"]
# The store is named by the options (or the env a test gives), never by the shell's environment.
NO_STORE_ENV = {"MINUTEBOOK_DATA": None, "MINUTEBOOK_STORE": None}


def run(*args: str, env: dict | None = None):
    result = CliRunner(env={**NO_STORE_ENV, **(env or {})}).invoke(main, list(args),
                                                                    catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    papers = root / "papers"
    papers.mkdir()
    for f in GOOD:
        shutil.copy(f, papers / f.name)
    (papers / "empty.txt").write_bytes(b"")
    (papers / "binary.txt").write_bytes(bytes(range(256)) * 8)
    pdf = (CORPUS / "kent" / "24-00096_-_PRoD.pdf").read_bytes()
    (papers / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (papers / "not-a-zip.docx").write_bytes(b"this is not a word document")
    return root, papers


def _ingested(new_store, batch, kind):
    """(StoreSpec, exit code, output) of the first ingest of the batch into a new store."""
    root, papers = batch
    spec = new_store(kind, "cli")
    code, out = run("ingest", str(papers), str(root / "missing.pdf"), *spec.cli_args)
    return spec, code, out


@pytest.fixture(scope="module")
def sqlite_ingested(new_store, batch):
    return _ingested(new_store, batch, "sqlite")


@pytest.fixture(scope="module")
def postgresql_ingested(new_store, batch):
    return _ingested(new_store, batch, "postgresql")


@pytest.fixture(scope="module", params=STORE_KINDS)
def ingested(request):
    """The batch ingested once into a new store of each kind: SQLite, then PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_ingested")


@pytest.fixture(scope="module")
def store(ingested):
    """The CLI's options naming the store the batch went into."""
    return ingested[0]


def stats(store) -> dict:
    code, out = run("stats", *store.cli_args)
    assert code == 0, out
    return json.loads(out)


def test_a_bad_file_is_one_line_and_the_batch_goes_on(ingested):
    store, code, out = ingested
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("failed:")]
    assert sorted(Path(line.split(": ")[1]).name for line in failures) == sorted(
        ["binary.txt", "empty.txt", "missing.pdf", "not-a-zip.docx", "truncated.pdf"])
    assert "11 files: 6 new, 0 unchanged, 5 failed" in out
    assert stats(store)["documents"] == len(GOOD)


def test_reingesting_changes_nothing_and_says_so(store):
    before = stats(store)
    code, out = run("ingest", *map(str, GOOD), *store.cli_args)
    assert code == 0
    assert f"{len(GOOD)} files: 0 new, {len(GOOD)} unchanged, 0 failed" in out
    assert "nothing changed" in out
    assert stats(store) == before


def test_a_failing_batch_loses_nothing_already_stored(store, batch):
    _, papers = batch
    before = stats(store)
    code, _ = run("ingest", str(papers / "empty.txt"), str(papers / "truncated.pdf"), *store.cli_args)
    assert code == 1
    assert stats(store) == before


def test_search_json_puts_the_portsmouth_report_first(store):
    code, out = run("search", "Portsmouth contribution to the RCC", "--json", "-k", "5", *store.cli_args)
    assert code == 0
    response = json.loads(out)
    assert response["mode"] == "hybrid"
    first = response["results"][0]
    assert first["source"].endswith("002_96ff2cac8c4be096.txt")
    assert {"rank", "score", "document_id", "title", "doc_type", "authority", "date", "page",
            "paragraph", "text", "snippet"} <= first.keys()


def test_search_narrows_to_papers_holding_a_kind_of_fact(store):
    """Only papers naming a person, and every one of them names one."""
    code, out = run("search", "council", "--json", "-k", "20", "--fact-type", "person",
                    *store.cli_args)
    assert code == 0, out
    narrowed = json.loads(out)
    _, everything = run("search", "council", "--json", "-k", "20", *store.cli_args)
    assert 0 < narrowed["matched_documents"] < json.loads(everything)["matched_documents"]
    _, facts_out = run("facts", "--type", "person", "--json", *store.cli_args)
    with_people = {json.loads(line)["document_id"] for line in facts_out.splitlines() if line}
    assert {r["document_id"] for r in narrowed["results"]} <= with_people


def test_the_environment_names_the_store_as_the_options_do(store):
    """MINUTEBOOK_DATA, or MINUTEBOOK_STORE for the server store, in place of --data and --store."""
    code, out = run("stats", env=store.env)
    assert code == 0, out
    assert json.loads(out) == stats(store)


def test_a_server_store_leaves_the_data_folder_alone(postgresql_ingested):
    store = postgresql_ingested[0]
    assert not any(store.data_dir.iterdir()), sorted(store.data_dir.iterdir())


def test_a_server_store_that_does_not_answer_is_one_line(tmp_path):
    code, out = run("stats", "--data", str(tmp_path), "--store",
                    "postgresql://minutebook:secret@127.0.0.1:1/nowhere")
    assert code == 1
    assert out.strip().count("\n") == 0 and "cannot" in out and "secret" not in out


def test_both_stores_hold_the_same_records(sqlite_ingested, postgresql_ingested):
    """The same batch ingested by the CLI into each kind of store reads back the same."""
    lite, pg = sqlite_ingested[0], postgresql_ingested[0]
    assert stats(pg) == stats(lite)
    facts = [run("facts", "--json", *spec.cli_args) for spec in (lite, pg)]
    assert [code for code, _ in facts] == [0, 0]
    assert facts[1][1] == facts[0][1]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.suffix)
def test_extract_prints_the_contract_json_for_every_format(path):
    code, out = run("extract", "--json", str(path))
    assert code == 0
    data = json.loads(out)
    assert data["source"] == str(path)
    assert set(data["document"]) >= {"title", "doc_type", "authority", "committee", "meeting_date", "decision_date"}
    assert data["facts"], "every sample paper has some facts"
    for fact in data["facts"]:
        assert fact["type"] in {"money", "date", "person", "organisation", "decision"}
        assert fact["location"]["start"] <= fact["location"]["end"]


def test_user_mistakes_are_one_line(tmp_path):
    code, out = run("extract", "--json", str(tmp_path / "nope.pdf"))
    assert code == 1
    assert out.strip().count("\n") == 0 and "nope.pdf" in out
    code, out = run("search", "rcc", "--since", "last week", "--data", str(tmp_path))
    assert code == 1 and "--since" in out


def test_a_server_store_keeps_the_embedding_model_in_the_user_cache(postgresql_ingested, user_cache):
    assert list((user_cache / "minutebook" / "models").glob("*.onnx"))


def test_the_sqlite_store_keeps_the_embedding_model_in_its_folder(sqlite_ingested):
    assert list((sqlite_ingested[0].data_dir / "models").glob("*.onnx"))
