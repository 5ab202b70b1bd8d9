-- The assistant's knowledge (docs/rag-index.md, docs/golden-set.md): the documents the reindex job builds rag-index
-- versions from, the golden set that gates them, and the reviewers' decisions on production answers.

CREATE TABLE mlops.rag_document (
    name        text        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._-]{1,200}$'),
    content     bytea       NOT NULL,
    sha256      char(64)    NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes  integer     NOT NULL CHECK (size_bytes > 0),
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL
);
COMMENT ON TABLE mlops.rag_document IS 'The knowledge base: one current UTF-8 text per name, checked on upload; the reindex job reads it.';

CREATE TABLE mlops.golden_item (
    id              bigserial   PRIMARY KEY,
    question_sha256 char(64)    NOT NULL UNIQUE,
    question        text        NOT NULL,
    answer          text        NOT NULL,
    expected        text        NOT NULL,
    origin          text        NOT NULL CHECK (origin IN ('faq', 'feedback')),
    answer_id       uuid        UNIQUE,
    created_at      timestamptz NOT NULL
);
COMMENT ON TABLE mlops.golden_item IS 'Golden questions: reference answer and expected spans (JSON text [{document,start,end}]); from the FAQ or reviewed answers.';

CREATE TABLE mlops.answer_review (
    answer_id   uuid        PRIMARY KEY,
    approved    boolean     NOT NULL,
    note        text,
    reviewer    text        NOT NULL,
    reviewed_at timestamptz NOT NULL
);
COMMENT ON TABLE mlops.answer_review IS 'A reviewer''s latest decision on a production answer (inference.interaction); approved, highly rated answers join the golden set.';
