import re

from ingest import read_document
from ingest.model import Block, BlockKind, Document
from ingest.readers.base import RawBlock, ReadResult, assemble
from ingest.model import Format
from search.chunking import MAX_WORDS, HUGE_WORDS, chunk_document, words


def test_every_chunk_slices_back_into_the_document_text(corpus_files):
    for path in corpus_files:
        document = read_document(path)
        chunks = chunk_document(document)
        assert chunks, path
        assert [c.ordinal for c in chunks] == list(range(len(chunks)))
        for chunk in chunks:
            assert document.text[chunk.start:chunk.end] == chunk.text
            assert (chunk.page, chunk.paragraph) <= (chunk.page_end, chunk.paragraph_end)


def test_a_heading_stays_with_the_text_under_it(corpus_files):
    document = read_document(corpus_files[2])  # corpus/002: "## 1. Purpose of report" then 1.1
    purpose = next(c for c in chunk_document(document) if c.heading == "1. Purpose of report")
    assert re.match(r"(## )?1\. Purpose of report\n\n1\.1 The South East Regional", purpose.text)


def _document(blocks: list[RawBlock]):
    return assemble(b"".join(b.text.encode() for b in blocks), "made.txt", Format.TEXT,
                    ReadResult(blocks=blocks, pages=2))


def test_table_rows_are_grouped_with_their_header():
    header = "Item | Budget | Spend"
    rows = [RawBlock(f"Line {i} | £{i},000 | £{i},500 " + "word " * 20, BlockKind.TABLE_ROW,
                     page=2, table_header=header) for i in range(30)]
    document = _document([RawBlock("Capital programme", BlockKind.HEADING, page=2, level=2)] + rows)
    chunks = chunk_document(document)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk.heading == "Capital programme"
        assert chunk.context == header
        assert chunk.page == 2 and words(chunk.text) <= MAX_WORDS + 30


def test_a_markdown_table_in_one_block_is_cut_at_rows_with_the_header_repeated():
    header = "| Scheme | 2025/26 |\n|---|---|"
    body = "\n".join(f"| Scheme number {i} with a long description of works | £{i},000 |"
                     for i in range(60))
    heading, table = "Capital", f"{header}\n{body}"  # a reader that keeps the table's lines
    document = Document(id="t", source="t.md", format=Format.MARKDOWN, text=f"{heading}\n\n{table}",
                        blocks=(Block(heading, BlockKind.HEADING, 1, 1, 0, 7),
                                Block(table, BlockKind.PARAGRAPH, 1, 2, 9, 9 + len(table))),
                        pages=1, size_bytes=0)
    chunks = chunk_document(document)
    assert len(chunks) > 1
    assert chunks[0].text.startswith("Capital\n\n| Scheme")
    assert all(c.context == header for c in chunks[1:])
    for c in chunks:
        assert document.text[c.start:c.end] == c.text


def test_a_huge_block_without_sentences_is_cut_into_word_windows():
    flat = " | ".join(f"Row {i} cell text" for i in range(200))
    chunks = chunk_document(_document([RawBlock(flat)]))
    assert len(chunks) >= 3 and all(words(c.text) <= MAX_WORDS for c in chunks)


def test_a_block_is_cut_only_when_it_is_huge():
    long_para = "1.1 " + " ".join(f"Sentence {i} says something about the budget." for i in range(60))
    fits = " ".join(["word"] * (HUGE_WORDS - 20))
    document = _document([RawBlock(long_para), RawBlock(fits)])
    chunks = chunk_document(document)
    assert words(long_para) > HUGE_WORDS
    assert len(chunks) >= 3
    assert chunks[-1].text == fits  # under HUGE_WORDS: kept whole
    assert all(c.text.endswith((".", "word")) for c in chunks)  # cut at sentence ends
