"""`minutebook migrate --from sqlite:DIR --to postgresql://…` copies a store and checks the copy."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from minutebook.cli import main
from search import open_store
from search.model import Mode, SearchQuery


def test_migrate_copies_every_document_and_checks_it(tmp_path, new_database, few_papers):
    source_dir, url = tmp_path / "sqlite", new_database()
    source = open_store(source_dir)
    for _, document, extraction in few_papers:
        source.add(document, extraction)
    expected = source.stats()
    runner = CliRunner()

    first = runner.invoke(main, ["migrate", "--from", f"sqlite:{source_dir}", "--to", url])
    assert first.exit_code == 0, first.output
    assert first.output.strip() == (
        f"copied 3 documents, {expected['chunks']} chunks, {expected['facts']} facts "
        "(0 documents were there already); checked 3 documents, all identical")

    target = open_store(Path("unused"), url)
    try:
        assert target.stats() == expected
        for document in source.list_documents():
            assert target.document_rows(document.id) == source.document_rows(document.id)
        query = SearchQuery("planning permission conditions", mode=Mode.SEMANTIC)
        ours, theirs = target.search(query).results, source.search(query).results
        assert [(r.document_id, r.start, r.end) for r in ours] == \
            [(r.document_id, r.start, r.end) for r in theirs]
        assert [r.score for r in ours] == [r.score for r in theirs]
    finally:
        target.close()
        source.close()

    again = runner.invoke(main, ["migrate", "--from", f"sqlite:{source_dir}", "--to", url])
    assert again.exit_code == 0, again.output
    assert again.output.strip() == ("copied 0 documents, 0 chunks, 0 facts (3 documents were there "
                                    "already); checked 3 documents, all identical")


def test_migrate_refuses_what_it_cannot_copy_in_one_line(tmp_path, new_database):
    runner = CliRunner()
    cases = [
        (["--from", str(tmp_path), "--to", "postgresql://x/y"], "--from must be sqlite:DIR"),
        (["--from", f"sqlite:{tmp_path}", "--to", "postgresql://x/y"], "no minutebook store in"),
        (["--from", f"sqlite:{tmp_path}", "--to", "mysql://x/y"], None),
    ]
    open_store(tmp_path).close()  # now tmp_path holds a store, for the last case
    cases[1] = (["--from", f"sqlite:{tmp_path / 'missing'}", "--to", "postgresql://x/y"],
                "no minutebook store in")
    cases[2] = (cases[2][0], "--to must be a postgresql:// URL")
    cases.append((["--from", f"sqlite:{tmp_path}", "--to", "postgresql://nobody@127.0.0.1:1/x"],
                  "cannot open the store: cannot connect to PostgreSQL (host 127.0.0.1, database x)"))
    for args, message in cases:
        result = runner.invoke(main, ["migrate", *args])
        assert result.exit_code == 1, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
