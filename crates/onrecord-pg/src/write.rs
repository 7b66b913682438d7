//! Storing articles on PostgreSQL, with the speaker identities of the SQLite store.
//!
//! The identity rules are those of `onrecord-store` ("Identities" in its crate docs): one
//! speaker per identity key; a surname-only person joins the one full name with that
//! surname; a new full name that is the only one with its surname takes over the
//! surname-only identity. Display names come from the shared `canonical_name`.
//!
//! Many workers: a batch first takes a transaction advisory lock per surname it will
//! resolve, in sorted order, so that two workers never resolve the same surname at once
//! (no split identity) and never wait on each other in a cycle over them. Spelling counts
//! are upserts and role updates single conditional `UPDATE`s, so no count is lost. Two
//! workers storing the same article meet at the unique fingerprint: the second finds it
//! stored. A deadlock between batches that share articles is retried.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use onrecord_core::{fold, Analysis, Article, CodePoints, Day, SpeakerKind};
use onrecord_store::records::{
    canonical_name, event_records, figure_records, speaker_kind_from_name, speaker_kind_name,
    speaker_records, statement_records, validate, ArticleRecord, EventRecord, FigureRecord,
    SpeakerRecord, Spelling, StatementRecord,
};
use onrecord_store::{Inserted, Versioned};
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Statement, Transaction};

use crate::words::Words;
use crate::{day_to_sql, PgStore, Result};

/// First key of the identity advisory locks ("onrc"); the second is the surname's hash.
const IDENTITY_LOCK: i32 = 0x6f6e_7263;

/// How often a batch is retried after a deadlock or serialization failure.
const RETRIES: u32 = 8;

impl PgStore {
    /// Store one article with its analysis, in one transaction (see [`PgStore::insert_batch`]).
    pub fn insert(&mut self, article: &Article, analysis: &Analysis) -> Result<Inserted> {
        validate(article, analysis)?;
        Ok(self.write(&[(article, analysis)])?.remove(0))
    }

    /// Store many articles in one transaction: all or nothing. If any analysis does not fit
    /// its article ([`crate::Error::is_invalid_analysis`]), nothing is stored and the
    /// caller may store the others one by one. An article whose fingerprint is stored
    /// already (also earlier in the batch, or by another worker) is
    /// [`Inserted::Duplicate`].
    pub fn insert_batch(&mut self, items: &[(Article, Analysis)]) -> Result<Vec<Inserted>> {
        for (article, analysis) in items {
            validate(article, analysis)?;
        }
        let items: Vec<(&Article, &Analysis)> = items.iter().map(|(a, an)| (a, an)).collect();
        self.write(&items)
    }

    fn write(&mut self, items: &[(&Article, &Analysis)]) -> Result<Vec<Inserted>> {
        self.in_transaction(|tx| write_batch(tx, items, 1))
    }

