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
    Spelling, StatementRecord,
};
use onrecord_store::Inserted;
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Statement, Transaction};

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
        let mut attempt = 0;
        loop {
            let mut tx = Tx {
                inner: self.client.transaction()?,
                prepared: &mut self.prepared,
            };
            match write_batch(&mut tx, items) {
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

/// A transaction whose statements are prepared once per connection (each SQL text is
/// parsed by the server once, then only bound and run: half the round trips).
struct Tx<'a> {
    inner: Transaction<'a>,
    prepared: &'a mut HashMap<String, Statement>,
}

impl Tx<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(st) = self.prepared.get(sql) {
            return Ok(st.clone());
        }
        let st = self.inner.prepare(sql)?;
        self.prepared.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let st = self.statement(sql)?;
        Ok(self.inner.execute(&st, params)?)
    }

    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<postgres::Row>> {
        let st = self.statement(sql)?;
        Ok(self.inner.query(&st, params)?)
    }

    fn query_opt(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<postgres::Row>> {
        let st = self.statement(sql)?;
        Ok(self.inner.query_opt(&st, params)?)
    }

    fn query_one(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<postgres::Row> {
        let st = self.statement(sql)?;
        Ok(self.inner.query_one(&st, params)?)
    }
}

fn retryable(e: &postgres::Error) -> bool {
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

/// Rows waiting for the end of the batch, to go in with one `INSERT` per table; speaker
/// ids are the store's (remapped when a merge removes one).
#[derive(Default)]
struct Pending {
    statements: Vec<Row<StatementRecord>>,
    figures: Vec<Row<FigureRecord>>,
    events: Vec<Row<EventRecord>>,
}

/// A row waiting: its article's row id, its speaker's row id, the record.
type Row<R> = (i64, Option<i64>, R);

impl Pending {
    fn merged(&mut self, from: i64, into: i64) {
        let moved = |sp: &mut Option<i64>| {
            if *sp == Some(from) {
                *sp = Some(into);
            }
        };
        self.statements.iter_mut().for_each(|r| moved(&mut r.1));
        self.figures.iter_mut().for_each(|r| moved(&mut r.1));
        self.events.iter_mut().for_each(|r| moved(&mut r.1));
    }
}

fn write_batch(tx: &mut Tx, items: &[(&Article, &Analysis)]) -> Result<Vec<Inserted>> {
    // Every surname this batch resolves, locked in order before anything is written.
    let surnames: BTreeSet<String> = items
        .iter()
        .flat_map(|(_, an)| speaker_records(an).into_iter().map(|s| s.surname))
        .collect();
    for s in &surnames {
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&IDENTITY_LOCK, s],
        )?;
    }
    let mut pending = Pending::default();
    let mut out = Vec::with_capacity(items.len());
    for (article, analysis) in items {
        out.push(insert_article(tx, article, analysis, &mut pending)?);
    }
    insert_statements(tx, &pending.statements)?;
    insert_figures(tx, &pending.figures)?;
    insert_events(tx, &pending.events)?;
    Ok(out)
}

fn insert_article(
    tx: &mut Tx,
    article: &Article,
    analysis: &Analysis,
    pending: &mut Pending,
) -> Result<Inserted> {
    let r = ArticleRecord::new(article, analysis);
    let row = tx.query_opt(
        "INSERT INTO articles (fingerprint, external_id, title, outlet, outlet_folded, url,
                               published, published_confidence, text, origin, origin_line,
                               bylines, modified, language, page)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8::float8, $9, $10, $11,
                 $12::text::jsonb, $13, $14, $15::text::jsonb)
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
        ],
    )?;
    let Some(row) = row else {
        return Ok(Inserted::Duplicate);
    };
    let id: i64 = row.get(0);
    let speakers = store_speakers(tx, article, analysis, pending)?;
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

