//! Stored events (schema step 10): who did what to whom in PLOVER's sixteen types, with
//! who says so (the speaker of the statement an event is reported in) and the day, and the
//! queries behind `onrecord events`, the API, the events page and a dyad's timeline
//! ("Türkiye ↔ Russia by type over months" is one query: both parties, both ways).
//!
//! Each event keeps its actors and recipients as JSON, and beside them a key string per
//! side for filters: the folded words of every party and its codes, `#tur`, `#gov`
//! (" turkish president #tur #gov ").

use onrecord_core::{fold, Analysis, Article, CodePoints, Day, EventType, Standing};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row};

use crate::read::{current_statement, push_limit, speaker_match, SpeakerRef, StatementArticle};
use crate::records::event_records;
use crate::{day_from_sql, day_to_sql, kind_from_sql, Result, Store};

/// One party to a filter: words of its name ("ukrainian authorities"), a country or body
/// code ("TUR", "UNO"), or both; an event's side matches when either does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Party {
    /// Words that must appear together, in order, in one party's name (folded).
    pub words: String,
    /// ISO alpha-3 or PLOVER code; also a sector code (GOV, MIL) matches.
    pub code: Option<String>,
}

impl Party {
    /// A party from what a user typed: "TUR" or "gov" is a code, anything else words;
    /// `code` is the country a name stands for, when the caller knows it ("Türkiye" → TUR).
    pub fn new(typed: &str, code: Option<&str>) -> Party {
        let t = typed.trim();
        let is_code = t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic());
        Party {
            words: fold(t),
            code: code
                .map(str::to_string)
                .or_else(|| is_code.then(|| t.to_ascii_uppercase())),
        }
    }
}

/// Filters for [`Store::events`]. Every filter that is set must match.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// Who acts.
    pub actor: Option<Party>,
    /// To whom.
    pub recipient: Option<Party>,
    /// With both `actor` and `recipient` set: either way round, and reciprocal events
    /// whose actors hold both (a dyad).
    pub both_ways: bool,
    pub kind: Option<EventType>,
    /// Where the event stands. When unset, denied events are left out: a denial is no event.
    pub standing: Option<Standing>,
    /// Who says so (the speaker of the statement it is reported in); matches like
    /// [`crate::StatementQuery::speaker`].
    pub speaker: Option<String>,
    /// First day, inclusive, of the event's effective day (its own day, else the day it was
    /// reported: its statement's, else the article's publication day).
    pub from: Option<Day>,
    /// Last day, inclusive.
    pub to: Option<Day>,
    /// The outlet, compared folded.
    pub outlet: Option<String>,
    /// Only events of the article with this `Article::id`.
    pub article: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// An actor or recipient as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct EventParty {
    /// The words that name it ("Ukrainian authorities").
    pub text: String,
    /// `[start, end)` in code points of the article text, one per piece.
    pub spans: Vec<[usize; 2]>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// One stored event.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub article: StatementArticle,
    /// Index of the event among its article's events.
    pub position: usize,
    pub kind: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    /// The words that name the act, as written ("met with").
    pub trigger: String,
    /// `[start, end)` of the trigger in code points of the article text.
    pub span: [usize; 2],
    /// The sentence that reports it, and its `[start, end)`.
    pub sentence: String,
    pub sentence_span: [usize; 2],
    pub actors: Vec<EventParty>,
    pub recipients: Vec<EventParty>,
    /// Where it took place, when the text says.
    pub location: Option<EventParty>,
    pub standing: Standing,
    /// Who says so, when the event is reported in a statement with a named speaker.
    pub speaker: Option<SpeakerRef>,
    /// The id of the stored statement the event is reported in.
    pub statement: Option<i64>,
    /// The day the text fixes for the event.
    pub day: Option<Day>,
    pub effective_day: Option<Day>,
}

