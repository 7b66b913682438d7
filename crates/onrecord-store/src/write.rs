//! Storing an article with its analysis, and the cross-article identity of speakers.
//!
//! The identity, name, role and affiliation rules are described in the crate docs
//! ("Identities"); [`resolve_identity`] holds the identity rules in one place. Invariant: a
//! stored surname-only person has zero or at least two full-name namesakes.

use std::collections::BTreeMap;

use onrecord_core::{fold, Analysis, Article, CodePoints, Day, SpeakerKind};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::records::{
    canonical_name, figure_records, speaker_records, statement_records, validate, ArticleRecord,
    Spelling, StatementRecord,
};
use crate::{day_from_sql, day_to_sql, kind_to_sql, Result, Store};

/// What [`Store::insert`] did with one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// The article was new; this many statements were stored with it.
    New { statements: usize },
    /// An article with the same fingerprint was already stored; nothing was added.
    Duplicate,
}

/// What [`Store::insert_version`] did with a page's article: articles with the same
/// external id (the page's URL) are versions of one page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Versioned {
    /// The first article with this external id (version 1).
    New { row: i64, statements: usize },
    /// The text changed: a new version, which supersedes the one that was current.
    Changed {
        row: i64,
        version: u32,
        statements: usize,
        previous: i64,
    },
    /// The current version already has this text: nothing was added.
    Unchanged { row: i64, version: u32 },
    /// An earlier version had exactly this text (the page went back to it): that version is
    /// current again, superseding `previous`. Nothing was added.
    Restored {
        row: i64,
        version: u32,
        previous: i64,
    },
}

impl Versioned {
    /// The row of the article now current for the page.
    pub fn row(&self) -> i64 {
        match *self {
            Versioned::New { row, .. }
            | Versioned::Changed { row, .. }
            | Versioned::Unchanged { row, .. }
            | Versioned::Restored { row, .. } => row,
        }
    }

    /// Statements added (0 unless a new row was stored).
    pub fn statements(&self) -> usize {
        match *self {
            Versioned::New { statements, .. } | Versioned::Changed { statements, .. } => statements,
            _ => 0,
        }
    }
}

impl Store {
    /// Store one article with its analysis, in one transaction: afterwards the database holds
    /// all of it or (on error, or if the process dies) none of it. Storing an article whose
    /// fingerprint is already stored adds nothing and returns [`Inserted::Duplicate`].
    pub fn insert(&mut self, article: &Article, analysis: &Analysis) -> Result<Inserted> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = insert_article(&tx, article, analysis)?;
        tx.commit()?;
        Ok(inserted)
    }

    /// Store many articles in one transaction (much faster than one by one). All or nothing:
    /// if any article fails (e.g. [`Error::InvalidAnalysis`]), nothing of the batch is stored;
    /// the caller may then retry the items one by one with [`Store::insert`] to keep the good
    /// ones. Duplicates, also within the batch, are reported as [`Inserted::Duplicate`].
    pub fn insert_batch(&mut self, items: &[(Article, Analysis)]) -> Result<Vec<Inserted>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(items.len());
        // The batch's statements go in together at its end (see `Statements`).
        let mut statements = Statements::default();
        for (article, analysis) in items {
            out.push(insert_article_into(
                &tx,
                article,
                analysis,
                &mut statements,
            )?);
        }
        statements.insert(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Store an article as the newest version of its page, in one transaction. Articles
    /// sharing an external id ([`Article::id`], the page's URL for fetched pages) are
    /// versions of one page: when the current version's text differs, the article is stored
    /// as the next version and the current one is marked `superseded_by` it; queries over
    /// statements, speakers and outlets then see only the new one, while
    /// [`Store::article`] and [`Store::article_statements`] still read any version by row.
    pub fn insert_version(&mut self, article: &Article, analysis: &Analysis) -> Result<Versioned> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = insert_version(&tx, article, analysis)?;
        tx.commit()?;
        Ok(v)
    }
}

