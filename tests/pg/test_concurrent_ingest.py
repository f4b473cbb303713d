"""Several processes ingesting the same files into one database at once store each paper once."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from minutebook.pipeline import FileStatus, ingest_paths
from search import open_store

WRITERS = 4


def _summary(stdout: str) -> tuple[int, int, int]:
    m = re.search(r"(\d+) files: (\d+) new, (\d+) unchanged, (\d+) failed", stdout)
    assert m, stdout
    return int(m.group(2)), int(m.group(3)), int(m.group(4))


def test_four_ingest_processes_at_once_store_each_document_once(new_database, few_files, tmp_path):
    shared, alone = new_database(), new_database()
    open_store(Path("unused"), shared).close()  # schema in place, so the writers race on papers
    command = [sys.executable, "-m", "minutebook.cli", "ingest", "--store", shared,
               *map(str, few_files)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}  # four processes share the cores: no oversubscribing
    writers = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(WRITERS)]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (out, err) in zip(writers, outputs):
        assert writer.returncode == 0, err[-2000:]
    summaries = [_summary(out) for out, _ in outputs]
    # every paper was new to exactly one writer; the others found it stored
    assert sum(new for new, _, _ in summaries) == len(few_files)
    assert sum(same for _, same, _ in summaries) == len(few_files) * (WRITERS - 1)
    assert all(failed == 0 for _, _, failed in summaries)

    reference = open_store(Path("unused"), alone)
    result = ingest_paths(few_files, reference, max_bytes=10**8)
    assert result.count(FileStatus.NEW) == len(few_files)
    together = open_store(Path("unused"), shared)
    try:
        assert together.stats() == reference.stats()
        assert together.stats()["documents"] == len(few_files)
        for document in reference.list_documents():
            ours, theirs = together.document_rows(document.id), reference.document_rows(document.id)
            assert [c.chunk for c in ours.chunks] == [c.chunk for c in theirs.chunks]
            assert (ours.blocks, ours.facts) == (theirs.blocks, theirs.facts)
    finally:
        together.close()
        reference.close()
