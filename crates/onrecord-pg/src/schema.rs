//! The PostgreSQL schema, as numbered migration steps (the SQLite store's record, in
//! PostgreSQL's types: `date` days, `jsonb` spans and parties, `tsvector` columns for words).
//!
//! Step `i` (1-based) of [`MIGRATIONS`] brings a database from version `i - 1` to `i`
//! (table `onrecord_schema`). Steps run under a session advisory lock, each in its own
//! transaction with the version bump, so that workers starting at once apply every step
//! exactly once. Never edit a released step: add a new one.

use postgres::{Client, Transaction};

use crate::words::Words;
use crate::{Error, Result};

/// The schema version this binary reads and writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The advisory lock key of migrations ("onrc").
const MIGRATION_LOCK: i64 = 0x6f6e_7263;

/// Work a migration step does in this binary, inside its transaction.
type Fill = fn(&mut Transaction) -> Result<(), postgres::Error>;

/// One migration step: SQL, then (if any) work done by this binary, then more SQL.
struct Step {
    sql: &'static str,
    fill: Option<Fill>,
    then: &'static str,
}

impl Step {
    const fn sql(sql: &'static str) -> Step {
        Step {
            sql,
            fill: None,
            then: "",
        }
    }
}

const MIGRATIONS: &[Step] = &[
    // 1: the record as of SQLite schema step 10 (articles with versions, speakers and their
    // spellings, statements, figures, events). Words: `words_stemmed` holds word stems
    // (Snowball English, no stop words, so that every word can be searched, as in SQLite),
    // `words_forms` the words as written, for prefixes (`negotiat*`).
    Step::sql(
        r#"
    CREATE TEXT SEARCH DICTIONARY onrecord_stem (TEMPLATE = snowball, Language = english);
    CREATE TEXT SEARCH CONFIGURATION onrecord_stemmed (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION onrecord_stemmed
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword,
                          hword_asciipart, hword_part, hword_numpart
        WITH onrecord_stem;

    CREATE TABLE articles (
        id                   BIGSERIAL PRIMARY KEY,
        fingerprint          TEXT NOT NULL UNIQUE,
        external_id          TEXT NOT NULL,
        title                TEXT,
        outlet               TEXT,
        outlet_folded        TEXT,
        url                  TEXT,
        published            DATE,
        published_confidence REAL,
        text                 TEXT NOT NULL,
        origin               TEXT NOT NULL,
        origin_line          BIGINT,
        bylines              JSONB,
        modified             TEXT,
        language             TEXT,
        page                 JSONB,
        version              INTEGER NOT NULL DEFAULT 1,
        superseded_by        BIGINT REFERENCES articles(id) ON DELETE SET NULL,
        ingested_at          TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX articles_outlet ON articles(outlet_folded);
    CREATE INDEX articles_external_id ON articles(external_id);
    CREATE INDEX articles_superseded ON articles(superseded_by) WHERE superseded_by IS NOT NULL;

    CREATE TABLE speakers (
        id              BIGSERIAL PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,
        surname         TEXT NOT NULL,
        words           INTEGER NOT NULL,
        name            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('person', 'body')),
        role            TEXT,
        role_day        DATE,
        affiliation     TEXT,
        affiliation_day DATE
    );
    CREATE INDEX speakers_surname ON speakers(surname, words);

    CREATE TABLE speaker_variants (
        speaker BIGINT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        variant TEXT NOT NULL,
        folded  TEXT NOT NULL,
        count   BIGINT NOT NULL,
        named   BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (speaker, variant)
    );
    CREATE INDEX speaker_variants_folded ON speaker_variants(folded);

    CREATE TABLE statements (
        id                 BIGSERIAL PRIMARY KEY,
        article            BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position           INTEGER NOT NULL,
        speaker            BIGINT REFERENCES speakers(id),
        kind               TEXT NOT NULL,
        content            TEXT NOT NULL,
        content_folded     TEXT NOT NULL,
        content_spans      JSONB NOT NULL,
        cue                TEXT,
        source             TEXT,
        audience           TEXT,
        day                DATE,
        day_from           TEXT,
        effective_day      DATE,
        restates           INTEGER,
        speaker_via        TEXT,
        speaker_confidence REAL,
        words_stemmed      TSVECTOR GENERATED ALWAYS AS
                               (to_tsvector('onrecord_stemmed', content_folded)) STORED,
        words_forms        TSVECTOR GENERATED ALWAYS AS
                               (to_tsvector('simple', content_folded)) STORED,
        UNIQUE (article, position)
    );
    CREATE INDEX statements_speaker ON statements(speaker, effective_day);
    CREATE INDEX statements_day ON statements(effective_day, article, position);
    CREATE INDEX statements_stemmed ON statements USING GIN (words_stemmed);
    CREATE INDEX statements_forms ON statements USING GIN (words_forms);

    CREATE TABLE figures (
        id             BIGSERIAL PRIMARY KEY,
        article        BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        text           TEXT NOT NULL,
        span           JSONB NOT NULL,
        value          DOUBLE PRECISION NOT NULL,
        value_high     DOUBLE PRECISION,
        unit           TEXT NOT NULL,
        bound          TEXT NOT NULL,
        subject        TEXT,
        subject_folded TEXT,
        source         TEXT,
        speaker        BIGINT REFERENCES speakers(id),
        statement      INTEGER,
        day            DATE,
        effective_day  DATE,
        UNIQUE (article, position)
    );
    CREATE INDEX figures_speaker ON figures(speaker, effective_day);
    CREATE INDEX figures_unit ON figures(unit, effective_day);

    CREATE TABLE events (
        id             BIGSERIAL PRIMARY KEY,
        article        BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        type           TEXT NOT NULL,
        mode           TEXT,
        context        TEXT,
        trigger        TEXT NOT NULL,
        span           JSONB NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end   INTEGER NOT NULL,
        actors         JSONB NOT NULL,
        recipients     JSONB NOT NULL,
        actor_keys     TEXT NOT NULL,
        recipient_keys TEXT NOT NULL,
        location       JSONB,
        standing       TEXT NOT NULL,
        speaker        BIGINT REFERENCES speakers(id),
        statement      INTEGER,
        day            DATE,
        effective_day  DATE,
        UNIQUE (article, position)
    );
    CREATE INDEX events_type ON events(type, effective_day);
    CREATE INDEX events_speaker ON events(speaker, effective_day);
    "#,
    ),
    // 2: the keys of the server's day orders (`serve_read.rs`: undated statements last in
    // both, then by id), so that a page of the newest or oldest statements is read from an
    // index, not sorted from every row. Scanned backwards for newest first.
    Step::sql(
        r#"
    CREATE INDEX statements_newest
        ON statements ((coalesce(effective_day, '-infinity'::date)), id);
    CREATE INDEX statements_oldest
        ON statements ((coalesce(effective_day, 'infinity'::date)), id);
    "#,
    ),
    // 3: one words vector, built by the writer (`words.rs`): the words as written and their
    // stems where they differ, marked, in one `tsvector` with one GIN index, instead of two
    // vectors the server computed and indexed on every insert (most of an ingest's server
    // time). `stems`, not indexed, is what ranking reads (the former stemmed vector).
    // Existing statements are filled in here.
    Step {
        sql: r#"
    DROP INDEX statements_stemmed;
    DROP INDEX statements_forms;
    ALTER TABLE statements DROP COLUMN words_stemmed, DROP COLUMN words_forms,
                           ADD COLUMN words TSVECTOR, ADD COLUMN stems TSVECTOR;
    "#,
        fill: Some(fill_words),
        then: r#"
    ALTER TABLE statements ALTER COLUMN words SET NOT NULL, ALTER COLUMN stems SET NOT NULL;
    CREATE INDEX statements_words ON statements USING GIN (words);
    "#,
    },
    // 4: crawl state, as SQLite schema step 6 keeps it (`crawl.rs`): the watched sources
    // and their last poll, what each listed, and per page its validators and current
    // article; times as `timestamptz` to the second. New here: a lease per source (the
    // worker polling it and until when), so that many workers share one watch list, and
    // the workers themselves with their heartbeats and last errors.
    Step::sql(
        r#"
    CREATE TABLE sources (
        id            BIGSERIAL PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        kind          TEXT CHECK (kind IN ('feed', 'sitemap', 'page')),
        watched       BOOLEAN NOT NULL DEFAULT false,
        parent        BIGINT REFERENCES sources(id) ON DELETE CASCADE,
        added_at      TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now()),
        every         BIGINT,
        etag          TEXT,
        last_modified TEXT,
        last_polled   TIMESTAMPTZ,
        last_status   INTEGER,
        last_error    TEXT,
        next_poll     TIMESTAMPTZ,
        lease_holder  TEXT,
        lease_until   TIMESTAMPTZ
    );
    CREATE INDEX sources_parent ON sources(parent) WHERE parent IS NOT NULL;
    CREATE INDEX sources_due ON sources(next_poll) WHERE watched;

    CREATE TABLE source_entries (
        source     BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        url        TEXT NOT NULL,
        first_seen TIMESTAMPTZ NOT NULL,
        last_seen  TIMESTAMPTZ NOT NULL,
        published  TIMESTAMPTZ,
        updated    TIMESTAMPTZ,
        stored     BOOLEAN NOT NULL DEFAULT false,
        refetch    BOOLEAN NOT NULL DEFAULT false,
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        PRIMARY KEY (source, url)
    );
    CREATE INDEX source_entries_url ON source_entries(url);

    CREATE TABLE pages (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        last_fetched  TIMESTAMPTZ,
        last_status   INTEGER,
        last_error    TEXT,
        article       BIGINT REFERENCES articles(id) ON DELETE SET NULL
    );

    -- The ingest and watch processes writing this record (`workers.rs`), for `status`.
    CREATE TABLE workers (
        id            TEXT PRIMARY KEY,            -- host:pid:start
        command       TEXT NOT NULL,               -- ingest, watch
        started       TIMESTAMPTZ NOT NULL DEFAULT now(),
        heartbeat     TIMESTAMPTZ NOT NULL DEFAULT now(),
        doing         TEXT,                        -- what it works on now
        stopped       TIMESTAMPTZ,                 -- set on a clean exit
        errors        BIGINT NOT NULL DEFAULT 0,
        last_error    TEXT,
        last_error_at TIMESTAMPTZ
    );
    "#,
    ),
];