    /// Run `work` in a transaction and commit it; retried from the start after a deadlock
    /// or serialization failure.
    pub(crate) fn in_transaction<T>(
        &mut self,
        mut work: impl FnMut(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        let mut attempt = 0;
        loop {
            let mut tx = Tx {
                inner: self.client.transaction()?,
                prepared: &mut self.prepared,
            };
            match work(&mut tx) {
                Ok(out) => {
                    tx.inner.commit()?;
                    return Ok(out);
                }
                Err(crate::Error::Postgres(e)) if retryable(&e) && attempt < RETRIES => {
                    drop(tx); // rolls back
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(20 << attempt.min(6)));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// First key of the page advisory locks ("onrp"); the second is the page URL's hash.
const PAGE_LOCK: i32 = 0x6f6e_7270;

/// Store an article as the newest version of its page inside the caller's transaction:
/// the rules of the SQLite store's `insert_version` (articles sharing an external id are
/// versions of one page; a changed text is the next version, superseding the current
/// one; a text seen before is made current again). The page's advisory lock is taken
/// first, so two workers storing the same page take turns and the second finds the
/// first's version.
pub(crate) fn write_version(
    tx: &mut Tx,
    article: &Article,
    analysis: &Analysis,
) -> Result<Versioned> {
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext($2))",
        &[&PAGE_LOCK, &article.id],
    )?;
    let fingerprint = article.fingerprint();
    let current = tx
        .query_opt(
            "SELECT id, version, fingerprint FROM articles
             WHERE external_id = $1 AND superseded_by IS NULL
             ORDER BY version DESC, id DESC LIMIT 1",
            &[&article.id],
        )?
        .map(|r| {
            (
                r.get::<_, i64>(0),
                r.get::<_, i32>(1) as u32,
                r.get::<_, String>(2),
            )
        });
    if let Some((row, version, fp)) = &current {
        if *fp == fingerprint {
            return Ok(Versioned::Unchanged {
                row: *row,
                version: *version,
            });
        }
    }
    const SUPERSEDE: &str = "UPDATE articles SET superseded_by = $2
         WHERE external_id = $1 AND superseded_by IS NULL AND id != $2";
    let earlier = tx.query_opt(
        "SELECT id, version FROM articles WHERE fingerprint = $1",
        &[&fingerprint],
    )?;
    if let Some(r) = earlier {
        let (row, version): (i64, i32) = (r.get(0), r.get(1));
        tx.execute(SUPERSEDE, &[&article.id, &row])?;
        tx.execute(
            "UPDATE articles SET superseded_by = NULL WHERE id = $1",
            &[&row],
        )?;
        return Ok(Versioned::Restored {
            row,
            version: version as u32,
            previous: current.map_or(row, |c| c.0),
        });
    }
    validate(article, analysis)?;
    let version: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) + 1 FROM articles WHERE external_id = $1",
            &[&article.id],
        )?
        .get(0);
    let inserted = write_batch(tx, &[(article, analysis)], version)?;
    let statements = match inserted.first() {
        Some(Inserted::New { statements }) => *statements,
        _ => 0,
    };
    let row: i64 = tx
        .query_one(
            "SELECT id FROM articles WHERE fingerprint = $1",
            &[&fingerprint],
        )?
        .get(0);
    tx.execute(SUPERSEDE, &[&article.id, &row])?;
    Ok(match current {
        None => Versioned::New { row, statements },
        Some((previous, ..)) => Versioned::Changed {
            row,
            version: version as u32,
            statements,
            previous,
        },
    })
}

/// A transaction whose statements are prepared once per connection (each SQL text is
/// parsed by the server once, then only bound and run: half the round trips).
pub(crate) struct Tx<'a> {
    pub(crate) inner: Transaction<'a>,
    prepared: &'a mut HashMap<String, Statement>,
}

impl Tx<'_> {
    pub(crate) fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(st) = self.prepared.get(sql) {
            return Ok(st.clone());
        }
        let st = self.inner.prepare(sql)?;
        self.prepared.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    pub(crate) fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let st = self.statement(sql)?;
        Ok(self.inner.execute(&st, params)?)
    }

    pub(crate) fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<postgres::Row>> {
        let st = self.statement(sql)?;
        Ok(self.inner.query(&st, params)?)
    }

    pub(crate) fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<postgres::Row>> {
        let st = self.statement(sql)?;
        Ok(self.inner.query_opt(&st, params)?)
    }

    pub(crate) fn query_one(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<postgres::Row> {
        let st = self.statement(sql)?;
        Ok(self.inner.query_one(&st, params)?)
    }
}

