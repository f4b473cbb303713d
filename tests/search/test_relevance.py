"""The evaluation command on the judged queries whose papers are in the session store."""
import json

from click.testing import CliRunner

from minutebook.cli import main
from search import relevance

IN_TEST_STORE = ("corpus/0", "corpus/limerick/", "corpus/trafford/")


def test_evaluate_search_prints_the_three_figures_for_each_mode(corpus_store, tmp_path):
    store, _ = corpus_store
    data = json.loads(relevance.QUERIES_FILE.read_text())
    # queries whose every graded paper is in the test store (pages judged 0 elsewhere earn nothing)
    subset = [q for q in data["queries"]
              if all(j["source"].startswith(IN_TEST_STORE) for j in q["judgements"] if j["grade"])]
    assert len(subset) >= 8
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps({"queries": subset}))

    where = (["--store", store.url] if getattr(store, "url", None)
             else ["--data", str(store.data_dir)])
    result = CliRunner().invoke(main, ["evaluate-search", *where, "--queries", str(queries)])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["queries", "mode", "n", "nDCG@10", "MRR", "recall@10"]
    rows = {(cells[0], cells[1]): [float(c) for c in cells[3:]]
            for cells in (line.split() for line in lines[1:10])}
    assert {mode for _, mode in rows} == {"keyword", "semantic", "hybrid"}
    assert all(0.0 <= v <= 1.0 for figures in rows.values() for v in figures)
    assert rows[("all", "hybrid")][0] >= 0.8
    assert all("no results, weak=True" in line for line in lines[10:13])


def test_a_judged_page_earns_its_grade_once():
    from search.model import SearchResult

    def hit(source, page):
        return SearchResult(rank=1, score=1.0, document_id="d", source=source, title=None,
                            doc_type=None, authority=None, date=None, page=page, paragraph=1,
                            text="", snippet="")

    judged = (relevance.Judgement("corpus/a.pdf", 3, (2,)), relevance.Judgement("corpus/b.md", 1))
    found = relevance.gains([hit("/x/corpus/a.pdf", 1), hit("/x/corpus/a.pdf", 2),
                             hit("/x/corpus/a.pdf", 2), hit("corpus/b.md", 5)], judged)
    assert found == [0, 3, 0, 1]
    assert relevance.reciprocal_rank(found) == 0.5
    assert relevance.recall_at(found, judged, 10) == 1.0
    assert 0.0 < relevance.ndcg_at(found, judged, 10) < 1.0
