-- How many chunks hold each indexed term (FTS5's own doclists, counted on read): hybrid search
-- leaves the commonest query words to the semantic ranker (search/engine.py, distinctive_terms).
CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row');