fn retryable(e: &postgres::Error) -> bool {
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

/// What a batch writes at its end, with one statement per table: rows, spelling counts,
/// the newest role and affiliation per speaker, and the speakers whose display name must
/// be recomputed. Speaker ids are the store's, remapped when a merge removes one.
#[derive(Default)]
struct Pending {
    statements: Vec<Row<StatementRecord>>,
    figures: Vec<Row<FigureRecord>>,
    events: Vec<Row<EventRecord>>,
    /// (speaker, spelling) → (articles that used it, articles that gave it as the name).
    spellings: BTreeMap<(i64, String), (i64, i64)>,
    /// (speaker, attribute) → the value that wins among the batch's articles so far.
    attributes: BTreeMap<(i64, Attribute), (String, Option<Day>)>,
    /// Speakers whose spellings changed.
    touched: BTreeSet<i64>,
}

/// A row waiting: its article's row id, its speaker's row id, the record.
type Row<R> = (i64, Option<i64>, R);

impl Pending {
    /// Speaker `from` was merged into `into`.
    fn merged(&mut self, from: i64, into: i64) {
        let moved = |sp: &mut Option<i64>| {
            if *sp == Some(from) {
                *sp = Some(into);
            }
        };
        self.statements.iter_mut().for_each(|r| moved(&mut r.1));
        self.figures.iter_mut().for_each(|r| moved(&mut r.1));
        self.events.iter_mut().for_each(|r| moved(&mut r.1));
        let theirs: Vec<(i64, String)> = self
            .spellings
            .range((from, String::new())..)
            .take_while(|((id, _), _)| *id == from)
            .map(|(k, _)| k.clone())
            .collect();
        for key in theirs {
            let (count, named) = self.spellings.remove(&key).expect("listed above");
            let e = self.spellings.entry((into, key.1)).or_default();
            e.0 += count;
            e.1 += named;
        }
        self.touched.remove(&from);
        self.touched.insert(into);
    }

    /// Note `value` (of an article published on `day`) for a speaker's attribute: it wins
    /// over the one noted before if it is at least as recent (an unknown day is older than
    /// any known one).
    fn attribute(&mut self, id: i64, attribute: Attribute, value: Option<&str>, day: Option<Day>) {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return;
        };
        let slot = self.attributes.entry((id, attribute));
        match slot {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert((value.to_string(), day));
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                if day >= o.get().1 {
                    o.insert((value.to_string(), day));
                }
            }
        }
    }
}

/// The identities a batch may touch: every stored speaker whose key ends in a surname the
/// batch resolves (loaded once; the batch holds those surnames' locks, so nobody else
/// changes them meanwhile), kept up to date as the batch creates and merges speakers.
#[derive(Default)]
struct Identities {
    by_key: HashMap<String, (i64, SpeakerKind)>,
    /// Multi-word persons by surname, in id order.
    full: HashMap<String, Vec<i64>>,
}

impl Identities {
    fn load(tx: &mut Tx, surnames: &[String]) -> Result<Identities> {
        let mut ids = Identities::default();
        for r in tx.query(
            "SELECT id, key, surname, words, kind FROM speakers WHERE surname = ANY($1)
             ORDER BY id",
            &[&surnames],
        )? {
            let kind = speaker_kind_from_name(r.get(4));
            ids.add(
                r.get(0),
                r.get(1),
                r.get(2),
                r.get::<_, i32>(3).into(),
                kind,
            );
        }
        Ok(ids)
    }

    fn add(&mut self, id: i64, key: String, surname: String, words: i64, kind: SpeakerKind) {
        if kind == SpeakerKind::Person && words > 1 {
            self.full.entry(surname).or_default().push(id);
        }
        self.by_key.insert(key, (id, kind));
    }

    /// The one multi-word person with this surname, if exactly one is stored.
    fn only_full(&self, surname: &str) -> Option<i64> {
        match self.full.get(surname).map(Vec::as_slice) {
            Some([id]) => Some(*id),
            _ => None,
        }
    }
}

