"""The composition root end to end: ingest a batch with bad files, re-ingest, extract, search."""
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


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
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


def test_a_bad_file_is_one_line_and_the_batch_goes_on(batch):
    root, papers = batch
    code, out = run("ingest", str(papers), str(root / "missing.pdf"), "--data", str(root / "store"))
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("failed:")]
    assert sorted(Path(line.split(": ")[1]).name for line in failures) == sorted(
        ["binary.txt", "empty.txt", "missing.pdf", "not-a-zip.docx", "truncated.pdf"])
    assert "11 files: 6 new, 0 unchanged, 5 failed" in out
    code, out = run("stats", "--data", str(root / "store"))
    assert json.loads(out)["documents"] == len(GOOD)


def test_reingesting_changes_nothing_and_says_so(batch):
    root, papers = batch
    run("ingest", str(papers), "--data", str(root / "store"))
    before = run("stats", "--data", str(root / "store"))[1]
    code, out = run("ingest", *map(str, GOOD), "--data", str(root / "store"))
    assert code == 0
    assert f"{len(GOOD)} files: 0 new, {len(GOOD)} unchanged, 0 failed" in out
    assert "nothing changed" in out
    assert run("stats", "--data", str(root / "store"))[1] == before


def test_a_failing_batch_loses_nothing_already_stored(batch):
    root, papers = batch
    run("ingest", str(papers), "--data", str(root / "store"))
    before = json.loads(run("stats", "--data", str(root / "store"))[1])
    code, _ = run("ingest", str(papers / "empty.txt"), str(papers / "truncated.pdf"), "--data", str(root / "store"))
    assert code == 1
    assert json.loads(run("stats", "--data", str(root / "store"))[1]) == before


def test_search_json_puts_the_portsmouth_report_first(batch):
    root, papers = batch
    run("ingest", str(papers), "--data", str(root / "store"))
    code, out = run("search", "Portsmouth contribution to the RCC", "--json", "-k", "5", "--data", str(root / "store"))
    assert code == 0
    response = json.loads(out)
    assert response["mode"] == "hybrid"
    first = response["results"][0]
    assert first["source"].endswith("002_96ff2cac8c4be096.txt")
    assert {"rank", "score", "document_id", "title", "doc_type", "authority", "date", "page",
            "paragraph", "text", "snippet"} <= first.keys()


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