/// Resolve, create or merge the article's speakers and record their spellings, roles and
/// affiliations; the store id of each `analysis.speakers[i]`.
fn store_speakers(
    tx: &mut Tx,
    article: &Article,
    analysis: &Analysis,
    pending: &mut Pending,
) -> Result<Vec<Option<i64>>> {
    let mut ids: Vec<Option<i64>> = vec![None; analysis.speakers.len()];
    let mut spellings: BTreeMap<i64, BTreeMap<&str, bool>> = BTreeMap::new();
    for sp in speaker_records(analysis) {
        let (id, merged) = resolve_identity(tx, &sp.key, &sp.surname, sp.words, sp.kind, sp.name)?;
        if let Some(from) = merged {
            pending.merged(from, id);
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
        update_attribute(tx, id, Attribute::Role, sp.role, article.published)?;
        update_attribute(
            tx,
            id,
            Attribute::Affiliation,
            sp.affiliation,
            article.published,
        )?;
    }
    // Each spelling counts once per article and speaker: one upsert for the article.
    let mut speaker = Vec::new();
    let mut variant = Vec::new();
    let mut folded = Vec::new();
    let mut named = Vec::new();
    for (&id, set) in &spellings {
        for (&v, &n) in set {
            speaker.push(id);
            variant.push(v);
            folded.push(fold(v));
            named.push(i64::from(n));
        }
    }
    tx.execute(
        "INSERT INTO speaker_variants (speaker, variant, folded, count, named)
         SELECT s, v, f, 1, n FROM unnest($1::int8[], $2::text[], $3::text[], $4::int8[])
                               AS t(s, v, f, n)
         ON CONFLICT (speaker, variant)
         DO UPDATE SET count = speaker_variants.count + 1,
                       named = speaker_variants.named + excluded.named",
        &[&speaker, &variant, &folded, &named],
    )?;
    for &id in spellings.keys() {
        refresh_name(tx, id)?;
    }
    Ok(ids)
}

/// The speaker row for identity key `key` (see the module docs), and the surname-only
/// speaker merged into it, if one was.
fn resolve_identity(
    tx: &mut Tx,
    key: &str,
    surname: &str,
    words: i64,
    kind: SpeakerKind,
    name: &str,
) -> Result<(i64, Option<i64>)> {
    let person = kind == SpeakerKind::Person;
    let full_namesakes = |tx: &mut Tx| -> Result<Vec<i64>> {
        Ok(tx
            .query(
                "SELECT id FROM speakers
                 WHERE surname = $1 AND words > 1 AND kind = 'person' ORDER BY id LIMIT 2",
                &[&surname],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    };
    if person && words == 1 {
        if let [id] = full_namesakes(tx)?[..] {
            return Ok((id, None));
        }
    }
    if let Some(row) = tx.query_opt("SELECT id FROM speakers WHERE key = $1", &[&key])? {
        return Ok((row.get(0), None));
    }
    let id: i64 = tx
        .query_one(
            "INSERT INTO speakers (key, surname, words, name, kind)
             VALUES ($1, $2, $3::int8, $4, $5) RETURNING id",
            &[&key, &surname, &words, &name, &speaker_kind_name(kind)],
        )?
        .get(0);
    if person && words > 1 && full_namesakes(tx)? == [id] {
        let lone = tx.query_opt(
            "SELECT id FROM speakers WHERE key = $1 AND kind = 'person'",
            &[&surname],
        )?;
        if let Some(row) = lone {
            let from: i64 = row.get(0);
            merge_speakers(tx, from, id)?;
            return Ok((id, Some(from)));
        }
    }
    Ok((id, None))
}

/// Move everything of speaker `from` to speaker `into` and delete `from`.
fn merge_speakers(tx: &mut Tx, from: i64, into: i64) -> Result<()> {
    for table in ["statements", "figures", "events"] {
        tx.execute(
            &format!("UPDATE {table} SET speaker = $2 WHERE speaker = $1"),
            &[&from, &into],
        )?;
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
    update_attribute(tx, into, Attribute::Role, row.get(0), day(1))?;
    update_attribute(tx, into, Attribute::Affiliation, row.get(2), day(3))?;
    tx.execute("DELETE FROM speakers WHERE id = $1", &[&from])?;
    refresh_name(tx, into)
}

#[derive(Clone, Copy)]
enum Attribute {
    Role,
    Affiliation,
}

/// Set the role or affiliation of speaker `id` to `value` if it is non-empty and at least
/// as recent (by `day`; an unknown day is older than any known one) as the stored one: one
/// conditional `UPDATE`, so that concurrent workers cannot lose each other's updates.
fn update_attribute(
    tx: &mut Tx,
    id: i64,
    attribute: Attribute,
    value: Option<&str>,
    day: Option<Day>,
) -> Result<()> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    let column = match attribute {
        Attribute::Role => "role",
        Attribute::Affiliation => "affiliation",
    };
    tx.execute(
        &format!(
            "UPDATE speakers SET {column} = $2, {column}_day = $3::text::date
             WHERE id = $1
               AND ({column} IS NULL
                    OR ($3::text IS NOT NULL
                        AND ({column}_day IS NULL OR $3::text::date >= {column}_day))
                    OR ($3::text IS NULL AND {column}_day IS NULL))"
        ),
        &[&id, &value, &day_to_sql(day)],
    )?;
    Ok(())
}

/// Recompute the display name of speaker `id` from its spellings.
fn refresh_name(tx: &mut Tx, id: i64) -> Result<()> {
    let rows = tx.query(
        "SELECT p.kind, v.variant, v.named, v.count
         FROM speakers p LEFT JOIN speaker_variants v ON v.speaker = p.id
         WHERE p.id = $1",
        &[&id],
    )?;
    let Some(kind) = rows.first().map(|r| r.get::<_, String>(0)) else {
        return Ok(());
    };
    let spellings: Vec<Spelling> = rows
        .iter()
        .filter_map(|r| {
            Some(Spelling {
                text: r.get::<_, Option<String>>(1)?,
                named: r.get::<_, i64>(2) as u64,
                count: r.get::<_, i64>(3) as u64,
            })
        })
        .collect();
    if let Some(name) = canonical_name(speaker_kind_from_name(&kind), &spellings) {
        tx.execute(
            "UPDATE speakers SET name = $2 WHERE id = $1 AND name IS DISTINCT FROM $2",
            &[&id, &name],
        )?;
    }
    Ok(())
}

/// The batch's statements, in one `INSERT … SELECT FROM unnest(…)` (in order, so their
/// ids follow the articles and positions).
fn insert_statements(tx: &mut Tx, rows: &[Row<StatementRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let col = |f: &dyn Fn(&StatementRecord) -> Option<String>| {
        rows.iter()
            .map(|r| f(&r.2))
            .collect::<Vec<Option<String>>>()
    };
    let article: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let speaker: Vec<Option<i64>> = rows.iter().map(|r| r.1).collect();
    let position: Vec<i64> = rows.iter().map(|r| r.2.position).collect();
    let restates: Vec<Option<i64>> = rows.iter().map(|r| r.2.restates).collect();
    let confidence: Vec<Option<f64>> = rows.iter().map(|r| r.2.speaker_confidence).collect();
    tx.execute(
        "INSERT INTO statements (article, position, speaker, kind, content, content_folded,
                                 content_spans, cue, source, audience, day, day_from,
                                 effective_day, restates, speaker_via, speaker_confidence)
         SELECT a, p, sp, k, c, cf, cs::jsonb, cue, src, aud, d::date, df, ed::date, r, via,
                conf
         FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::int8[], $15::text[], $16::float8[])
              AS t(a, p, sp, k, c, cf, cs, cue, src, aud, d, df, ed, r, via, conf)",
        &[
            &article,
            &position,
            &speaker,
            &col(&|s| Some(s.kind.to_string())),
            &col(&|s| Some(s.content.clone())),
            &col(&|s| Some(s.content_folded.clone())),
            &col(&|s| Some(s.spans.clone())),
            &col(&|s| s.cue.clone()),
            &col(&|s| s.source.clone()),
            &col(&|s| s.audience.clone()),
            &col(&|s| day_to_sql(s.day)),
            &col(&|s| s.day_from.map(str::to_string)),
            &col(&|s| day_to_sql(s.effective_day)),
            &restates,
            &col(&|s| s.speaker_via.map(str::to_string)),
            &confidence,
        ],
    )?;
    Ok(())
}

/// The batch's figures, in one `INSERT`.
fn insert_figures(tx: &mut Tx, rows: &[Row<FigureRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let col = |f: &dyn Fn(&FigureRecord) -> Option<String>| {
        rows.iter()
            .map(|r| f(&r.2))
            .collect::<Vec<Option<String>>>()
    };
    let article: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let speaker: Vec<Option<i64>> = rows.iter().map(|r| r.1).collect();
    let position: Vec<i64> = rows.iter().map(|r| r.2.position).collect();
    let value: Vec<f64> = rows.iter().map(|r| r.2.value).collect();
    let high: Vec<Option<f64>> = rows.iter().map(|r| r.2.value_high).collect();
    let statement: Vec<Option<i64>> = rows.iter().map(|r| r.2.statement).collect();
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
            &article,
            &position,
            &col(&|f| Some(f.text.clone())),
            &col(&|f| Some(f.span.clone())),
            &value,
            &high,
            &col(&|f| Some(f.unit.clone())),
            &col(&|f| Some(f.bound.to_string())),
            &col(&|f| f.subject.clone()),
            &col(&|f| f.subject_folded.clone()),
            &col(&|f| f.source.clone()),
            &speaker,
            &statement,
            &col(&|f| day_to_sql(f.day)),
            &col(&|f| day_to_sql(f.effective_day)),
        ],
    )?;
    Ok(())
}

/// The batch's events, in one `INSERT`.
fn insert_events(tx: &mut Tx, rows: &[Row<EventRecord>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let col = |f: &dyn Fn(&EventRecord) -> Option<String>| {
        rows.iter()
            .map(|r| f(&r.2))
            .collect::<Vec<Option<String>>>()
    };
    let int = |f: &dyn Fn(&EventRecord) -> Option<i64>| {
        rows.iter().map(|r| f(&r.2)).collect::<Vec<Option<i64>>>()
    };
    let article: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let speaker: Vec<Option<i64>> = rows.iter().map(|r| r.1).collect();
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
            &article,
            &int(&|e| Some(e.position)),
            &col(&|e| Some(e.kind.to_string())),
            &col(&|e| e.mode.clone()),
            &col(&|e| e.context.clone()),
            &col(&|e| Some(e.trigger.clone())),
            &col(&|e| Some(e.span.clone())),
            &int(&|e| Some(e.sentence[0] as i64)),
            &int(&|e| Some(e.sentence[1] as i64)),
            &col(&|e| Some(e.actors.clone())),
            &col(&|e| Some(e.recipients.clone())),
            &col(&|e| Some(e.actor_keys.clone())),
            &col(&|e| Some(e.recipient_keys.clone())),
            &col(&|e| e.location.clone()),
            &col(&|e| Some(e.standing.to_string())),
            &speaker,
            &int(&|e| e.statement),
            &col(&|e| day_to_sql(e.day)),
            &col(&|e| day_to_sql(e.effective_day)),
        ],
    )?;
    Ok(())
}