/// Store `items` as articles of version `version` (1 for plain ingests).
fn write_batch(
    tx: &mut Tx,
    items: &[(&Article, &Analysis)],
    version: i32,
) -> Result<Vec<Inserted>> {
    // Every surname this batch resolves, locked in order before anything is written.
    let surnames: Vec<String> = items
        .iter()
        .flat_map(|(_, an)| speaker_records(an).into_iter().map(|s| s.surname))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    tx.execute(
        "SELECT count(pg_advisory_xact_lock($1, hashtext(s)))
         FROM (SELECT s FROM unnest($2::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n) q",
        &[&IDENTITY_LOCK, &surnames],
    )?;
    let mut identities = Identities::load(tx, &surnames)?;
    let mut pending = Pending::default();
    let mut out = Vec::with_capacity(items.len());
    for (article, analysis) in items {
        out.push(insert_article(
            tx,
            article,
            analysis,
            version,
            &mut identities,
            &mut pending,
        )?);
    }
    flush_attributes(tx, &mut pending)?;
    flush_spellings(tx, &mut pending)?;
    insert_statements(tx, &pending.statements)?;
    insert_figures(tx, &pending.figures)?;
    insert_events(tx, &pending.events)?;
    Ok(out)
}

fn insert_article(
    tx: &mut Tx,
    article: &Article,
    analysis: &Analysis,
    version: i32,
    identities: &mut Identities,
    pending: &mut Pending,
) -> Result<Inserted> {
    let r = ArticleRecord::new(article, analysis);
    let row = tx.query_opt(
        "INSERT INTO articles (fingerprint, external_id, title, outlet, outlet_folded, url,
                               published, published_confidence, text, origin, origin_line,
                               bylines, modified, language, page, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8::float8, $9, $10, $11,
                 $12::text::jsonb, $13, $14, $15::text::jsonb, $16::int4)
         ON CONFLICT (fingerprint) DO NOTHING
         RETURNING id",
        &[
            &r.fingerprint,
            &r.external_id,
            &r.title,
            &r.outlet,
            &r.outlet_folded,
            &r.url,
            &day_to_sql(r.published),
            &r.published_confidence,
            &r.text,
            &r.origin,
            &r.origin_line,
            &r.bylines,
            &r.modified,
            &r.language,
            &r.page,
            &version,
        ],
    )?;
    let Some(row) = row else {
        return Ok(Inserted::Duplicate);
    };
    let id: i64 = row.get(0);
    let speakers = store_speakers(tx, article, analysis, identities, pending)?;
    let sp = |i: Option<usize>| i.and_then(|i| speakers[i]);
    let cp = CodePoints::new(&article.text);
    let statements = statement_records(article, analysis, &cp);
    let n = statements.len();
    pending
        .statements
        .extend(statements.into_iter().map(|s| (id, sp(s.speaker), s)));
    pending.figures.extend(
        figure_records(article, analysis, &cp)
            .into_iter()
            .map(|f| (id, sp(f.speaker), f)),
    );
    pending.events.extend(
        event_records(article, analysis, &cp)
            .into_iter()
            .map(|e| (id, sp(e.speaker), e)),
    );
    Ok(Inserted::New { statements: n })
}

/// Resolve, create or merge the article's speakers and note their spellings, roles and
/// affiliations; the store id of each `analysis.speakers[i]`.
fn store_speakers(
    tx: &mut Tx,
    article: &Article,
    analysis: &Analysis,
    identities: &mut Identities,
    pending: &mut Pending,
) -> Result<Vec<Option<i64>>> {
    let mut ids: Vec<Option<i64>> = vec![None; analysis.speakers.len()];
    let mut spellings: BTreeMap<i64, BTreeMap<&str, bool>> = BTreeMap::new();
    for sp in speaker_records(analysis) {
        let (id, merged) = resolve_identity(tx, identities, pending, &sp)?;
        if let Some(from) = merged {
            for x in ids.iter_mut().filter(|x| **x == Some(from)) {
                *x = Some(id);
            }
            if let Some(moved) = spellings.remove(&from) {
                let set = spellings.entry(id).or_default();
                for (v, named) in moved {
                    *set.entry(v).or_default() |= named;
                }
            }
        }
        ids[sp.index] = Some(id);
        let set = spellings.entry(id).or_default();
        for &(v, named) in &sp.spellings {
            *set.entry(v).or_default() |= named;
        }
        pending.attribute(id, Attribute::Role, sp.role, article.published);
        pending.attribute(
            id,
            Attribute::Affiliation,
            sp.affiliation,
            article.published,
        );
    }
    // Each spelling counts once per article and speaker.
    for (id, set) in spellings {
        for (v, named) in set {
            let e = pending.spellings.entry((id, v.to_string())).or_default();
            e.0 += 1;
            e.1 += i64::from(named);
        }
        pending.touched.insert(id);
    }
    Ok(ids)
}

