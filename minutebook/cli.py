"""The `minutebook` command: one click group; user mistakes become one line and exit 1."""
from __future__ import annotations

import csv
import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from .settings import Settings, configure_runtime, load_settings

MODES = ("hybrid", "semantic", "keyword")
FACT_TYPES = ("money", "date", "person", "organisation", "decision")


def store_options(fn: Callable) -> Callable:
    """--data and --store, shared by every command that opens the store."""
    fn = click.option("--store", "store_url", metavar="URL",
                      help="postgresql://… to use the server store (default: SQLite in --data).")(fn)
    fn = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                      help="Store folder (default: $MINUTEBOOK_DATA or ./.minutebook).")(fn)
    return fn


def filter_options(fn: Callable) -> Callable:
    for name, help_text in reversed((
        ("--authority", "Only papers of this council (canonical name)."),
        ("--committee", "Only papers of this committee or decision maker."),
        ("--doc-type", "minutes, decision_notice, report, agenda_item or other."),
        ("--since", "Only papers dated on or after this ISO date."),
        ("--until", "Only papers dated on or before this ISO date."),
    )):
        fn = click.option(name, default=None, help=help_text)(fn)
    return fn


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def settings_from(data_dir: Path | None, store_url: str | None, **extra: Any) -> Settings:
    configure_runtime()
    return load_settings(data_dir=data_dir, store=store_url, **extra)


def open_store(settings: Settings):
    from search import open_store as _open

    try:
        return _open(settings.data_dir, settings.store, settings.model_cache_dir)
    except (ValueError, NotImplementedError, OSError) as exc:
        fail(f"cannot open the store: {exc}")


def make_filters(authority, committee, doc_type, since, until, fact_type=None):
    from search.model import Filters

    for label, value in (("--since", since), ("--until", until)):
        if value:
            from datetime import date

            try:
                date.fromisoformat(value)
            except ValueError:
                fail(f"{label} must be an ISO date (YYYY-MM-DD), not {value!r}")
    return Filters(authority=authority, committee=committee, doc_type=doc_type,
                   since=since, until=until, fact_type=fact_type)


def user_errors(fn: Callable) -> Callable:
    """Keyboard interrupts and bad values end with one line, not a traceback."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KeyboardInterrupt:
            fail("interrupted")
        except ValueError as exc:
            fail(str(exc))
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minutebook")
def main() -> None:
    """minutebook: key facts and search over local-government papers."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_options
@click.option("--max-bytes", type=int, default=None, help="Refuse files larger than this (default 100 MB).")
@user_errors
def ingest(paths: tuple[str, ...], data_dir: Path | None, store_url: str | None,
           max_bytes: int | None) -> None:
    """Ingest files and folders (recursively) into the store."""
    from tqdm import tqdm

    from .pipeline import FileStatus, ingest_paths

    settings = settings_from(data_dir, store_url, max_file_bytes=max_bytes)
    store = open_store(settings)

    def progress(files, total):
        return tqdm(files, total=total, unit="file", desc="ingest", disable=None, file=sys.stderr)

    def report(result) -> None:
        if result.status is FileStatus.FAILED:
            tqdm.write(f"failed: {result.error}", file=sys.stderr)

    try:
        summary = ingest_paths(paths, store, settings.max_file_bytes, progress, report)
    finally:
        store.close()
    new, same, bad = (summary.count(s) for s in (FileStatus.NEW, FileStatus.UNCHANGED, FileStatus.FAILED))
    total = len(summary.results)
    click.echo(f"{total} files: {new} new, {same} unchanged, {bad} failed")
    facts = summary.facts_by_kind()
    if facts:
        click.echo("facts added: " + ", ".join(f"{k} {facts[k]}" for k in sorted(facts)))
    elif new == 0 and same:
        click.echo("nothing changed: every file was already stored")
    if bad:
        sys.exit(1)


@main.command(name="extract")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON (the default).")
@user_errors
def extract_cmd(path: Path, as_json: bool) -> None:
    """Read one file and print its metadata and facts; touches no store."""
    configure_runtime()
    from extract.pipeline import extract
    from ingest import IngestError, read_document

    settings = load_settings()
    try:
        document = read_document(path, max_bytes=settings.max_file_bytes)
    except IngestError as exc:
        fail(str(exc))
    click.echo(json.dumps(extract(document).to_dict(str(path)), indent=2, ensure_ascii=False))