/// [`Store::insert_version`] inside the caller's transaction.
pub(crate) fn insert_version(
    conn: &Connection,
    article: &Article,
    analysis: &Analysis,
) -> Result<Versioned> {
    let fingerprint = article.fingerprint();
    let current: Option<(i64, u32, String)> = conn
        .prepare_cached(
            "SELECT id, version, fingerprint FROM articles
             WHERE external_id = ?1 AND superseded_by IS NULL
             ORDER BY version DESC, id DESC LIMIT 1",
        )?
        .query_row([&article.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((row, version, fp)) = &current {
        if *fp == fingerprint {
            return Ok(Versioned::Unchanged {
                row: *row,
                version: *version,
            });
        }
    }
    // Every current row of the page gives way (normally one; rows stored by plain ingests
    // under the same id may be several).
    let supersede = |conn: &Connection, new: i64| -> Result<()> {
        conn.prepare_cached(
            "UPDATE articles SET superseded_by = ?2
             WHERE external_id = ?1 AND superseded_by IS NULL AND id != ?2",
        )?
        .execute(params![article.id, new])?;
        Ok(())
    };
    let earlier: Option<(i64, u32)> = conn
        .prepare_cached("SELECT id, version FROM articles WHERE fingerprint = ?1")?
        .query_row([&fingerprint], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((row, version)) = earlier {
        supersede(conn, row)?;
        conn.prepare_cached("UPDATE articles SET superseded_by = NULL WHERE id = ?1")?
            .execute([row])?;
        return Ok(Versioned::Restored {
            row,
            version,
            previous: current.map_or(row, |c| c.0),
        });
    }
    validate(article, analysis)?;
    let version: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(version), 0) + 1 FROM articles WHERE external_id = ?1",
        )?
        .query_row([&article.id], |r| r.get(0))?;
    let mut rows = Statements::default();
    let (row, statements) = insert_new(conn, &fingerprint, article, analysis, version, &mut rows)?;
    rows.insert(conn)?;
    supersede(conn, row)?;
    Ok(match current {
        None => Versioned::New { row, statements },
        Some((previous, ..)) => Versioned::Changed {
            row,
            version,
            statements,
            previous,
        },
    })
}

/// Insert one article inside the caller's transaction.
pub(crate) fn insert_article(
    conn: &Connection,
    article: &Article,
    analysis: &Analysis,
) -> Result<Inserted> {
    let mut statements = Statements::default();
    let inserted = insert_article_into(conn, article, analysis, &mut statements)?;
    statements.insert(conn)?;
    Ok(inserted)
}

/// [`insert_article`] with its statements left in `statements` for the caller to insert.
fn insert_article_into(
    conn: &Connection,
    article: &Article,
    analysis: &Analysis,
    statements: &mut Statements,
) -> Result<Inserted> {
    let fingerprint = article.fingerprint();
    let known: Option<i64> = conn
        .prepare_cached("SELECT id FROM articles WHERE fingerprint = ?1")?
        .query_row([&fingerprint], |r| r.get(0))
        .optional()?;
    if known.is_some() {
        return Ok(Inserted::Duplicate);
    }
    validate(article, analysis)?;
    let (_, statements) = insert_new(conn, &fingerprint, article, analysis, 1, statements)?;
    Ok(Inserted::New { statements })
}

/// Insert a validated article that is not stored yet, as `version`, its statements left in
/// `rows`; returns its row and its number of statements.
fn insert_new(
    conn: &Connection,
    fingerprint: &str,
    article: &Article,
    analysis: &Analysis,
    version: u32,
    rows: &mut Statements,
) -> Result<(i64, usize)> {
    let r = ArticleRecord::new(article, analysis);
    debug_assert_eq!(r.fingerprint, fingerprint);
    conn.prepare_cached(
        "INSERT INTO articles (fingerprint, external_id, title, outlet, outlet_folded, url,
                               published, text, origin, origin_line, published_confidence,
                               bylines, modified, language, page, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        r.fingerprint,
        r.external_id,
        r.title,
        r.outlet,
        r.outlet_folded,
        r.url,
        day_to_sql(r.published),
        r.text,
        r.origin,
        r.origin_line,
        r.published_confidence,
        r.bylines,
        r.modified,
        r.language,
        r.page,
        version,
    ])?;
    let article_row = conn.last_insert_rowid();
    let statements = add_analysis(conn, article_row, article, analysis, rows)?;
    Ok((article_row, statements))
}

/// Store the speakers and statements of `analysis` for the stored article `article_row`;
/// returns the number of statements.
pub(crate) fn insert_analysis(
    conn: &Connection,
    article_row: i64,
    article: &Article,
    analysis: &Analysis,
) -> Result<usize> {
    let mut rows = Statements::default();
    let n = add_analysis(conn, article_row, article, analysis, &mut rows)?;
    rows.insert(conn)?;
    Ok(n)
}

/// [`insert_analysis`] with the statements left in `rows`.
fn add_analysis(
    conn: &Connection,
    article_row: i64,
    article: &Article,
    analysis: &Analysis,
    rows: &mut Statements,
) -> Result<usize> {
    let speaker_ids = store_speakers(conn, article, analysis, rows)?;
    let cp = CodePoints::new(&article.text);
    insert_figures(conn, article_row, article, analysis, &speaker_ids, &cp)?;
    crate::events::insert_events(conn, article_row, article, analysis, &speaker_ids, &cp)?;
    let before = rows.0.len();
    rows.0.extend(
        statement_records(article, analysis, &cp)
            .into_iter()
            .map(|record| StatementRow {
                article: article_row,
                speaker: record.speaker.and_then(|i| speaker_ids[i]),
                day: day_to_sql(record.day),
                effective_day: day_to_sql(record.effective_day),
                record,
            }),
    );
    Ok(rows.0.len() - before)
}

/// Statement rows not inserted yet, in the order they get their ids.
///
/// Why they wait: each `INSERT` into `statements` runs the full-text triggers under a
/// statement savepoint, and FTS5 writes its pending terms to disk as a new segment at every
/// savepoint. Inserted one at a time, the rows made a segment each and a fifth of an ingest's
/// time went into writing and merging segments; inserted together by the hundred they make
/// a few. Rows wait only within one transaction, and a merge of two speakers updates the
/// waiting rows as it does the stored ones.
#[derive(Default)]
pub(crate) struct Statements(Vec<StatementRow>);

/// One row of `statements`, ready to bind.
struct StatementRow {
    article: i64,
    speaker: Option<i64>,
    day: Option<String>,
    effective_day: Option<String>,
    record: StatementRecord,
}

/// Rows per `INSERT`, largest first: the rows go in with as few statements as these sizes
/// make (300 rows: 256 + 32 + 8 + 4), from at most this many cached SQL texts.
const ROWS_PER_INSERT: [usize; 9] = [256, 128, 64, 32, 16, 8, 4, 2, 1];

impl Statements {
    /// Speaker `from` was merged into `into` (see `merge_speakers`).
    fn merged(&mut self, from: i64, into: i64) {
        for r in self.0.iter_mut().filter(|r| r.speaker == Some(from)) {
            r.speaker = Some(into);
        }
    }