/// The speaker row for a speaker record (see the module docs), and the surname-only speaker
/// merged into it, if one was.
fn resolve_identity(
    tx: &mut Tx,
    identities: &mut Identities,
    pending: &mut Pending,
    sp: &SpeakerRecord,
) -> Result<(i64, Option<i64>)> {
    let person = sp.kind == SpeakerKind::Person;
    if person && sp.words == 1 {
        if let Some(id) = identities.only_full(&sp.surname) {
            return Ok((id, None));
        }
    }
    if let Some(&(id, _)) = identities.by_key.get(&sp.key) {
        return Ok((id, None));
    }
    let id: i64 = tx
        .query_one(
            "INSERT INTO speakers (key, surname, words, name, kind)
             VALUES ($1, $2, $3::int8, $4, $5) RETURNING id",
            &[
                &sp.key,
                &sp.surname,
                &sp.words,
                &sp.name,
                &speaker_kind_name(sp.kind),
            ],
        )?
        .get(0);
    identities.add(id, sp.key.clone(), sp.surname.clone(), sp.words, sp.kind);
    if person && sp.words > 1 && identities.only_full(&sp.surname) == Some(id) {
        if let Some(&(from, SpeakerKind::Person)) = identities.by_key.get(&sp.surname) {
            // The stored record of both goes first, so that the merge sees it.
            pending.merged(from, id);
            flush_attributes(tx, pending)?;
            merge_speakers(tx, from, id)?;
            identities.by_key.remove(&sp.surname);
            return Ok((id, Some(from)));
        }
    }
    Ok((id, None))
}

/// Move everything stored of speaker `from` to speaker `into` and delete `from` (its
/// spellings of this batch are moved by [`Pending::merged`]).
fn merge_speakers(tx: &mut Tx, from: i64, into: i64) -> Result<()> {
    for sql in [
        "UPDATE statements SET speaker = $2 WHERE speaker = $1",
        "UPDATE figures SET speaker = $2 WHERE speaker = $1",
        "UPDATE events SET speaker = $2 WHERE speaker = $1",
    ] {
        tx.execute(sql, &[&from, &into])?;
    }
    tx.execute(
        "INSERT INTO speaker_variants (speaker, variant, folded, count, named)
         SELECT $2, variant, folded, count, named FROM speaker_variants WHERE speaker = $1
         ON CONFLICT (speaker, variant)
         DO UPDATE SET count = speaker_variants.count + excluded.count,
                       named = speaker_variants.named + excluded.named",
        &[&from, &into],
    )?;
    let row = tx.query_one(
        "SELECT role, role_day::text, affiliation, affiliation_day::text
         FROM speakers WHERE id = $1",
        &[&from],
    )?;
    let day = |i: usize| crate::day_from_sql(row.get(i));
    let mut theirs = Pending::default();
    theirs.attribute(into, Attribute::Role, row.get(0), day(1));
    theirs.attribute(into, Attribute::Affiliation, row.get(2), day(3));
    flush_attributes(tx, &mut theirs)?;
    tx.execute("DELETE FROM speakers WHERE id = $1", &[&from])?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Attribute {
    Role,
    Affiliation,
}

/// Store the noted roles and affiliations where they are at least as recent as the stored
/// ones: one conditional `UPDATE` per attribute, so that concurrent workers cannot lose
/// each other's updates.
fn flush_attributes(tx: &mut Tx, pending: &mut Pending) -> Result<()> {
    for attribute in [Attribute::Role, Attribute::Affiliation] {
        let mut id = Vec::new();
        let mut value = Vec::new();
        let mut day = Vec::new();
        for ((sp, a), (v, d)) in &pending.attributes {
            if *a == attribute {
                id.push(*sp);
                value.push(v.as_str());
                day.push(day_to_sql(*d));
            }
        }
        if id.is_empty() {
            continue;
        }
        let sql = match attribute {
            Attribute::Role => {
                "UPDATE speakers p SET role = t.v, role_day = t.d::date
                 FROM unnest($1::int8[], $2::text[], $3::text[]) AS t(id, v, d)
                 WHERE p.id = t.id
                   AND (p.role IS NULL
                        OR (t.d IS NOT NULL AND (p.role_day IS NULL OR t.d::date >= p.role_day))
                        OR (t.d IS NULL AND p.role_day IS NULL))"
            }
            Attribute::Affiliation => {
                "UPDATE speakers p SET affiliation = t.v, affiliation_day = t.d::date
                 FROM unnest($1::int8[], $2::text[], $3::text[]) AS t(id, v, d)
                 WHERE p.id = t.id
                   AND (p.affiliation IS NULL
                        OR (t.d IS NOT NULL
                            AND (p.affiliation_day IS NULL OR t.d::date >= p.affiliation_day))
                        OR (t.d IS NULL AND p.affiliation_day IS NULL))"
            }
        };
        tx.execute(sql, &[&id, &value, &day])?;
    }
    pending.attributes.clear();
    Ok(())
}

/// Add the batch's spelling counts (one upsert), then recompute the display name of every
/// speaker whose spellings changed (one read, one update).
fn flush_spellings(tx: &mut Tx, pending: &mut Pending) -> Result<()> {
    if pending.spellings.is_empty() {
        return Ok(());
    }
    let mut speaker = Vec::new();
    let mut variant = Vec::new();
    let mut folded = Vec::new();
    let mut count = Vec::new();
    let mut named = Vec::new();
    for ((id, v), (c, n)) in &pending.spellings {
        speaker.push(*id);
        variant.push(v.as_str());
        folded.push(fold(v));
        count.push(*c);
        named.push(*n);
    }
    tx.execute(
        "INSERT INTO speaker_variants (speaker, variant, folded, count, named)
         SELECT s, v, f, c, n
         FROM unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[])
              AS t(s, v, f, c, n)
         ON CONFLICT (speaker, variant)
         DO UPDATE SET count = speaker_variants.count + excluded.count,
                       named = speaker_variants.named + excluded.named",
        &[&speaker, &variant, &folded, &count, &named],
    )?;
    let touched: Vec<i64> = pending.touched.iter().copied().collect();
    let rows = tx.query(
        "SELECT p.id, p.kind, p.name, v.variant, v.named, v.count
         FROM speakers p JOIN speaker_variants v ON v.speaker = p.id
         WHERE p.id = ANY($1)
         ORDER BY p.id",
        &[&touched],
    )?;
    let mut renamed_id = Vec::new();
    let mut renamed = Vec::new();
    for group in rows.chunk_by(|a, b| a.get::<_, i64>(0) == b.get::<_, i64>(0)) {
        let spellings: Vec<Spelling> = group
            .iter()
            .map(|r| Spelling {
                text: r.get(3),
                named: r.get::<_, i64>(4) as u64,
                count: r.get::<_, i64>(5) as u64,
            })
            .collect();
        let kind = speaker_kind_from_name(group[0].get(1));
        if let Some(name) = canonical_name(kind, &spellings) {
            if name != group[0].get::<_, &str>(2) {
                renamed_id.push(group[0].get::<_, i64>(0));
                renamed.push(name.to_string());
            }
        }
    }
    if !renamed.is_empty() {
        tx.execute(
            "UPDATE speakers p SET name = t.name
             FROM unnest($1::int8[], $2::text[]) AS t(id, name) WHERE p.id = t.id",
            &[&renamed_id, &renamed],
        )?;
    }
    Ok(())
}

