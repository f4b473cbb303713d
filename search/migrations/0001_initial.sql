-- minutebook store schema, version 1.
-- Offsets (start_char, end_char) are character positions in documents.text.

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,          -- SHA-256 of the file's bytes
    source        TEXT NOT NULL,
    format        TEXT NOT NULL,
    pages         INTEGER NOT NULL,
    size_bytes    INTEGER NOT NULL,
    title         TEXT,
    doc_type      TEXT NOT NULL DEFAULT 'other',
    authority     TEXT,
    committee     TEXT,
    meeting_date  TEXT,
    decision_date TEXT,
    author        TEXT,
    ingested_at   TEXT NOT NULL,
    properties    TEXT NOT NULL DEFAULT '{}', -- JSON: format metadata as found
    text          TEXT NOT NULL
);
CREATE INDEX documents_authority ON documents (authority COLLATE NOCASE);
CREATE INDEX documents_doc_type ON documents (doc_type);
CREATE INDEX documents_date ON documents (COALESCE(meeting_date, decision_date, ''), id);

CREATE TABLE blocks (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    page         INTEGER NOT NULL,
    paragraph    INTEGER NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    level        INTEGER,
    table_header TEXT,
    text         TEXT NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE chunks (
    id            INTEGER PRIMARY KEY,       -- also the FTS rowid and the FAISS id
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    heading       TEXT,
    context       TEXT,                      -- e.g. a table's header row, kept elsewhere in the paper
    text          TEXT NOT NULL,
    page          INTEGER NOT NULL,
    page_end      INTEGER NOT NULL,
    paragraph     INTEGER NOT NULL,
    paragraph_end INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text_hash     TEXT NOT NULL,             -- SHA-256 of what was embedded, to reuse embeddings
    embedding     BLOB,                      -- float32, L2-normalised
    UNIQUE (document_id, ordinal)
);
CREATE INDEX chunks_text_hash ON chunks (text_hash);

-- Keyword index. rowid = chunks.id; bm25() weights title and heading above the body.
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    title, heading, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,               -- JSON of Fact.to_dict()
    page        INTEGER,
    paragraph   INTEGER,
    start_char  INTEGER,
    end_char    INTEGER,
    amount      REAL,                        -- money
    value       TEXT,                        -- date: ISO value
    name        TEXT,                        -- person, organisation
    role        TEXT,                        -- date role, person role
    outcome     TEXT,                        -- decision
    UNIQUE (document_id, ordinal)
);
CREATE INDEX facts_kind ON facts (kind, document_id);
CREATE INDEX facts_name ON facts (name COLLATE NOCASE);

-- Counters other processes compare to know their caches are stale.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('generation', '0');