/// The words vector of every statement (step 3), a slice of rows at a time.
fn fill_words(tx: &mut Transaction) -> Result<(), postgres::Error> {
    let mut after = 0_i64;
    loop {
        let rows = tx.query(
            "SELECT id, content_folded FROM statements WHERE id > $1 ORDER BY id LIMIT 5000",
            &[&after],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.get(0);
        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        let (words, stems): (Vec<Words>, Vec<Words>) =
            rows.iter().map(|r| Words::both(r.get(1))).unzip();
        tx.execute(
            "UPDATE statements s SET words = t.w, stems = t.st
             FROM unnest($1::int8[], $2::tsvector[], $3::tsvector[]) AS t(id, w, st)
             WHERE s.id = t.id",
            &[&ids, &words, &stems],
        )?;
    }
}

/// Bring the database up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(client: &mut Client, target: &str) -> Result<()> {
    // The lock first: two sessions creating the same table at once may both fail.
    client.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])?;
    let result = client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS onrecord_schema (
                 version    INTEGER NOT NULL,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .map_err(Error::from)
        .and_then(|()| apply(client, target));
    client.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])?;
    result
}

fn apply(client: &mut Client, target: &str) -> Result<()> {
    loop {
        // Read under the lock: another worker may have just migrated.
        let found = version(client)?;
        if found > SCHEMA_VERSION {
            return Err(Error::TooNew {
                target: target.to_string(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let next = found + 1;
        let err = |source| Error::Migration {
            target: target.to_string(),
            version: next,
            source,
        };
        let step = &MIGRATIONS[found as usize];
        let mut tx = client.transaction().map_err(err)?;
        tx.batch_execute(step.sql).map_err(err)?;
        if let Some(fill) = step.fill {
            fill(&mut tx).map_err(err)?;
            tx.batch_execute(step.then).map_err(err)?;
        }
        tx.execute(
            "INSERT INTO onrecord_schema (version) VALUES ($1)",
            &[&next],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
    }
}

/// The version the database is at (0: no onrecord tables yet).
pub(crate) fn version(client: &mut Client) -> Result<i32> {
    let row = client.query_one("SELECT coalesce(max(version), 0) FROM onrecord_schema", &[])?;
    Ok(row.get(0))
}

#[cfg(test)]
mod tests {
    use onrecord_store::StatementQuery;

    use super::*;
    use crate::scratch::ScratchDb;
    use crate::PgStore;

    /// A database made by schema version 2 (the server computed two vectors) is migrated to
    /// one words vector: its statements are found as before, by stem, prefix and phrase.
    #[test]
    fn version_2_statements_get_the_words_vector_and_are_found_as_before() {
        let Some(db) = ScratchDb::create() else {
            return;
        };
        let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
        client
            .batch_execute("CREATE TABLE onrecord_schema (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            .unwrap();
        for (i, step) in MIGRATIONS[..2].iter().enumerate() {
            client.batch_execute(step.sql).unwrap();
            client
                .execute(
                    "INSERT INTO onrecord_schema (version) VALUES ($1)",
                    &[&(i as i32 + 1)],
                )
                .unwrap();
        }
        // Invented statements, stored as version 2 stored them (the vectors generated).
        client
            .batch_execute(
                "INSERT INTO articles (fingerprint, external_id, text, origin, published)
                 VALUES ('f1', 'brenn-1', 'text', 'brenn-1.txt', '2032-04-01');
                 INSERT INTO statements (article, position, kind, content, content_folded,
                                         content_spans, effective_day)
                 VALUES (1, 0, 'direct', 'x', 'the ferry talks resumed in tolvik', '[]',
                         '2032-04-01'),
                        (1, 1, 'direct', 'x', 'we are negotiating a new timetable', '[]',
                         '2032-04-01'),
                        (1, 2, 'direct', 'x', 'nothing to say', '[]', '2032-04-01');",
            )
            .unwrap();
        drop(client);

        let mut store = PgStore::connect(db.url()).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let filled: i64 = store
            .client
            .query_one(
                "SELECT count(*) FROM statements
                 WHERE stems = to_tsvector('onrecord_stemmed', content_folded)",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(filled, 3);
        let found = |store: &mut PgStore, words: &str| -> Vec<usize> {
            let q = StatementQuery {
                words: Some(words.into()),
                ..Default::default()
            };
            store
                .statements(&q)
                .unwrap()
                .iter()
                .map(|r| r.position)
                .collect()
        };
        assert_eq!(found(&mut store, "talk"), vec![0]);
        assert_eq!(found(&mut store, "negotiat*"), vec![1]);
        assert_eq!(found(&mut store, "negotiate"), vec![1]);
        assert_eq!(found(&mut store, "\"talks resume\""), vec![0]);
        assert_eq!(found(&mut store, "\"resume talks\""), Vec::<usize>::new());
        assert_eq!(found(&mut store, "new timetabl*"), vec![1]);
        let vector: String = store
            .client
            .query_one("SELECT words::text FROM statements WHERE position = 0", &[])
            .unwrap()
            .get(0);
        assert_eq!(
            vector,
            "'ferry':2 'in':5 'resumed':4 'talks':3 'the':1 'tolvik':6 '~ferri':2 '~resum':4 '~talk':3"
        );
    }
}