@main.command()
@click.argument("query")
@store_options
@filter_options
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True)
@click.option("-k", "--limit", "limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--fact-type", type=click.Choice(FACT_TYPES), default=None,
              help="Only papers holding at least one fact of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@user_errors
def search(query: str, data_dir, store_url, authority, committee, doc_type, since, until,
           mode: str, limit: int, fact_type: str | None, as_json: bool) -> None:
    """Ranked passages with document, page, snippet and score."""
    from search.model import Mode, SearchQuery

    if not query.strip():
        fail("the query is empty")
    settings = settings_from(data_dir, store_url)
    filters = make_filters(authority, committee, doc_type, since, until, fact_type)
    store = open_store(settings)
    try:
        response = store.search(SearchQuery(text=query, mode=Mode(mode), limit=limit, filters=filters))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(response.to_dict(), indent=2, ensure_ascii=False))
        return
    if not response.results:
        click.echo("no relevant matches" + (" (only weak matches were found)" if response.weak else ""))
        return
    for r in response.results:
        click.echo(f"{r.rank}. [{r.score:.3f}] {r.title or r.source} — {r.authority or 'unknown authority'}, "
                   f"{r.date or 'undated'} ({r.doc_type})")
        click.echo(f"   {r.source} p.{r.page} ¶{r.paragraph}")
        click.echo(f"   {' '.join(r.text.split())[:300]}")


@main.command()
@store_options
@filter_options
@click.option("--type", "fact_type", type=click.Choice(FACT_TYPES), default=None)
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many facts.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@user_errors
def facts(data_dir, store_url, authority, committee, doc_type, since, until, fact_type,
          limit, as_json: bool, as_csv: bool) -> None:
    """The structured records across the corpus."""
    if as_json and as_csv:
        fail("choose one of --json and --csv")
    settings = settings_from(data_dir, store_url)
    filters = make_filters(authority, committee, doc_type, since, until)
    store = open_store(settings)
    try:
        rows = [{"document_id": doc_id, **fact.to_dict()}
                for doc_id, fact in store.facts(kind=fact_type, filters=filters, limit=limit)]
    finally:
        store.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if as_csv:
        flat = [{k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in row.items()} for row in rows]
        columns = sorted({k for row in flat for k in row}, key=lambda c: (c not in ("type", "document_id", "text"), c))
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(flat)
        return
    for row in rows:
        detail = {k: v for k, v in row.items() if k not in ("type", "document_id", "text", "location", "extractor") and v not in (None, False)}
        loc = row.get("location") or {}
        click.echo(f"{row['type']:<12} {row['text'][:60]!r:<64} {json.dumps(detail, ensure_ascii=False)[:120]} "
                   f"[{row['document_id'][:10]} p.{loc.get('page')} ¶{loc.get('paragraph')}]")


@main.command(name="evaluate-search")
@store_options
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, path_type=Path),
              default=Path("corpus"), show_default=True,
              help="Papers to ingest into a temporary store when --data and --store are not given.")
@click.option("--queries", "queries_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Judged queries (default: search/eval/queries.json).")
@click.option("-k", "k", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@user_errors
def evaluate_search(data_dir, store_url, corpus_dir: Path, queries_file, k: int,
                    as_json: bool) -> None:
    """nDCG@k, MRR and recall@k of keyword, semantic and hybrid search on judged queries."""
    import tempfile

    from search import relevance

    queries = relevance.load_queries(queries_file or relevance.QUERIES_FILE)
    with tempfile.TemporaryDirectory(prefix="minutebook-eval-") as scratch:
        if data_dir is None and store_url is None:
            from .pipeline import FileStatus, ingest_paths

            settings = settings_from(Path(scratch), None)
            store = open_store(settings)
            summary = ingest_paths([corpus_dir], store, settings.max_file_bytes)
            click.echo(f"ingested {summary.count(FileStatus.NEW)} papers from {corpus_dir} "
                       f"into a temporary store", err=True)
        else:
            store = open_store(settings_from(data_dir, store_url))
        try:
            report = relevance.evaluate(store.search, queries, k=k)
        finally:
            store.close()
    click.echo(json.dumps(relevance.report_dict(report), indent=2) if as_json
               else relevance.format_report(report))


@main.command()
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("../shared/eval/gold/seeds.json"), show_default=True)
@click.option("--docs", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("../shared/seeds"), show_default=True)
@click.option("--scorer", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("../shared/eval/score_extraction.py"), show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List every miss and extra.")
def evaluate(gold: Path, docs: Path, scorer: Path, verbose: bool) -> None:
    """Score `minutebook extract` against hand-labelled gold with the eval scorer."""
    import shlex
    import subprocess

    cmd = f"{shlex.quote(sys.executable)} -m minutebook extract --json {{path}}"
    argv = [sys.executable, str(scorer), "--gold", str(gold), "--docs", str(docs), "--cmd", cmd]
    sys.exit(subprocess.run(argv + (["-v"] if verbose else [])).returncode)


@main.command()
@store_options
@user_errors
def stats(data_dir, store_url) -> None:
    """Counts of documents, chunks, facts by type and authority."""
    settings = settings_from(data_dir, store_url)
    store = open_store(settings)
    try:
        counts = store.stats()
    finally:
        store.close()
    click.echo(json.dumps(counts, indent=2, ensure_ascii=False))


@main.command()
@store_options
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (gunicorn) over the one store; 1 serves from this process "
                   "(waitress).")
