-- minutebook PostgreSQL store schema, version 2: the keyword vectors in a narrow table of their own.
-- The keyword query reads the tsvector of every chunk holding a query word; in `chunks` each such
-- row also carries the passage and its 1.5 KB embedding, so half the pages read were not wanted
-- (benchmarks/RESULTS.md: the keyword query of hybrid search at 100k chunks, p50 64 -> 33-44 ms).
CREATE TABLE chunk_terms (
    chunk_id    BIGINT PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
    -- the document title (weight A), the heading and table header (B), the body (D)
    search_text tsvector NOT NULL
);
INSERT INTO chunk_terms (chunk_id, search_text) SELECT id, search_text FROM chunks;
CREATE INDEX chunk_terms_search_text ON chunk_terms USING gin (search_text);
DROP INDEX IF EXISTS chunks_search_text;
ALTER TABLE chunks DROP COLUMN search_text;