impl EventRow {
    /// "Halvaria → Vardania", "Halvaria, Vardania" (reciprocal), "Halvaria →" (no recipient).
    pub fn dyad(&self) -> String {
        let names = |v: &[EventParty]| {
            v.iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let actors = if self.actors.is_empty() {
            "?".to_string()
        } else {
            names(&self.actors)
        };
        if self.recipients.is_empty() {
            actors
        } else {
            format!("{actors} \u{2192} {}", names(&self.recipients))
        }
    }
}

/// The standing from its stored name.
pub fn standing_from_str(s: &str) -> Option<Standing> {
    [
        Standing::Happened,
        Standing::Planned,
        Standing::Requested,
        Standing::Offered,
        Standing::Denied,
        Standing::Claimed,
        Standing::Hypothetical,
    ]
    .into_iter()
    .find(|b| b.as_str() == s)
}

/// Store the events of `analysis` for the stored article `article_row`. An event in a
/// statement repeated in the article points to the statement stored (the first saying).
pub(crate) fn insert_events(
    conn: &Connection,
    article_row: i64,
    article: &Article,
    analysis: &Analysis,
    speaker_ids: &[Option<i64>],
    cp: &CodePoints,
) -> Result<()> {
    if analysis.events.is_empty() {
        return Ok(());
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO events (article, position, type, mode, context, trigger, span,
                             sentence_start, sentence_end, actors, recipients, actor_keys,
                             recipient_keys, standing, speaker, statement, day, effective_day,
                             location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19)",
    )?;
    for e in event_records(article, analysis, cp) {
        insert.execute(params![
            article_row,
            e.position,
            e.kind,
            e.mode,
            e.context,
            e.trigger,
            e.span,
            e.sentence[0] as i64,
            e.sentence[1] as i64,
            e.actors,
            e.recipients,
            e.actor_keys,
            e.recipient_keys,
            e.standing,
            e.speaker.and_then(|i| speaker_ids[i]),
            e.statement,
            day_to_sql(e.day),
            day_to_sql(e.effective_day),
            e.location,
        ])?;
    }
    Ok(())
}

const EVENT_COLUMNS: &str = "e.id, e.position, e.type, e.mode, e.context, e.trigger, e.span,
     e.sentence_start, e.sentence_end,
     substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
     e.actors, e.recipients, e.standing, e.day, e.effective_day, e.location,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published, a.published_confidence,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT s.id FROM statements s WHERE s.article = e.article AND s.position = e.statement)";

fn conversion(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn parties_from_sql(i: usize, json: &str) -> rusqlite::Result<Vec<EventParty>> {
    let v: Vec<serde_json::Value> = serde_json::from_str(json).map_err(|e| conversion(i, e))?;
    Ok(v.into_iter()
        .map(|p| EventParty {
            text: p["text"].as_str().unwrap_or_default().to_string(),
            spans: serde_json::from_value(p["spans"].clone()).unwrap_or_default(),
            country: p["country"].as_str().map(str::to_string),
            sector: p["sector"].as_str().map(str::to_string),
        })
        .collect())
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    let span: String = r.get(6)?;
    let kind: String = r.get(2)?;
    let standing: String = r.get(12)?;
    let speaker = match r.get::<_, Option<i64>>(23)? {
        Some(id) => Some(SpeakerRef {
            id,
            key: r.get(24)?,
            name: r.get(25)?,
            kind: kind_from_sql(&r.get::<_, String>(26)?),
            role: r.get(27)?,
            affiliation: r.get(28)?,
        }),
        None => None,
    };
    Ok(EventRow {
        id: r.get(0)?,
        position: r.get::<_, i64>(1)? as usize,
        kind: EventType::parse(&kind).unwrap_or(EventType::Consult),
        mode: r.get(3)?,
        context: r
            .get::<_, Option<String>>(4)?
            .map(|c| c.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
        trigger: r.get(5)?,
        span: serde_json::from_str(&span).map_err(|e| conversion(6, e))?,
        sentence_span: [r.get::<_, i64>(7)? as usize, r.get::<_, i64>(8)? as usize],
        sentence: r.get(9)?,
        actors: parties_from_sql(10, &r.get::<_, String>(10)?)?,
        recipients: parties_from_sql(11, &r.get::<_, String>(11)?)?,
        location: match r.get::<_, Option<String>>(15)? {
            Some(json) => parties_from_sql(15, &json)?.into_iter().next(),
            None => None,
        },
        standing: standing_from_str(&standing).unwrap_or(Standing::Happened),
        day: day_from_sql(r.get(13)?),
        effective_day: day_from_sql(r.get(14)?),
        article: StatementArticle {
            row: r.get(16)?,
            id: r.get(17)?,
            title: r.get(18)?,
            outlet: r.get(19)?,
            url: r.get(20)?,
            published: day_from_sql(r.get(21)?),
            published_confidence: r.get::<_, Option<f64>>(22)?.map(|c| c as f32),
        },
        speaker,
        statement: r.get(29)?,
    })
}

/// The SQL test that side `column` (actor_keys or recipient_keys) holds `party`.
fn party_match(column: &str, party: &Party, args: &mut Vec<Value>) -> String {
    let mut tests = Vec::new();
    if !party.words.is_empty() {
        // folded words hold only `[a-z0-9 ]`: no LIKE escapes needed
        tests.push(format!("{column} LIKE ?"));
        args.push(Value::Text(format!("% {} %", party.words)));
    }
    if let Some(code) = &party.code {
        tests.push(format!("{column} LIKE ?"));
        args.push(Value::Text(format!("% #{} %", code.to_ascii_lowercase())));
    }
    if tests.is_empty() {
        "0".into()
    } else {
        format!("({})", tests.join(" OR "))
    }
}

fn event_filter(q: &EventQuery, versions: bool) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = vec![current_statement("e.article", versions)];
    let mut args: Vec<Value> = Vec::new();
    match (&q.actor, &q.recipient, q.both_ways) {
        (Some(a), Some(b), true) => {
            let mut clause = |x: &Party, y: &Party| {
                let ax = party_match("e.actor_keys", x, &mut args);
                let by = party_match("e.recipient_keys", y, &mut args);
                format!("({ax} AND {by})")
            };
            let one = clause(a, b);
            let other = clause(b, a);
            let ab = party_match("e.actor_keys", a, &mut args);
            let ba = party_match("e.actor_keys", b, &mut args);
            clauses.push(format!(
                "({one} OR {other} OR ({ab} AND {ba} AND e.recipient_keys = ' '))"
            ));
        }
        (a, b, _) => {
            if let Some(a) = a {
                clauses.push(party_match("e.actor_keys", a, &mut args));
            }
            if let Some(b) = b {
                clauses.push(party_match("e.recipient_keys", b, &mut args));
            }
        }
    }
    if let Some(k) = q.kind {
        clauses.push("e.type = ?".into());
        args.push(Value::Text(k.as_str().into()));
    }
    match q.standing {
        Some(s) => {
            clauses.push("e.standing = ?".into());
            args.push(Value::Text(s.as_str().into()));
        }
        None => clauses.push("e.standing <> 'denied'".into()),
    }
    if let Some(speaker) = &q.speaker {
        let (clause, a) = speaker_match("e.speaker", speaker);
        clauses.push(clause);
        args.extend(a);
    }
    if let Some(from) = q.from {
        clauses.push("e.effective_day >= ?".into());
        args.push(Value::Text(day_to_sql(Some(from)).unwrap_or_default()));
    }
    if let Some(to) = q.to {
        clauses.push("e.effective_day <= ?".into());
        args.push(Value::Text(day_to_sql(Some(to)).unwrap_or_default()));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push("a.outlet_folded = ?".into());
        args.push(Value::Text(fold(outlet)));
    }
    if let Some(article) = &q.article {
        clauses.push("a.external_id = ?".into());
        args.push(Value::Text(article.clone()));
    }
    (clauses.join(" AND "), args)
}

/// Events of one month and type: a cell of a dyad's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCount {
    /// `YYYY-MM` of the effective day.
    pub month: String,
    pub kind: EventType,
    pub count: u64,
}