/// One column of waiting rows, as an array for `unnest`.
fn column<R, T>(rows: &[Row<R>], f: impl Fn(&R) -> T) -> Vec<T> {
    rows.iter().map(|r| f(&r.2)).collect()
}

/// The article row ids of waiting rows.
fn articles<R>(rows: &[Row<R>]) -> Vec<i64> {
    rows.iter().map(|r| r.0).collect()
}

/// The speaker row ids of waiting rows.
fn speakers<R>(rows: &[Row<R>]) -> Vec<Option<i64>> {
    rows.iter().map(|r| r.1).collect()
}

/// The batch's statements, in one `INSERT … SELECT FROM unnest(…)` (in order, so their
/// ids follow the articles and positions), with their words vectors (`words.rs`).
fn insert_statements(tx: &mut Tx, rows: &[Row<StatementRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let (words, stems): (Vec<Words>, Vec<Words>) = rows
        .iter()
        .map(|r| Words::both(&r.2.content_folded))
        .unzip();
    tx.execute(
        "INSERT INTO statements (article, position, speaker, kind, content, content_folded,
                                 content_spans, cue, source, audience, day, day_from,
                                 effective_day, restates, speaker_via, speaker_confidence,
                                 words, stems)
         SELECT a, p, sp, k, c, cf, cs::jsonb, cue, src, aud, d::date, df, ed::date, r, via,
                conf, w, st
         FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::int8[], $15::text[], $16::float8[],
                     $17::tsvector[], $18::tsvector[])
              AS t(a, p, sp, k, c, cf, cs, cue, src, aud, d, df, ed, r, via, conf, w, st)",
        &[
            &articles(rows),
            &column(rows, |s| s.position),
            &speakers(rows),
            &column(rows, |s| s.kind.to_string()),
            &column(rows, |s| s.content.clone()),
            &column(rows, |s| s.content_folded.clone()),
            &column(rows, |s| s.spans.clone()),
            &column(rows, |s| s.cue.clone()),
            &column(rows, |s| s.source.clone()),
            &column(rows, |s| s.audience.clone()),
            &column(rows, |s| day_to_sql(s.day)),
            &column(rows, |s| s.day_from.map(str::to_string)),
            &column(rows, |s| day_to_sql(s.effective_day)),
            &column(rows, |s| s.restates),
            &column(rows, |s| s.speaker_via.map(str::to_string)),
            &column(rows, |s| s.speaker_confidence),
            &words,
            &stems,
        ],
    )?;
    Ok(())
}