@click.option("--threads", type=click.IntRange(1, 64), default=None,
              help="Request threads per process (default 8 with one worker, 2 with several).")
@user_errors
def serve(data_dir, store_url, host, port, workers: int, threads: int | None) -> None:
    """The web UI and JSON API."""
    from web import serving

    settings = settings_from(data_dir, store_url, host=host, port=port)
    if workers > 1:
        try:
            import gunicorn  # noqa: F401  (not on Windows: fall back to one process)
        except ImportError:
            click.echo("gunicorn is not installed here: serving from one process instead", err=True)
            workers = 1
    app = None
    try:
        if workers > 1:
            serving.prepare_store(settings)  # each worker opens its own after the fork
        else:
            from web.app import create_app

            app = create_app(settings)
    except (ValueError, NotImplementedError, OSError) as exc:
        fail(f"cannot open the store: {exc}")
    where = settings.data_dir if not settings.store else _store_label(settings.store)
    click.echo(f"minutebook serving {where} at http://{settings.host}:{settings.port}/ "
               f"(API at /api/v1/, {workers} worker{'s' if workers > 1 else ''}, Ctrl+C to stop)")
    if app is None:
        serving.serve_workers(settings, workers, threads or 2)
    else:
        serving.serve_threads(app, settings, threads or 8)


def _store_label(url: str) -> str:
    """The store's URL without its password, for messages."""
    if url.startswith(("postgresql://", "postgres://")):
        from search.pg_store import describe

        return f"PostgreSQL ({describe(url)})"
    return url


@main.command()
@click.option("--from", "source", required=True, metavar="sqlite:DIR",
              help="The store to copy: sqlite:DIR (the folder given to --data).")
@click.option("--to", "target", required=True, metavar="URL",
              help="The PostgreSQL store to copy into: postgresql://…")
@user_errors
def migrate(source: str, target: str) -> None:
    """Copy a SQLite store into a PostgreSQL store, then check every document reads back the same."""
    from search import StoreUnavailable
    from search.pg_store import PgStore
    from search.sqlite_store import SqliteStore
    from search.transfer import copy_store

    configure_runtime()
    if not source.startswith("sqlite:") or source == "sqlite:":
        fail(f"--from must be sqlite:DIR, not {source!r}")
    folder = Path(source.removeprefix("sqlite:"))
    if not (folder / "minutebook.sqlite3").is_file():
        fail(f"no minutebook store in {folder} (expected {folder / 'minutebook.sqlite3'})")
    if not target.startswith(("postgresql://", "postgres://")):
        fail(f"--to must be a postgresql:// URL, not {target!r}")
    try:
        into = PgStore(target)
    except StoreUnavailable as exc:
        fail(f"cannot open the store: {exc}")
    origin = SqliteStore(folder)
    try:
        report = copy_store(origin, into)
    finally:
        origin.close()
        into.close()
    click.echo(report.line())
    if report.mismatched:
        for document_id in report.mismatched:
            click.echo(f"differs after copying: {document_id}", err=True)
        sys.exit(1)


@main.command(name="brief")
@click.argument("topic")
@store_options
@click.option("--authority", default=None, help="Only papers of this council (canonical name).")
@click.option("--since", default=None, help="Only papers dated on or after this ISO date.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf", "docx"]), default="md",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the note to this file (needed for pdf and docx; default: print it).")
@click.option("--base-url", default="", help="Prefix for links to papers (e.g. http://127.0.0.1:8000).")
@user_errors
def brief_cmd(topic: str, data_dir, store_url, authority, since, fmt: str, output: Path | None,
              base_url: str) -> None:
    """A briefing note on a topic, every statement cited to its paper and paragraph."""
    from brief import compose_briefing, render

    if not topic.strip():
        fail("the topic is empty")
    if fmt in ("pdf", "docx") and output is None:
        fail(f"--format {fmt} writes a binary file: name it with -o FILE")
    settings = settings_from(data_dir, store_url)
    make_filters(authority, None, None, since, None)  # checks --since
    store = open_store(settings)
    try:
        briefing = compose_briefing(store, topic, authority=authority, since=since)
    finally:
        store.close()
    data = render(briefing, fmt, base_url)
    if output is None:
        click.echo(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({len(briefing.sources)} sources)", err=True)
    if not briefing.enough and output is not None:
        click.echo(briefing.message, err=True)

if __name__ == "__main__":
    main()