impl Store {
    /// Events of current article versions matching `q`, oldest first (unknown days last),
    /// then by article and position.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        let mut rows = Vec::new();
        self.each_event(q, |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Every event matching `q`, in the order of [`Store::events`], handed to `f` one at a
    /// time as SQLite reads it.
    pub fn each_event(
        &self,
        q: &EventQuery,
        mut f: impl FnMut(EventRow) -> Result<()>,
    ) -> Result<()> {
        let (filter, mut args) = event_filter(q, self.has_versions()?);
        let mut sql = format!(
            "SELECT {EVENT_COLUMNS}
             FROM events e
             JOIN articles a ON a.id = e.article
             LEFT JOIN speakers p ON p.id = e.speaker
             WHERE {filter}
             ORDER BY e.effective_day IS NULL, e.effective_day, e.article, e.position"
        );
        push_limit(&mut sql, &mut args, q.limit, q.offset);
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            f(event_row(r)?)?;
        }
        Ok(())
    }

    /// The events of stored article `row` (any version), in text order, denied ones too.
    pub fn article_events(&self, row: i64) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS}
             FROM events e
             JOIN articles a ON a.id = e.article
             LEFT JOIN speakers p ON p.id = e.speaker
             WHERE e.article = ?1
             ORDER BY e.position"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st
            .query_map([row], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many events match `q`, ignoring its limit and offset.
    pub fn count_events(&self, q: &EventQuery) -> Result<u64> {
        let (filter, args) = event_filter(q, self.has_versions()?);
        let sql = format!(
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article WHERE {filter}"
        );
        let n: i64 = self
            .conn
            .query_row(&sql, params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Events matching `q` counted by month of their effective day and type, oldest month
    /// first (events without a day are not counted): the cells of a dyad's timeline.
    pub fn event_months(&self, q: &EventQuery) -> Result<Vec<EventCount>> {
        let (filter, args) = event_filter(q, self.has_versions()?);
        let sql = format!(
            "SELECT substr(e.effective_day, 1, 7) AS month, e.type, count(*)
             FROM events e JOIN articles a ON a.id = e.article
             WHERE {filter} AND e.effective_day IS NOT NULL
             GROUP BY month, e.type
             ORDER BY month, e.type"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(args), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(month, kind, n)| {
                Some(EventCount {
                    month,
                    kind: EventType::parse(&kind)?,
                    count: n as u64,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{day, store, Doc};

    fn party(words: &str, code: Option<&str>) -> Party {
        Party::new(words, code)
    }

    #[test]
    fn events_are_stored_with_who_says_so_and_read_back_by_dyad() {
        let (_dir, mut store) = store();
        let one = Doc::new(
            "1",
            "Halvaria will meet Vardania on Sunday, the Harbour Council said. \
             Vardanian troops shelled Mirra.",
        )
        .published("2031-03-02")
        .body("Harbour Council", &[])
        .says(
            Some(0),
            "Halvaria will meet Vardania on Sunday",
            Some("2031-03-01"),
        )
        .event(
            "meet",
            EventType::Consult,
            &[("Halvaria", "HAL")],
            &[("Vardania", "VAR")],
            Standing::Planned,
            Some(0),
            Some("2031-03-03"),
        )
        .event(
            "shelled",
            EventType::Assault,
            &[("Vardanian troops", "VAR")],
            &[("Mirra", "HAL")],
            Standing::Happened,
            None,
            None,
        )
        .at("Mirra")
        .build();
        let two = Doc::new("2", "Vardania did not attack Halvaria.")
            .published("2031-04-10")
            .event(
                "attack",
                EventType::Assault,
                &[("Vardania", "VAR")],
                &[("Halvaria", "HAL")],
                Standing::Denied,
                None,
                None,
            )
            .build();
        store.insert(&one.0, &one.1).unwrap();
        store.insert(&two.0, &two.1).unwrap();
        // a re-run adds nothing
        store.insert(&one.0, &one.1).unwrap();

        // denials are left out unless asked for
        let all = store.events(&EventQuery::default()).unwrap();
        assert_eq!(all.len(), 2);
        let meet = &all[1];
        assert_eq!(meet.kind, EventType::Consult);
        assert_eq!(meet.day, Some(day("2031-03-03")));
        assert_eq!(meet.effective_day, Some(day("2031-03-03")));
        assert_eq!(meet.speaker.as_ref().unwrap().name, "Harbour Council");
        assert!(meet.statement.is_some());
        assert_eq!(meet.dyad(), "Halvaria \u{2192} Vardania");
        assert!(meet.sentence.starts_with("Halvaria will meet"), "{meet:?}");
        // an event without a day of its own is placed on the day it was reported
        assert_eq!(all[0].kind, EventType::Assault);
        assert_eq!(
            all[0].location.as_ref().map(|p| p.text.as_str()),
            Some("Mirra")
        );
        assert_eq!(meet.location, None);
        assert_eq!(all[0].effective_day, Some(day("2031-03-02")));
        let denied = EventQuery {
            standing: Some(Standing::Denied),
            ..EventQuery::default()
        };
        assert_eq!(store.count_events(&denied).unwrap(), 1);

        // by code, by words, one way and both ways
        let hal_var = EventQuery {
            actor: Some(party("HAL", None)),
            recipient: Some(party("Vardania", Some("VAR"))),
            ..EventQuery::default()
        };
        assert_eq!(store.count_events(&hal_var).unwrap(), 1);
        let dyad = EventQuery {
            both_ways: true,
            ..hal_var.clone()
        };
        assert_eq!(store.count_events(&dyad).unwrap(), 2);
        let by_words = EventQuery {
            actor: Some(party("vardanian troops", None)),
            ..EventQuery::default()
        };
        assert_eq!(store.events(&by_words).unwrap()[0].trigger, "shelled");
        let per_council = EventQuery {
            speaker: Some("harbour council".into()),
            ..EventQuery::default()
        };
        assert_eq!(store.count_events(&per_council).unwrap(), 1);
        let months = store.event_months(&dyad).unwrap();
        let cell = |kind| EventCount {
            month: "2031-03".into(),
            kind,
            count: 1,
        };
        assert_eq!(months, [cell(EventType::Assault), cell(EventType::Consult)]);
        assert_eq!(store.article_events(all[0].article.row).unwrap().len(), 2);
    }
}