    /// Insert the rows, in order (so their ids are those one row at a time would get).
    pub(crate) fn insert(self, conn: &Connection) -> Result<()> {
        let mut rest = self.0.as_slice();
        while !rest.is_empty() {
            let n = ROWS_PER_INSERT
                .into_iter()
                .find(|&n| n <= rest.len())
                .expect("1 fits any non-empty rest");
            let (now, later) = rest.split_at(n);
            let mut insert = conn.prepare_cached(&insert_statements_sql(n))?;
            let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(n * COLUMNS);
            for row in now {
                let r = &row.record;
                values.extend([
                    &row.article as &dyn rusqlite::ToSql,
                    &r.position,
                    &row.speaker,
                    &r.kind,
                    &r.content,
                    &r.content_folded,
                    &r.spans,
                    &r.cue,
                    &r.source,
                    &r.audience,
                    &row.day,
                    &r.day_from,
                    &row.effective_day,
                    &r.restates,
                    &r.speaker_via,
                    &r.speaker_confidence,
                ]);
            }
            insert.execute(values.as_slice())?;
            rest = later;
        }
        Ok(())
    }
}

/// The columns [`StatementRow`] binds.
const COLUMNS: usize = 16;

/// `INSERT INTO statements … VALUES (…), (…)` with `rows` rows of [`COLUMNS`] parameters.
fn insert_statements_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO statements (article, position, speaker, kind, content, content_folded,
                                 content_spans, cue, source, audience, day, day_from,
                                 effective_day, restates, speaker_via, speaker_confidence)
         VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..COLUMNS {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", r * COLUMNS + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// Store the figures of `analysis` for the stored article `article_row`. A figure in a
/// statement repeated in the article points to the statement stored (the first saying).
fn insert_figures(
    conn: &Connection,
    article_row: i64,
    article: &Article,
    analysis: &Analysis,
    speaker_ids: &[Option<i64>],
    cp: &CodePoints,
) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO figures (article, position, text, span, value, value_high, unit, bound,
                              subject, subject_folded, source, speaker, statement, day,
                              effective_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for f in figure_records(article, analysis, cp) {
        insert.execute(params![
            article_row,
            f.position,
            f.text,
            f.span,
            f.value,
            f.value_high,
            f.unit,
            f.bound,
            f.subject,
            f.subject_folded,
            f.source,
            f.speaker.and_then(|i| speaker_ids[i]),
            f.statement,
            day_to_sql(f.day),
            day_to_sql(f.effective_day),
        ])?;
    }
    Ok(())
}

/// Resolve, create or merge the article's speakers; record their spellings, roles and
/// affiliations. Returns the store id of each `analysis.speakers[i]` (None for a speaker
/// without any name).
fn store_speakers(
    conn: &Connection,
    article: &Article,
    analysis: &Analysis,
    waiting: &mut Statements,
) -> Result<Vec<Option<i64>>> {
    let mut ids: Vec<Option<i64>> = vec![None; analysis.speakers.len()];
    // Per speaker row: spelling → whether an article gave it as the name.
    let mut spellings: BTreeMap<i64, BTreeMap<&str, bool>> = BTreeMap::new();
    for sp in speaker_records(analysis) {
        let r = resolve_identity(conn, &sp.key, sp.kind, sp.name)?;
        if let Some(from) = r.merged {
            waiting.merged(from, r.id);
            for id in ids.iter_mut().filter(|id| **id == Some(from)) {
                *id = Some(r.id);
            }
            if let Some(moved) = spellings.remove(&from) {
                let set = spellings.entry(r.id).or_default();
                for (v, named) in moved {
                    *set.entry(v).or_default() |= named;
                }
            }
        }
        ids[sp.index] = Some(r.id);
        let set = spellings.entry(r.id).or_default();
        for &(v, named) in &sp.spellings {
            *set.entry(v).or_default() |= named;
        }
        update_attribute(conn, r.id, "role", sp.role, article.published)?;
        update_attribute(conn, r.id, "affiliation", sp.affiliation, article.published)?;
    }
    // Each spelling counts once per article and speaker.
    let mut upsert = conn.prepare_cached(
        "INSERT INTO speaker_variants (speaker, variant, folded, count, named)
         VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (speaker, variant)
         DO UPDATE SET count = count + 1, named = named + excluded.named",
    )?;
    for (&id, set) in &spellings {
        for (v, &named) in set {
            upsert.execute(params![id, v, fold(v), named as i64])?;
        }
        refresh_name(conn, id)?;
    }
    Ok(ids)
}

/// The outcome of [`resolve_identity`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The speaker row to attach to.
    pub id: i64,
    /// A surname-only speaker that was merged into `id` (and no longer exists).
    pub merged: Option<i64>,
}

/// Find or create the speaker row for identity key `key` (already an [`identity_key`]),
/// applying the surname rules of the crate docs ("Identities").
pub(crate) fn resolve_identity(
    conn: &Connection,
    key: &str,
    kind: SpeakerKind,
    name: &str,
) -> Result<Resolved> {
    let surname = key.rsplit(' ').next().unwrap_or(key);
    let words = key.split(' ').count();
    let person = kind == SpeakerKind::Person;
    let full_namesakes = |surname: &str| -> Result<Vec<i64>> {
        let mut st = conn.prepare_cached(
            "SELECT id FROM speakers
             WHERE surname = ?1 AND words > 1 AND kind = 'person' ORDER BY id LIMIT 2",
        )?;
        let ids = st
            .query_map([surname], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    };

    // A surname alone joins its one full name.
    if person && words == 1 {
        if let [id] = full_namesakes(surname)?[..] {
            return Ok(Resolved { id, merged: None });
        }
    }
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM speakers WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(Resolved { id, merged: None });
    }

    conn.prepare_cached(
        "INSERT INTO speakers (key, surname, words, name, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        key,
        surname,
        words as i64,
        name.trim(),
        kind_to_sql(kind)
    ])?;
    let id = conn.last_insert_rowid();

    // A new full name that is the only one with its surname takes over the surname-only
    // identity, if there is one.
    let mut merged = None;
    if person && words > 1 && full_namesakes(surname)? == [id] {
        let lone: Option<i64> = conn
            .prepare_cached("SELECT id FROM speakers WHERE key = ?1 AND kind = 'person'")?
            .query_row([surname], |r| r.get(0))
            .optional()?;
        if let Some(from) = lone {
            merge_speakers(conn, from, id)?;
            merged = Some(from);
        }
    }
    Ok(Resolved { id, merged })
}

