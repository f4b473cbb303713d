"""The whole real corpus reads without error (18-35 s on the shared 2-core machine; the Kent finance report with
many ruled tables is the slowest file)."""
from ingest import read_document


def test_every_real_paper_reads(corpus_real):
    failures = []
    files = sorted(p for p in corpus_real.rglob("*") if p.is_file())
    assert len(files) >= 78
    for path in files:
        try:
            doc = read_document(path)
        except Exception as exc:  # collect them all, so one run names every bad file
            failures.append(f"{path.name}: {exc}")
            continue
        assert all(doc.text[b.start:b.end] == b.text for b in doc.blocks), path.name
    assert failures == []