/// The batch's figures, in one `INSERT`.
fn insert_figures(tx: &mut Tx, rows: &[Row<FigureRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO figures (article, position, text, span, value, value_high, unit, bound,
                              subject, subject_folded, source, speaker, statement, day,
                              effective_day)
         SELECT a, p, tx, sp::jsonb, v, vh, u, b, su, suf, src, spk, st, d::date, ed::date
         FROM unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::float8[],
                     $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::int8[], $13::int8[], $14::text[], $15::text[])
              AS t(a, p, tx, sp, v, vh, u, b, su, suf, src, spk, st, d, ed)",
        &[
            &articles(rows),
            &column(rows, |f| f.position),
            &column(rows, |f| f.text.clone()),
            &column(rows, |f| f.span.clone()),
            &column(rows, |f| f.value),
            &column(rows, |f| f.value_high),
            &column(rows, |f| f.unit.clone()),
            &column(rows, |f| f.bound.to_string()),
            &column(rows, |f| f.subject.clone()),
            &column(rows, |f| f.subject_folded.clone()),
            &column(rows, |f| f.source.clone()),
            &speakers(rows),
            &column(rows, |f| f.statement),
            &column(rows, |f| day_to_sql(f.day)),
            &column(rows, |f| day_to_sql(f.effective_day)),
        ],
    )?;
    Ok(())
}

/// The batch's events, in one `INSERT`.
fn insert_events(tx: &mut Tx, rows: &[Row<EventRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO events (article, position, type, mode, context, trigger, span,
                             sentence_start, sentence_end, actors, recipients, actor_keys,
                             recipient_keys, location, standing, speaker, statement, day,
                             effective_day)
         SELECT a, p, ty, mo, cx, tr, sp::jsonb, ss, se, ac::jsonb, re::jsonb, ak, rk,
                lo::jsonb, st, spk, stm, d::date, ed::date
         FROM unnest($1::int8[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::int8[], $9::int8[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::text[], $15::text[], $16::int8[],
                     $17::int8[], $18::text[], $19::text[])
              AS t(a, p, ty, mo, cx, tr, sp, ss, se, ac, re, ak, rk, lo, st, spk, stm, d, ed)",
        &[
            &articles(rows),
            &column(rows, |e| e.position),
            &column(rows, |e| e.kind.to_string()),
            &column(rows, |e| e.mode.clone()),
            &column(rows, |e| e.context.clone()),
            &column(rows, |e| e.trigger.clone()),
            &column(rows, |e| e.span.clone()),
            &column(rows, |e| e.sentence[0] as i64),
            &column(rows, |e| e.sentence[1] as i64),
            &column(rows, |e| e.actors.clone()),
            &column(rows, |e| e.recipients.clone()),
            &column(rows, |e| e.actor_keys.clone()),
            &column(rows, |e| e.recipient_keys.clone()),
            &column(rows, |e| e.location.clone()),
            &column(rows, |e| e.standing.to_string()),
            &speakers(rows),
            &column(rows, |e| e.statement),
            &column(rows, |e| day_to_sql(e.day)),
            &column(rows, |e| day_to_sql(e.effective_day)),
        ],
    )?;
    Ok(())
}
