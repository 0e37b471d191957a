-- One row a run of the pipeline, one row a file it was given.
-- status: 'running' while its process (pid) works; 'ok' or 'failures' (some files failed) once it finished,
-- the two complete states readers take; 'aborted' when it stopped part-way (error says why).
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  version TEXT NOT NULL,
  command TEXT NOT NULL,
  options TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'running',
  pid INTEGER,
  error TEXT
);

CREATE TABLE IF NOT EXISTS run_files (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  path TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'unchanged', 'failed')),
  doc_id TEXT,
  reason TEXT,
  PRIMARY KEY (run_id, path)
);

CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  lang TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT,
  symbols TEXT NOT NULL,
  date TEXT,
  country TEXT,
  page_count INTEGER,
  text TEXT NOT NULL,
  first_run_id INTEGER NOT NULL REFERENCES runs(id)
);

CREATE TABLE IF NOT EXISTS blocks (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  level INTEGER,
  number TEXT,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  parts TEXT NOT NULL,
  rows TEXT,
  topics TEXT,
  PRIMARY KEY (doc_id, seq)
);

-- The needs each run found, one row a need of a document; `counted` marks the version of a country's
-- summary whose needs count (one country counts once).
CREATE TABLE IF NOT EXISTS needs (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  doc_id TEXT NOT NULL REFERENCES documents(id),
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  country TEXT,
  country_code TEXT,
  region TEXT,
  chapter TEXT NOT NULL,
  article INTEGER,
  category TEXT NOT NULL,
  confidence REAL NOT NULL,
  cues TEXT NOT NULL,
  text TEXT NOT NULL,
  block INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  counted INTEGER NOT NULL DEFAULT 0,
  -- What analysts' corrections changed in this record: {field: {from, to, who, at}}, and who accepted it.
  review TEXT,
  PRIMARY KEY (run_id, doc_id, id)
);

-- The summaries of each run, with or without needs, so that a country with no need still counts as reviewed.
CREATE TABLE IF NOT EXISTS run_summaries (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  doc_id TEXT NOT NULL REFERENCES documents(id),
  country TEXT,
  region TEXT,
  counted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, doc_id)
);

-- Analysts' corrections, kept across runs and applied to every later run: one row a decision on one need
-- (by its stable id). field: article ("II-general" style for a general need), category or country (a State's
-- code); '' with action 'accept' (not NULL, so that the same decision imported twice is kept once).
-- The latest decision on a need's field wins.
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY,
  need_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('accept', 'correct')),
  field TEXT NOT NULL CHECK (field IN ('', 'article', 'category', 'country')),
  value TEXT NOT NULL,
  who TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (need_id, action, field, value, who, at)
);

-- The optional second reader (pipeline/llm/). It only adds these tables: the rules' records above never change.
-- Every answer of the model, by (prompt hash, model, input hash), so that a re-run asks nothing and gives the
-- same records; status 'dropped' keeps an answer that stayed invalid after one repair.
CREATE TABLE IF NOT EXISTS llm_answers (
  prompt_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  input_hash TEXT NOT NULL,
  task TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'dropped')),
  answer TEXT,
  PRIMARY KEY (prompt_hash, model, input_hash)
);

-- The second reader's coding of each need (code-need) and where it disagrees with the rules, for the review
-- queue. disagrees: JSON list of the fields that differ (category, article, notANeed).
CREATE TABLE IF NOT EXISTS second_reads (
  need_id TEXT NOT NULL,
  prompt_hash TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  model TEXT NOT NULL,
  category TEXT NOT NULL,
  article INTEGER,
  chapter TEXT NOT NULL,
  not_a_need INTEGER NOT NULL,
  reason TEXT NOT NULL,
  disagrees TEXT NOT NULL,
  PRIMARY KEY (need_id, prompt_hash)
);

-- Needs the second reader found in prose the rules took as one item (extract-needs), each quote located in the
-- document's normalised text.
CREATE TABLE IF NOT EXISTS second_read_quotes (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  doc_id TEXT NOT NULL,
  block INTEGER NOT NULL,
  prompt_hash TEXT NOT NULL,
  seq INTEGER NOT NULL,
  quote TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  PRIMARY KEY (run_id, doc_id, block, prompt_hash, seq)
);

-- A country's needs in its Chinese and English summaries paired by the second reader (align-versions): one row
-- a need, with its counterpart in the other version, or NULL where that version has none.
CREATE TABLE IF NOT EXISTS second_read_pairs (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  prompt_hash TEXT NOT NULL,
  country TEXT NOT NULL,
  need_id TEXT NOT NULL,
  counterpart TEXT,
  PRIMARY KEY (run_id, prompt_hash, need_id)
);