/// Move everything of speaker `from` to speaker `into` and delete `from`.
fn merge_speakers(conn: &Connection, from: i64, into: i64) -> Result<()> {
    conn.execute(
        "UPDATE statements SET speaker = ?2 WHERE speaker = ?1",
        [from, into],
    )?;
    conn.execute(
        "UPDATE figures SET speaker = ?2 WHERE speaker = ?1",
        [from, into],
    )?;
    conn.execute(
        "UPDATE events SET speaker = ?2 WHERE speaker = ?1",
        [from, into],
    )?;
    conn.execute(
        "INSERT INTO speaker_variants (speaker, variant, folded, count, named)
         SELECT ?2, variant, folded, count, named FROM speaker_variants WHERE speaker = ?1
         ON CONFLICT (speaker, variant)
         DO UPDATE SET count = count + excluded.count, named = named + excluded.named",
        [from, into],
    )?;
    for column in ["role", "affiliation"] {
        let (value, day): (Option<String>, Option<String>) = conn.query_row(
            &format!("SELECT {column}, {column}_day FROM speakers WHERE id = ?1"),
            [from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        update_attribute(conn, into, column, value.as_deref(), day_from_sql(day))?;
    }
    conn.execute("DELETE FROM speakers WHERE id = ?1", [from])?;
    refresh_name(conn, into)
}

/// Set `role` or `affiliation` of speaker `id` to `value` if it is non-empty and at least as
/// recent (by `day`) as the stored one.
fn update_attribute(
    conn: &Connection,
    id: i64,
    column: &str,
    value: Option<&str>,
    day: Option<Day>,
) -> Result<()> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    debug_assert!(column == "role" || column == "affiliation");
    let (old, old_day): (Option<String>, Option<String>) = conn
        .prepare_cached(&format!(
            "SELECT {column}, {column}_day FROM speakers WHERE id = ?1"
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    // Option's order puts an unknown day before every known one.
    if old.is_none() || day >= day_from_sql(old_day) {
        conn.prepare_cached(&format!(
            "UPDATE speakers SET {column} = ?2, {column}_day = ?3 WHERE id = ?1"
        ))?
        .execute(params![id, value, day_to_sql(day)])?;
    }
    Ok(())
}

/// Recompute the display name of speaker `id` from its spellings.
fn refresh_name(conn: &Connection, id: i64) -> Result<()> {
    let kind: String = conn
        .prepare_cached("SELECT kind FROM speakers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let variants = conn
        .prepare_cached("SELECT variant, named, count FROM speaker_variants WHERE speaker = ?1")?
        .query_map([id], |r| {
            Ok(Spelling {
                text: r.get(0)?,
                named: r.get::<_, i64>(1)? as u64,
                count: r.get::<_, i64>(2)? as u64,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some(name) = canonical_name(crate::kind_from_sql(&kind), &variants) {
        conn.prepare_cached("UPDATE speakers SET name = ?2 WHERE id = ?1 AND name IS NOT ?2")?
            .execute(params![id, name])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{day, store, Doc};
    use crate::Error;
    use crate::{SpeakerQuery, StatementQuery};
    use onrecord_core::{DayEvidence, Echo, EchoKind, Span};

    fn speaker_names(store: &Store) -> Vec<(String, String, u64)> {
        store
            .speakers(&SpeakerQuery::default())
            .unwrap()
            .into_iter()
            .map(|s| (s.key, s.name, s.statements))
            .collect()
    }

    #[test]
    fn inserting_stores_article_speakers_and_statements() {
        let (_dir, mut store) = store();
        let (a, an) = Doc::new("a1", "Minister Ana Lopes said talks would resume.")
            .published("2024-03-04")
            .outlet("Daily Planet")
            .person("Ana Lopes", &[])
            .role("Minister", "Portugal")
            .says(Some(0), "talks would resume", None)
            .build();
        assert_eq!(
            store.insert(&a, &an).unwrap(),
            Inserted::New { statements: 1 }
        );
        let rows = store.statements(&StatementQuery::default()).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.content, "talks would resume");
        assert_eq!(r.content_spans, vec![[24, 42]]);
        assert_eq!(r.cue.as_deref(), Some("said"));
        assert_eq!(r.day, None);
        assert_eq!(r.effective_day, Some(day("2024-03-04")));
        assert_eq!(r.article.id, "a1");
        assert_eq!(r.article.outlet.as_deref(), Some("Daily Planet"));
        let sp = r.speaker.as_ref().unwrap();
        assert_eq!(
            (
                sp.name.as_str(),
                sp.role.as_deref(),
                sp.affiliation.as_deref()
            ),
            ("Ana Lopes", Some("Minister"), Some("Portugal"))
        );
        let mut seen = Vec::new();
        store
            .each_article(|row| {
                seen.push(row);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].article, a);
        assert_eq!(seen[0].statements, 1);
    }

    /// A headline printed twice is stored once, and points to the lede statement it
    /// restates; a habitual report takes no day, not even the publication day.
    #[test]
    fn repeats_are_stored_once_and_habitual_reports_undated() {
        let (_dir, mut store) = store();
        let text = "Tolls must rise: Kaya\n\nTolls must rise: Kaya\n\nTolls must rise this spring, Kaya said. Kaya has long said the piers are old.";
        let (a, mut an) = Doc::new("echo", text)
            .published("2031-03-08")
            .person("Ana Kaya", &[])
            .says(Some(0), "Tolls must rise", None)
            .says(Some(0), "Tolls must rise", None)
            .says(Some(0), "Tolls must rise this spring", None)
            .says(Some(0), "the piers are old", None)
            .build();
        an.attributions[0].echo = Some(Echo {
            of: 2,
            kind: EchoKind::Restates,
        });
        an.attributions[1].echo = Some(Echo {
            of: 0,
            kind: EchoKind::Repeat,
        });
        an.attributions[3].date_evidence = Some(DayEvidence::Habitual);
        store.insert(&a, &an).unwrap();
        let rows = store.statements(&StatementQuery::default()).unwrap();
        let positions: Vec<usize> = rows.iter().map(|r| r.position).collect();
        assert_eq!(positions, [0, 2, 3]);
        let lede = rows.iter().find(|r| r.position == 2).unwrap();
        let headline = rows.iter().find(|r| r.position == 0).unwrap();
        assert_eq!(headline.restates, Some(lede.id));
        assert_eq!(lede.restates, None);
        let habitual = rows.iter().find(|r| r.position == 3).unwrap();
        assert_eq!(habitual.effective_day, None);
        assert_eq!(habitual.day_from.as_deref(), Some("habitual"));
        assert_eq!(lede.effective_day, Some(day("2031-03-08")));
    }

    #[test]
    fn an_inferred_publication_day_is_kept_and_marked() {
        let (_dir, mut store) = store();
        let (a, mut an) = Doc::new("KNA20310307.0042", "Ana Lopes said talks would resume.")
            .person("Ana Lopes", &[])
            .says(Some(0), "talks would resume", None)
            .build();
        an.published_inferred = Some(onrecord_core::InferredDay {
            day: day("2031-03-07"),
            confidence: 0.7,
            evidence: vec![],
            named: Some(a.id.clone()),
        });
        an.attributions[0].date_evidence = Some(DayEvidence::InferredPublished);
        store.insert(&a, &an).unwrap();
        let r = &store.statements(&StatementQuery::default()).unwrap()[0];
        assert_eq!(r.effective_day, Some(day("2031-03-07")));
        assert_eq!(r.day_from.as_deref(), Some("published_inferred"));
        assert_eq!(r.article.published, Some(day("2031-03-07")));
        assert_eq!(r.article.published_confidence, Some(0.7));
        // the article as read keeps the input's (missing) day; the row says what was inferred
        let row = store.article(r.article.row).unwrap().unwrap();
        assert_eq!(row.article.published, None);
        assert_eq!(row.published, Some(day("2031-03-07")));
        assert_eq!(row.published_confidence, Some(0.7));
        let page = store
            .articles(&crate::ArticleQuery {
                from: Some(day("2031-03-01")),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(page.articles.len(), 1);
        assert_eq!(page.articles[0].published_confidence, Some(0.7));
        // the input's day wins over an inferred one
        let (b, mut bn) = Doc::new("b", "Ana Lopes said no.")
            .published("2031-01-02")
            .build();
        bn.published_inferred = an.published_inferred.clone();
        store.insert(&b, &bn).unwrap();
        let page = store
            .articles(&crate::ArticleQuery {
                to: Some(day("2031-01-31")),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(page.articles[0].published, Some(day("2031-01-02")));
        assert_eq!(page.articles[0].published_confidence, None);
    }

    #[test]
    fn spans_are_stored_in_code_points() {
        let (_dir, mut store) = store();
        let (a, an) = Doc::new("t", "Kalın said “the cost is serious” on Friday.")
            .person("İbrahim Kalın", &["Kalın"])
            .says(Some(0), "the cost is serious", Some("2024-03-01"))
            .build();
        store.insert(&a, &an).unwrap();
        let r = &store.statements(&StatementQuery::default()).unwrap()[0];
        assert_eq!(r.content_spans, vec![[12, 31]]);
        let chars: String = a.text.chars().skip(12).take(19).collect();
        assert_eq!(chars, "the cost is serious");
        assert_eq!(r.day, Some(day("2024-03-01")));
        assert_eq!(r.day_from.as_deref(), Some("published"));
    }

    #[test]
    fn reinserting_the_same_article_adds_nothing() {
        let (_dir, mut store) = store();
        let (a, an) = Doc::new("a1", "Ana Lopes said talks would resume.")
            .person("Ana Lopes", &[])
            .says(Some(0), "talks would resume", None)
            .build();
        assert_eq!(
            store.insert(&a, &an).unwrap(),
            Inserted::New { statements: 1 }
        );
        let before = store.counts().unwrap();
        assert_eq!(store.insert(&a, &an).unwrap(), Inserted::Duplicate);
        // A different analysis of the same article changes nothing either.
        assert_eq!(
            store.insert(&a, &Analysis::default()).unwrap(),
            Inserted::Duplicate
        );
        let batch = store
            .insert_batch(&[(a.clone(), an.clone()), (a.clone(), an.clone())])
            .unwrap();
        assert_eq!(batch, [Inserted::Duplicate, Inserted::Duplicate]);
        assert_eq!(store.counts().unwrap(), before);
        let sp = &store.speakers(&SpeakerQuery::default()).unwrap()[0];
        assert_eq!(sp.variants[0].count, 1, "variant counts must not grow");
    }

    #[test]
    fn duplicates_within_one_batch_are_stored_once() {
        let (_dir, mut store) = store();
        let one = Doc::new("a", "Ana Lopes said yes.")
            .person("Ana Lopes", &[])
            .says(Some(0), "yes", None)
            .build();
        let two = Doc::new("b", "Rui Costa said no.")
            .person("Rui Costa", &[])
            .says(Some(0), "no", None)
            .build();
        let out = store.insert_batch(&[one.clone(), two, one]).unwrap();
        assert_eq!(
            out,
            [
                Inserted::New { statements: 1 },
                Inserted::New { statements: 1 },
                Inserted::Duplicate
            ]
        );
        assert_eq!(store.counts().unwrap().articles, 2);
    }

    #[test]
    fn an_error_mid_batch_rolls_the_whole_batch_back() {
        let (_dir, mut store) = store();
        let good = |id: &str| {
            Doc::new(id, "Ana Lopes said talks would resume.")
                .person("Ana Lopes", &[])
                .says(Some(0), "talks would resume", None)
                .build()
        };
        let (bad_article, mut bad) = good("bad");
        bad.attributions[0].content[0] = Span::new(3, 400); // past the end of the text
        let items = vec![
            good("g1"),
            good("g2"),
            (bad_article.clone(), bad.clone()),
            good("g3"),
        ];
        let err = store.insert_batch(&items).unwrap_err();
        assert!(matches!(err, Error::InvalidAnalysis { .. }), "{err:?}");
        assert!(err.to_string().contains("article bad (bad.txt)"), "{err}");
        assert_eq!(store.counts().unwrap(), crate::Counts::default());

        // One by one, the good ones go in and the bad one alone is refused.
        for (a, an) in &items {
            let r = store.insert(a, an);
            assert_eq!(r.is_err(), a.id == "bad");
        }
        let c = store.counts().unwrap();
        assert_eq!((c.articles, c.statements, c.speakers), (3, 3, 1));

        // A span inside a multi-byte character and a dangling speaker index are refused too.
        let (a, mut an) = Doc::new("mb", "Kalın said no.")
            .person("Kalın", &[])
            .says(Some(0), "no", None)
            .build();
        an.attributions[0].content[0] = Span::new(0, 4); // "Kal" + half of "ı"
        assert!(matches!(
            store.insert(&a, &an),
            Err(Error::InvalidAnalysis { .. })
        ));
        an.attributions[0].content[0] = Span::new(0, 3);
        an.attributions[0].speaker = Some(7);
        assert!(matches!(
            store.insert(&a, &an),
            Err(Error::InvalidAnalysis { .. })
        ));
        assert_eq!(store.counts().unwrap().articles, 3);
    }

    #[test]
    fn spellings_of_one_name_are_one_speaker_and_native_spelling_wins_ties() {
        let (_dir, mut store) = store();
        let docs = [
            Doc::new("1", "Ibrahim Kalin said yes.")
                .person("Ibrahim Kalin", &["Kalin"])
                .says(Some(0), "yes", None),
            Doc::new("2", "Ibrahim Kalın said no.")
                .person("Ibrahim Kalın", &["Kalın"])
                .says(Some(0), "no", None),
            Doc::new("3", "IBRAHIM KALIN said maybe.")
                .person("IBRAHIM KALIN", &[])
                .says(Some(0), "maybe", None),
        ];
        for d in docs {
            let (a, an) = d.build();
            store.insert(&a, &an).unwrap();
        }
        assert_eq!(
            speaker_names(&store),
            [("ibrahim kalin".into(), "Ibrahim Kalın".into(), 3)]
        );
        // The most frequent full name wins over native spelling.
        let (a, an) = Doc::new("4", "Ibrahim Kalin said again.")
            .person("Ibrahim Kalin", &[])
            .says(Some(0), "again", None)
            .build();
        store.insert(&a, &an).unwrap();
        assert_eq!(speaker_names(&store)[0].1, "Ibrahim Kalin");
    }

    #[test]
    fn country_spellings_share_one_body() {
        let (_dir, mut store) = store();
        for (id, name) in [
            ("1", "Türkiye"),
            ("2", "Turkey"),
            ("3", "Turkey"),
            ("4", "Ankara"),
        ] {
            let text = format!("{name} said it was ready.");
            let (a, an) = Doc::new(id, &text)
                .body(name, &[])
                .says(Some(0), "it was ready", None)
                .build();
            store.insert(&a, &an).unwrap();
        }
        let speakers = store.speakers(&SpeakerQuery::default()).unwrap();
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].key, "turkiye");
        assert_eq!(speakers[0].name, "Turkey", "most frequent spelling");
        assert_eq!(speakers[0].statements, 4);
        let variants: Vec<_> = speakers[0]
            .variants
            .iter()
            .map(|v| (v.text.as_str(), v.count))
            .collect();
        assert_eq!(variants, [("Turkey", 2), ("Ankara", 1), ("Türkiye", 1)]);
    }

    #[test]
    fn a_surname_joins_its_only_full_name_and_full_names_absorb_surnames() {
        let (_dir, mut store) = store();
        let insert = |store: &mut Store, id: &str, name: &str| {
            let text = format!("{name} said something {id}.");
            let (a, an) = Doc::new(id, &text)
                .person(name, &[])
                .says(Some(0), &format!("something {id}"), None)
                .build();
            store.insert(&a, &an).unwrap();
        };
        // Surname first: stays alone while no full name is known.
        insert(&mut store, "1", "Kalın");
        insert(&mut store, "2", "Kalin");
        assert_eq!(speaker_names(&store), [("kalin".into(), "Kalın".into(), 2)]);
        // The full name arrives and takes the surname-only statements over.
        insert(&mut store, "3", "Ibrahim Kalın");
        assert_eq!(
            speaker_names(&store),
            [("ibrahim kalin".into(), "Ibrahim Kalın".into(), 3)]
        );
        let sp = &store.speakers(&SpeakerQuery::default()).unwrap()[0];
        let mut v: Vec<_> = sp.variants.iter().map(|v| v.text.as_str()).collect();
        v.sort();
        assert_eq!(v, ["Ibrahim Kalın", "Kalin", "Kalın"]);
        // Later surname mentions attach directly.
        insert(&mut store, "4", "KALIN");
        assert_eq!(speaker_names(&store)[0].2, 4);
        // A second full name with that surname makes a lone surname ambiguous.
        insert(&mut store, "5", "Ayşe Kalın");
        insert(&mut store, "6", "Kalın");
        let names = speaker_names(&store);
        assert_eq!(
            names,
            [
                ("ibrahim kalin".into(), "Ibrahim Kalın".into(), 4),
                ("ayse kalin".into(), "Ayşe Kalın".into(), 1),
                ("kalin".into(), "Kalın".into(), 1),
            ]
        );
        // Surname rules are for persons: a lone "Holding" does not join the body.
        let (a, an) = Doc::new("7", "Yildiz Holding said no.")
            .body("Yildiz Holding", &[])
            .says(Some(0), "no", None)
            .build();
        store.insert(&a, &an).unwrap();
        let (a, an) = Doc::new("8", "Holding said no again.")
            .person("Holding", &[])
            .says(Some(0), "no again", None)
            .build();
        store.insert(&a, &an).unwrap();
        assert_eq!(store.counts().unwrap().speakers, 5);
    }

    /// Every stored statement with its id and speaker's key, in id order.
    fn statement_rows(store: &Store) -> Vec<(i64, i64, i64, Option<String>, String)> {
        let mut st = store
            .conn
            .prepare(
                "SELECT s.id, s.article, s.position, k.key, s.content FROM statements s
                 LEFT JOIN speakers k ON k.id = s.speaker ORDER BY s.id",
            )
            .unwrap();
        st.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn a_batch_stores_what_one_by_one_stores() {
        // Statements of a batch wait and go in together: the rows, their ids and a merge of
        // speakers in the middle of the batch must come out as when stored one by one.
        let mut items = Vec::new();
        for (id, name) in [("1", "Kalın"), ("2", "Kalin"), ("3", "Ibrahim Kalın")] {
            let text = format!("{name} said something {id}.");
            items.push(
                Doc::new(id, &text)
                    .person(name, &[])
                    .says(Some(0), &format!("something {id}"), None)
                    .build(),
            );
        }
        // More rows than the largest multi-row insert.
        let mut text = String::new();
        let mut doc_says = Vec::new();
        for i in 0..300 {
            text.push_str(&format!("Ana Lopes said point {i:03}. "));
            doc_says.push(format!("point {i:03}"));
        }
        let mut doc = Doc::new("4", &text).person("Ana Lopes", &[]);
        for c in &doc_says {
            doc = doc.says(Some(0), c, None);
        }
        items.push(doc.build());

        let (_d1, mut batch) = store();
        batch.insert_batch(&items).unwrap();
        let (_d2, mut single) = store();
        for (a, an) in &items {
            single.insert(a, an).unwrap();
        }
        let rows = statement_rows(&batch);
        assert_eq!(rows.len(), 303);
        assert_eq!(rows[0].3.as_deref(), Some("ibrahim kalin"));
        assert_eq!(rows, statement_rows(&single));
        assert_eq!(speaker_names(&batch), speaker_names(&single));
    }

    #[test]
    fn resolve_identity_rules() {
        let (_dir, mut store) = store();
        let tx = store.conn.transaction().unwrap();
        let p = SpeakerKind::Person;
        let r = |key: &str, kind| resolve_identity(&tx, key, kind, key).unwrap();
        let lone = r("lopes", p);
        assert_eq!(lone.merged, None);
        assert_eq!(r("lopes", p), lone, "same key, same row");
        let full = r("ana lopes", p);
        assert_eq!(full.merged, Some(lone.id));
        assert_eq!(r("lopes", p).id, full.id);
        let other = r("rui lopes", p);
        assert_eq!(other.merged, None);
        let ambiguous = r("lopes", p);
        assert!(ambiguous.id != full.id && ambiguous.id != other.id);
        assert_eq!(
            r("lopes", SpeakerKind::Body).id,
            ambiguous.id,
            "keys match any kind"
        );
        // Bodies take no part in the surname rules.
        let body = r("kremlin", SpeakerKind::Body);
        let person = r("john kremlin", p);
        assert_eq!(person.merged, None);
        assert_ne!(body.id, person.id);
    }

    #[test]
    fn a_surname_and_its_full_name_in_one_article_are_one_speaker() {
        let (_dir, mut store) = store();
        let (a, an) = Doc::new("1", "Kalın said yes. Ibrahim Kalın said no.")
            .person("Kalın", &[])
            .person("Ibrahim Kalın", &[])
            .says(Some(0), "yes", None)
            .says(Some(1), "no", None)
            .build();
        store.insert(&a, &an).unwrap();
        assert_eq!(
            speaker_names(&store),
            [("ibrahim kalin".into(), "Ibrahim Kalın".into(), 2)]
        );
    }

    #[test]
    fn role_and_affiliation_are_the_most_recent_non_empty() {
        let (_dir, mut store) = store();
        let insert = |store: &mut Store, id: &str, published: Option<&str>, role: &str| {
            let mut d = Doc::new(id, &format!("Ana Lopes said {id}."))
                .person("Ana Lopes", &[])
                .role(role, "")
                .says(Some(0), id, None);
            if let Some(p) = published {
                d = d.published(p);
            }
            let (a, an) = d.build();
            store.insert(&a, &an).unwrap();
        };
        let role = |store: &Store| {
            store.speakers(&SpeakerQuery::default()).unwrap()[0]
                .role
                .clone()
        };
        insert(&mut store, "a", None, "Adviser");
        assert_eq!(role(&store).as_deref(), Some("Adviser"));
        insert(&mut store, "b", Some("2024-05-01"), "Minister");
        assert_eq!(role(&store).as_deref(), Some("Minister"));
        insert(&mut store, "c", Some("2023-01-01"), "Deputy Minister");
        assert_eq!(role(&store).as_deref(), Some("Minister"), "older article");
        insert(&mut store, "d", Some("2024-06-01"), "");
        assert_eq!(
            role(&store).as_deref(),
            Some("Minister"),
            "empty role ignored"
        );
        insert(&mut store, "e", None, "Intern");
        assert_eq!(
            role(&store).as_deref(),
            Some("Minister"),
            "undated is older"
        );
        insert(&mut store, "f", Some("2024-06-02"), "Prime Minister");
        assert_eq!(role(&store).as_deref(), Some("Prime Minister"));
    }

    #[test]
    fn merging_keeps_the_more_recent_role() {
        let (_dir, mut store) = store();
        let (a, an) = Doc::new("1", "Lopes said yes.")
            .published("2024-05-01")
            .person("Lopes", &[])
            .role("Minister", "Portugal")
            .says(Some(0), "yes", None)
            .build();
        store.insert(&a, &an).unwrap();
        let (a, an) = Doc::new("2", "Ana Lopes said no.")
            .published("2024-01-01")
            .person("Ana Lopes", &[])
            .role("Secretary", "")
            .says(Some(0), "no", None)
            .build();
        store.insert(&a, &an).unwrap();
        let sp = &store.speakers(&SpeakerQuery::default()).unwrap()[0];
        assert_eq!(sp.name, "Ana Lopes");
        assert_eq!(sp.role.as_deref(), Some("Minister"));
        assert_eq!(sp.affiliation.as_deref(), Some("Portugal"));
        assert_eq!(sp.statements, 2);
    }

    #[test]
    fn canonical_name_rules() {
        let v = |pairs: &[(&str, u64, u64)]| -> Vec<Spelling> {
            pairs
                .iter()
                .map(|&(s, named, count)| Spelling {
                    text: s.into(),
                    named,
                    count,
                })
                .collect()
        };
        let p = SpeakerKind::Person;
        let name =
            |kind, pairs: &[(&str, u64, u64)]| canonical_name(kind, &v(pairs)).map(String::from);
        assert_eq!(
            name(
                p,
                &[
                    ("Kalın", 9, 9),
                    ("Ibrahim Kalin", 2, 2),
                    ("Ibrahim Kalın", 2, 3)
                ]
            )
            .as_deref(),
            Some("Ibrahim Kalın")
        );
        assert_eq!(
            name(p, &[("Ibrahim Kalın", 1, 1), ("İbrahim Kalın", 1, 1)]).as_deref(),
            Some("İbrahim Kalın")
        );
        assert_eq!(
            name(p, &[("Kalin", 3, 3), ("Kalın", 1, 1)]).as_deref(),
            Some("Kalin")
        );
        // A surface form with a title is not a name, however often it is used.
        assert_eq!(
            name(p, &[("Minister Ana Lopes", 0, 5), ("Ana Lopes", 1, 1)]).as_deref(),
            Some("Ana Lopes")
        );
        assert_eq!(
            name(
                SpeakerKind::Body,
                &[("the Kremlin", 1, 1), ("Kremlin", 2, 2)]
            )
            .as_deref(),
            Some("Kremlin")
        );
        assert_eq!(name(p, &[("Lopes", 0, 1)]).as_deref(), Some("Lopes"));
        assert_eq!(canonical_name(p, &[]), None);
    }

    #[test]
    fn readers_see_committed_data_while_a_write_is_in_progress() {
        let (dir, mut writer) = store();
        let path = dir.path().join("test.db");
        let reader = Store::open_read_only(&path).unwrap();
        let doc = |id: &str| {
            Doc::new(id, "Ana Lopes said talks would resume.")
                .person("Ana Lopes", &[])
                .says(Some(0), "talks would resume", None)
                .build()
        };
        let (a, an) = doc("1");
        writer.insert(&a, &an).unwrap();

        let tx = writer
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let (b, bn) = doc("2");
        insert_article(&tx, &b, &bn).unwrap();
        // The write transaction is open and holds the write lock: the reader is not
        // blocked and sees the last committed state.
        let started = std::time::Instant::now();
        assert_eq!(reader.counts().unwrap().articles, 1);
        assert_eq!(
            reader.statements(&StatementQuery::default()).unwrap().len(),
            1
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        // A second writer would wait; a second read-write open (which migrates) must not
        // fail either once the first commits.
        tx.commit().unwrap();
        assert_eq!(reader.counts().unwrap().articles, 2);
        drop(Store::open(&path).unwrap());
    }

    #[test]
    fn readers_in_another_thread_run_during_a_long_batch() {
        let (dir, mut writer) = store();
        let path = dir.path().join("test.db");
        let items: Vec<_> = (0..2000)
            .map(|i| {
                Doc::new(&format!("n{i}"), &format!("Ana Lopes said number {i}."))
                    .person("Ana Lopes", &[])
                    .says(Some(0), &format!("number {i}"), None)
                    .build()
            })
            .collect();
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let reader = Store::open_read_only(&path).unwrap();
                let mut seen = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let c = reader.counts().unwrap();
                    // never half an article
                    assert_eq!(c.articles, c.statements);
                    seen.push(c.articles);
                }
                seen
            });
            for chunk in items.chunks(500) {
                writer.insert_batch(chunk).unwrap();
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let seen = reader.join().unwrap();
            assert!(
                seen.iter().all(|n| n % 500 == 0),
                "only whole batches are visible"
            );
        });
    }
}
