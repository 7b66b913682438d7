//! The schema, as numbered migration steps.
//!
//! Step `i` (1-based) of [`MIGRATIONS`] brings a database from `PRAGMA user_version = i - 1`
//! to `i`. Each step runs in its own `BEGIN IMMEDIATE` transaction together with the version
//! bump, so a step is applied whole or not at all, and two processes opening the same new
//! file cannot both apply it. Never edit a released step: add a new one.
//!
//! `PRAGMA application_id` marks the file as an onrecord database, so that opening some other
//! SQLite file by mistake is an error rather than a silent schema change.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// `PRAGMA application_id` of onrecord databases: "onrc".
const APPLICATION_ID: i32 = 0x6f6e_7263;

/// The schema version this binary reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const MIGRATIONS: &[&str] = &[
    // 1: articles, speakers (one row per identity), their spellings, statements.
    r#"
    CREATE TABLE articles (
        id            INTEGER PRIMARY KEY,
        fingerprint   TEXT NOT NULL UNIQUE,      -- Article::fingerprint(): idempotent ingest
        external_id   TEXT NOT NULL,             -- Article::id
        title         TEXT,
        outlet        TEXT,
        outlet_folded TEXT,                      -- fold(outlet), for --outlet
        url           TEXT,
        published     TEXT,                      -- YYYY-MM-DD
        text          TEXT NOT NULL,
        origin        TEXT NOT NULL,             -- path as given, `-` for stdin
        origin_line   INTEGER,                   -- JSONL line
        ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_outlet ON articles(outlet_folded);
    CREATE INDEX articles_external_id ON articles(external_id);

    CREATE TABLE speakers (
        id              INTEGER PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,    -- identity_key
        surname         TEXT NOT NULL,           -- last word of key
        words           INTEGER NOT NULL,        -- number of words in key
        name            TEXT NOT NULL,           -- canonical display name
        kind            TEXT NOT NULL CHECK (kind IN ('person', 'body')),
        role            TEXT,
        role_day        TEXT,                    -- publication day the role was seen on
        affiliation     TEXT,
        affiliation_day TEXT
    );
    CREATE INDEX speakers_surname ON speakers(surname, words);

    CREATE TABLE speaker_variants (
        speaker INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
        variant TEXT NOT NULL,                   -- as written
        folded  TEXT NOT NULL,                   -- fold(variant)
        count   INTEGER NOT NULL,                -- articles that used this spelling
        named   INTEGER NOT NULL DEFAULT 0,      -- … as the speaker's name (Speaker::name)
        PRIMARY KEY (speaker, variant)
    ) WITHOUT ROWID;
    CREATE INDEX speaker_variants_folded ON speaker_variants(folded);

    CREATE TABLE statements (
        id             INTEGER PRIMARY KEY,
        article        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,         -- index in Analysis::attributions
        speaker        INTEGER REFERENCES speakers(id),
        kind           TEXT NOT NULL,            -- AttributionKind::as_str
        content        TEXT NOT NULL,            -- content spans' text joined with " … "
        content_folded TEXT NOT NULL,            -- fold(content), for --text
        content_spans  TEXT NOT NULL,            -- JSON [[start, end], …] in code points
        cue            TEXT,
        source         TEXT,
        audience       TEXT,
        day            TEXT,                     -- Attribution::date, YYYY-MM-DD
        day_from       TEXT,                     -- expression | context | published
        effective_day  TEXT,                     -- day, else the article's published day
        UNIQUE (article, position)
    );
    CREATE INDEX statements_speaker ON statements(speaker, effective_day);
    CREATE INDEX statements_day ON statements(effective_day, article, position);
    "#,
    // 2: full-text search over the folded statement text (so `kalin` finds `Kalın`), kept in
    // sync by triggers; keyset-pagination indexes by effective day (unknown days last in both
    // directions).
    r#"
    CREATE VIRTUAL TABLE statements_fts USING fts5(
        content_folded,
        content = 'statements',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
    END;
    CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_folded ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
    CREATE INDEX statements_newest ON statements(coalesce(effective_day, ''), id);
    CREATE INDEX statements_oldest ON statements(coalesce(effective_day, '~'), id);
    CREATE INDEX articles_newest ON articles(coalesce(published, ''), id);
    "#,
    // 3: a publication day inferred from the text or the article's names is kept in
    // `published` like one the input gave, with its confidence here (NULL: the input's).
    r#"
    ALTER TABLE articles ADD COLUMN published_confidence REAL;
    "#,
    // 4: search matches word forms: the Porter stemmer over the same folding, so
    // "ceasefire" finds "ceasefires" and "talk" finds "talks", "talked" and "talking".
    r#"
    DROP TRIGGER statements_fts_insert;
    DROP TRIGGER statements_fts_delete;
    DROP TRIGGER statements_fts_update;
    DROP TABLE statements_fts;
    CREATE VIRTUAL TABLE statements_fts USING fts5(
        content_folded,
        content = 'statements',
        content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
    END;
    CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_folded ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
    "#,
    // 5: what web pages say about themselves: bylines (a JSON array), the modification time,
    // the language (an article not in English has no statements), and the page facts (JSON:
    // the evidence behind the dates, captions, charset, fetch time, archived record).
    r#"
    ALTER TABLE articles ADD COLUMN bylines TEXT;
    ALTER TABLE articles ADD COLUMN modified TEXT;
    ALTER TABLE articles ADD COLUMN language TEXT;
    ALTER TABLE articles ADD COLUMN page TEXT;
    "#,
    // 6: pages fetched from the web, and what is watched there.
    // Versions: a page fetched again whose text changed is a new article row with the same
    // external id (the page's URL) and the next `version`; the row it replaces points at it
    // with `superseded_by`. Queries over statements, speakers and outlets read only current
    // rows (`superseded_by IS NULL`), through the partial index, which holds only the
    // superseded ones. The full-text index holds only current statements (its content is
    // the view `current_statements`): triggers take a version's statements out when it is
    // superseded and put them back when it is current again, so a search by words needs
    // no check of versions at all. (An article is deleted only by hand; a superseded one's
    // statements are put back just before, so that the cascade takes them out again.)
    // `sources`: the watch list (`watched`) and every feed or sitemap read, with the state of
    // its last poll; a sitemap index's sitemaps are sources with a `parent`.
    // `source_entries`: what each source listed, and whether the entry's page is `stored`
    // (set in the transaction that commits its article, so an interrupted crawl refetches
    // exactly what was not stored).
    // `pages`: fetch state per final URL: validators for conditional GETs and the current
    // article row. Times are UTC `YYYY-MM-DDTHH:MM:SSZ`.
    r#"
    ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN superseded_by INTEGER
        REFERENCES articles(id) ON DELETE SET NULL;
    CREATE INDEX articles_superseded ON articles(superseded_by)
        WHERE superseded_by IS NOT NULL;

    DROP TRIGGER statements_fts_insert;
    DROP TRIGGER statements_fts_delete;
    DROP TRIGGER statements_fts_update;
    DROP TABLE statements_fts;
    CREATE VIEW current_statements AS
        SELECT id, content_folded FROM statements
        WHERE article NOT IN (SELECT id FROM articles WHERE superseded_by IS NOT NULL);
    CREATE VIRTUAL TABLE statements_fts USING fts5(
        content_folded,
        content = 'current_statements',
        content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = new.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = old.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
    END;
    CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_folded ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = new.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
        INSERT INTO statements_fts (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER articles_fts_superseded AFTER UPDATE OF superseded_by ON articles
    WHEN old.superseded_by IS NULL AND new.superseded_by IS NOT NULL
    BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_folded)
        SELECT 'delete', id, content_folded FROM statements WHERE article = new.id;
    END;
    CREATE TRIGGER articles_fts_current AFTER UPDATE OF superseded_by ON articles
    WHEN old.superseded_by IS NOT NULL AND new.superseded_by IS NULL
    BEGIN
        INSERT INTO statements_fts (rowid, content_folded)
        SELECT id, content_folded FROM statements WHERE article = new.id;
    END;
    CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles
    WHEN old.superseded_by IS NOT NULL
    BEGIN
        INSERT INTO statements_fts (rowid, content_folded)
        SELECT id, content_folded FROM statements WHERE article = old.id;
    END;
    INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
    -- a speaker's statements with their article: counts of current ones from the index
    DROP INDEX statements_speaker;
    CREATE INDEX statements_speaker ON statements(speaker, effective_day, article);

    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        kind          TEXT CHECK (kind IN ('feed', 'sitemap', 'page')), -- NULL before a poll
        watched       INTEGER NOT NULL DEFAULT 0,  -- on the watch list
        parent        INTEGER REFERENCES sources(id) ON DELETE CASCADE, -- sitemap index
        added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        every         INTEGER,                     -- seconds; NULL: the command's default
        etag          TEXT,
        last_modified TEXT,
        last_polled   TEXT,
        last_status   INTEGER,                     -- HTTP status of the last poll
        last_error    TEXT,                        -- NULL when the last poll went well
        next_poll     TEXT
    );
    CREATE INDEX sources_parent ON sources(parent) WHERE parent IS NOT NULL;

    CREATE TABLE source_entries (
        source      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        url         TEXT NOT NULL,
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL,
        published   TEXT,                          -- as the source gives them
        updated     TEXT,                          -- (feed updated, sitemap lastmod)
        stored      INTEGER NOT NULL DEFAULT 0,    -- its article is committed
        refetch     INTEGER NOT NULL DEFAULT 0,    -- listed anew with another stamp
        attempts    INTEGER NOT NULL DEFAULT 0,    -- failed fetches since listed or changed
        last_error  TEXT,
        PRIMARY KEY (source, url)
    ) WITHOUT ROWID;
    CREATE INDEX source_entries_url ON source_entries(url);

    CREATE TABLE pages (
        url           TEXT PRIMARY KEY,            -- final URL, after redirects
        etag          TEXT,
        last_modified TEXT,
        last_fetched  TEXT,
        last_status   INTEGER,
        last_error    TEXT,
        article       INTEGER REFERENCES articles(id) ON DELETE SET NULL -- current version
    ) WITHOUT ROWID;
    "#,
    // 7: prefix search on the words as written. `statements_fts` holds Porter stems, so a
    // prefix longer than a word's stem finds nothing there (`negotiat*` misses
    // "negotiations", stored as "negoti"). `statements_words` indexes the same folded text
    // without the stemmer; a search sends its prefix terms here and its whole words and
    // phrases to the stemmed index, and takes the statements both match. It follows the
    // same statements as `statements_fts` (current versions only), kept by the same triggers'
    // twins.
    r#"
    CREATE VIRTUAL TABLE statements_words USING fts5(
        content_folded,
        content = 'current_statements',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_words_insert AFTER INSERT ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = new.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_words (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER statements_words_delete AFTER DELETE ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = old.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_words (statements_words, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
    END;
    CREATE TRIGGER statements_words_update AFTER UPDATE OF content_folded ON statements
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = new.article AND superseded_by IS NOT NULL)
    BEGIN
        INSERT INTO statements_words (statements_words, rowid, content_folded)
        VALUES ('delete', old.id, old.content_folded);
        INSERT INTO statements_words (rowid, content_folded) VALUES (new.id, new.content_folded);
    END;
    CREATE TRIGGER articles_words_superseded AFTER UPDATE OF superseded_by ON articles
    WHEN old.superseded_by IS NULL AND new.superseded_by IS NOT NULL
    BEGIN
        INSERT INTO statements_words (statements_words, rowid, content_folded)
        SELECT 'delete', id, content_folded FROM statements WHERE article = new.id;
    END;
    CREATE TRIGGER articles_words_current AFTER UPDATE OF superseded_by ON articles
    WHEN old.superseded_by IS NOT NULL AND new.superseded_by IS NULL
    BEGIN
        INSERT INTO statements_words (rowid, content_folded)
        SELECT id, content_folded FROM statements WHERE article = new.id;
    END;
    CREATE TRIGGER articles_words_delete BEFORE DELETE ON articles
    WHEN old.superseded_by IS NOT NULL
    BEGIN
        INSERT INTO statements_words (rowid, content_folded)
        SELECT id, content_folded FROM statements WHERE article = old.id;
    END;
    INSERT INTO statements_words (statements_words) VALUES ('rebuild');
    "#,
    // 8: a headline or subheadline that the body says in full points to that statement
    // (its position in the same article). Repeats of a statement are no longer stored. How
    // the speaker was found (name, surname, pronoun, role, nominal), and how sure that is.
    r#"
    ALTER TABLE statements ADD COLUMN restates INTEGER;
    ALTER TABLE statements ADD COLUMN speaker_via TEXT;
    ALTER TABLE statements ADD COLUMN speaker_confidence REAL;
    "#,
    // 9: figures, the quantities articles state, with who gives them (speaker, when the
    // figure is part of a statement: `statement` is that statement's position in the
    // article). Articles stored before this step have none until `onrecord reanalyze`.
    r#"
    CREATE TABLE figures (
        id            INTEGER PRIMARY KEY,
        article       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,          -- index in Analysis::figures
        text          TEXT NOT NULL,             -- the figure as written: "At least 2,899"
        span          TEXT NOT NULL,             -- JSON [start, end] in code points
        value         REAL NOT NULL,             -- the value, or a range's lower end
        value_high    REAL,                      -- a range's upper end
        unit          TEXT NOT NULL,             -- usd, percent, years, civilians, …
        bound         TEXT NOT NULL,             -- Bound::as_str
        subject       TEXT,                      -- what is counted, as written
        subject_folded TEXT,                     -- fold(subject), for --subject
        source        TEXT,                      -- the source mention, as written
        speaker       INTEGER REFERENCES speakers(id),
        statement     INTEGER,                   -- statements.position in the same article
        day           TEXT,                      -- the day the figure refers to, when fixed
        effective_day TEXT,                      -- day, else its statement's, else published
        UNIQUE (article, position)
    );
    CREATE INDEX figures_speaker ON figures(speaker, effective_day);
    CREATE INDEX figures_unit ON figures(unit, effective_day);
    CREATE INDEX figures_day ON figures(coalesce(effective_day, ''), id);
    "#,
    // 10: events (PLOVER), with who says so (the speaker of the statement an event is
    // reported in: `statement` is its position in the article). `actor_keys` and
    // `recipient_keys` hold each party's folded words and `#codes`, parties separated by
    // `|`, for filters. Articles stored before this step have none until `onrecord reanalyze`.
    r#"
    CREATE TABLE events (
        id             INTEGER PRIMARY KEY,
        article        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,          -- index in Analysis::events
        type           TEXT NOT NULL,             -- PLOVER type: CONSULT, ASSAULT, …
        mode           TEXT,                      -- PLOVER mode: phone, visit, aerial, …
        context        TEXT,                      -- PLOVER contexts, space-separated
        trigger        TEXT NOT NULL,             -- the words that name the act
        span           TEXT NOT NULL,             -- JSON [start, end] of the trigger
        sentence_start INTEGER NOT NULL,          -- the reporting sentence, code points
        sentence_end   INTEGER NOT NULL,
        actors         TEXT NOT NULL,             -- JSON [{text, spans, country, sector}]
        recipients     TEXT NOT NULL,
        actor_keys     TEXT NOT NULL,             -- ' halvarian troops #hal #mil | '
        recipient_keys TEXT NOT NULL,
        location       TEXT,                      -- JSON {text, spans, country}: "in Antalya"
        standing       TEXT NOT NULL,             -- Standing::as_str
        speaker        INTEGER REFERENCES speakers(id),
        statement      INTEGER,                   -- statements.position in the same article
        day            TEXT,                      -- the day the text fixes for the event
        effective_day  TEXT,                      -- day, else its statement's, else published
        UNIQUE (article, position)
    );
    CREATE INDEX events_type ON events(type, effective_day);
    CREATE INDEX events_speaker ON events(speaker, effective_day);
    CREATE INDEX events_day ON events(coalesce(effective_day, ''), id);
    "#,
];

/// Bring the database up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    check_ours(conn, path)?;
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| crate::open_error(path, e))?;
        // Read the version inside the write lock: another process may have just migrated.
        let version = user_version(&tx)?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let next = version + 1;
        let err = |source| Error::Migration {
            path: path.to_path_buf(),
            version: next,
            source,
        };
        tx.execute_batch(MIGRATIONS[version as usize])
            .map_err(err)?;
        tx.pragma_update(None, "user_version", next).map_err(err)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(err)?;
        tx.commit().map_err(err)?;
    }
}

/// For read-only connections: the schema must be exactly the one this binary knows.
pub(crate) fn check_current(conn: &Connection, path: &Path) -> Result<()> {
    check_ours(conn, path)?;
    let version = user_version(conn)?;
    match version.cmp(&SCHEMA_VERSION) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        }),
        std::cmp::Ordering::Less if version == 0 => Err(Error::NoDatabase(path.to_path_buf())),
        std::cmp::Ordering::Less => Err(Error::TooOld {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        }),
    }
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// An empty file is fine (it becomes an onrecord database); a SQLite file with tables and
/// another application id is not ours.
fn check_ours(conn: &Connection, path: &Path) -> Result<()> {
    let foreign = |e| crate::open_error(path, e);
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(foreign)?;
    if id == APPLICATION_ID {
        return Ok(());
    }
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(foreign)?;
    if objects > 0 {
        return Err(Error::Foreign(path.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn migrates_an_empty_file_to_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(user_version(&store.conn).unwrap(), SCHEMA_VERSION);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: bool = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk);
        drop(store);
        // Opening again is a no-op, and read-only opening accepts it.
        Store::open(&path).unwrap();
        Store::open_read_only(&path).unwrap();
    }

    #[test]
    fn migrations_apply_step_by_step_from_any_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            tables,
            [
                "articles",
                "events",
                "figures",
                "pages",
                "source_entries",
                "sources",
                "speaker_variants",
                "speakers",
                "statements",
                "statements_fts",
                "statements_fts_config",
                "statements_fts_data",
                "statements_fts_docsize",
                "statements_fts_idx",
                "statements_words",
                "statements_words_config",
                "statements_words_data",
                "statements_words_docsize",
                "statements_words_idx",
            ]
        );
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn upgrading_a_version_1_database_indexes_its_statements_for_search() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, fingerprint, external_id, text, origin)
             VALUES (1, 'f', 'a', 'Kalın said the ceasefire holds.', 'a.txt');
             INSERT INTO statements (article, position, kind, content, content_folded,
                                     content_spans)
             VALUES (1, 0, 'indirect', 'the ceasefire holds', 'the ceasefire holds', '[]');",
        )
        .unwrap();
        drop(conn);
        // read-only opening cannot upgrade and says how to
        let err = Store::open_read_only(&path).unwrap_err();
        assert!(matches!(err, Error::TooOld { found: 1, .. }), "{err:?}");
        let store = Store::open(&path).unwrap();
        assert_eq!(user_version(&store.conn).unwrap(), SCHEMA_VERSION);
        let n = store
            .count_search(&crate::SearchQuery {
                words: Some("CEASEFIRE".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(n, 1, "existing statements are indexed by the upgrade");
        let n = store
            .count_search(&crate::SearchQuery {
                words: Some("ceasefi*".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(n, 1, "…in both indexes (step 7: words as written)");
    }

    #[test]
    fn a_newer_database_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        for err in [
            Store::open(&path).unwrap_err(),
            Store::open_read_only(&path).unwrap_err(),
        ] {
            assert!(matches!(err, Error::TooNew { .. }), "{err:?}");
            assert!(err
                .to_string()
                .contains("newer than this onrecord supports"));
        }
    }

    #[test]
    fn a_foreign_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        drop(conn);
        assert!(matches!(Store::open(&path), Err(Error::Foreign(_))));
        assert!(matches!(
            Store::open_read_only(&path),
            Err(Error::Foreign(_))
        ));

        let junk = dir.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database at all, just some text here!!",
        )
        .unwrap();
        let err = Store::open(&junk).unwrap_err();
        assert!(matches!(err, Error::Foreign(_)), "{err:?}");
    }

    #[test]
    fn read_only_open_of_a_missing_file_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        let err = Store::open_read_only(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "no database at {}; run `onrecord ingest` first",
                path.display()
            )
        );
        assert!(!path.exists(), "read-only open must not create the file");
    }
}
