//! The event queries of `onrecord events` and `export --table events` on PostgreSQL, with
//! the filters of `onrecord_store::EventQuery` read as the SQLite store reads them: a party
//! matches by folded words or by country code among a side's keys, and denied events are
//! left out unless asked for.

use std::ops::ControlFlow;

use onrecord_core::{fold, EventType};
use onrecord_store::{EventCount, EventQuery, EventRow, Party};

use crate::read::{speaker_match, Args};
use crate::rows::{event_row, EVENT_COLUMNS};
use crate::{PgStore, Result};

/// The SQL test that side `column` (actor_keys or recipient_keys) holds `party`.
fn party_match(column: &str, party: &Party, args: &mut Args) -> String {
    let mut tests = Vec::new();
    if !party.words.is_empty() {
        // folded words hold only `[a-z0-9 ]`: no LIKE escapes needed
        let p = args.push(format!("% {} %", party.words));
        tests.push(format!("{column} LIKE {p}"));
    }
    if let Some(code) = &party.code {
        let p = args.push(format!("% #{} %", code.to_ascii_lowercase()));
        tests.push(format!("{column} LIKE {p}"));
    }
    if tests.is_empty() {
        "false".into()
    } else {
        format!("({})", tests.join(" OR "))
    }
}

/// The conditions of an event query over `events e` and `articles a`: current articles
/// only.
fn event_filter(q: &EventQuery, args: &mut Args) -> String {
    let mut clauses = vec!["a.superseded_by IS NULL".to_string()];
    match (&q.actor, &q.recipient, q.both_ways) {
        (Some(a), Some(b), true) => {
            let mut clause = |x: &Party, y: &Party| {
                let ax = party_match("e.actor_keys", x, args);
                let by = party_match("e.recipient_keys", y, args);
                format!("({ax} AND {by})")
            };
            let one = clause(a, b);
            let other = clause(b, a);
            let ab = party_match("e.actor_keys", a, args);
            let ba = party_match("e.actor_keys", b, args);
            clauses.push(format!(
                "({one} OR {other} OR ({ab} AND {ba} AND e.recipient_keys = ' '))"
            ));
        }
        (a, b, _) => {
            if let Some(a) = a {
                clauses.push(party_match("e.actor_keys", a, args));
            }
            if let Some(b) = b {
                clauses.push(party_match("e.recipient_keys", b, args));
            }
        }
    }
    if let Some(k) = q.kind {
        clauses.push(format!("e.type = {}", args.push(k.as_str().to_string())));
    }
    match q.standing {
        Some(s) => clauses.push(format!(
            "e.standing = {}",
            args.push(s.as_str().to_string())
        )),
        None => clauses.push("e.standing <> 'denied'".into()),
    }
    if let Some(speaker) = &q.speaker {
        clauses.push(speaker_match("e.speaker", speaker, args));
    }
    if let Some(from) = q.from {
        let d = args.push(from.to_string());
        clauses.push(format!("e.effective_day >= {d}::text::date"));
    }
    if let Some(to) = q.to {
        let d = args.push(to.to_string());
        clauses.push(format!("e.effective_day <= {d}::text::date"));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push(format!("a.outlet_folded = {}", args.push(fold(outlet))));
    }
    if let Some(article) = &q.article {
        clauses.push(format!("a.external_id = {}", args.push(article.clone())));
    }
    clauses.join(" AND ")
}

fn event_select(q: &EventQuery) -> (String, Args) {
    let mut args = Args::default();
    let filter = event_filter(q, &mut args);
    let mut sql = format!(
        "SELECT {EVENT_COLUMNS}
         FROM events e
         JOIN articles a ON a.id = e.article
         LEFT JOIN speakers p ON p.id = e.speaker
         WHERE {filter}
         ORDER BY e.effective_day IS NULL, e.effective_day, e.article, e.position"
    );
    args.limit(&mut sql, q.limit, q.offset);
    (sql, args)
}

impl PgStore {
    /// Events of current articles matching `q`, oldest first (unknown days last), then by
    /// article and position; as `onrecord_store::Store::events`.
    pub fn events(&mut self, q: &EventQuery) -> Result<Vec<EventRow>> {
        let (sql, args) = event_select(q);
        let rows = self.client.query(&sql, &args.refs())?;
        Ok(rows.iter().map(event_row).collect())
    }

    /// Every event matching `q`, in the order of [`PgStore::events`], a batch at a time.
    pub fn each_event(
        &mut self,
        q: &EventQuery,
        f: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let (sql, args) = event_select(q);
        self.stream(&sql, &args.refs(), &mut |r| f(event_row(r)))
    }

    /// The events of stored article `row` (any version), in text order, denied ones too.
    pub fn article_events(&mut self, row: i64) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS}
             FROM events e
             JOIN articles a ON a.id = e.article
             LEFT JOIN speakers p ON p.id = e.speaker
             WHERE e.article = $1
             ORDER BY e.position"
        );
        let rows = self.client.query(&sql, &[&row])?;
        Ok(rows.iter().map(event_row).collect())
    }

    /// How many events match `q`, ignoring its limit and offset.
    pub fn count_events(&mut self, q: &EventQuery) -> Result<u64> {
        let mut args = Args::default();
        let filter = event_filter(q, &mut args);
        let sql = format!(
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article WHERE {filter}"
        );
        let n: i64 = self.client.query_one(&sql, &args.refs())?.get(0);
        Ok(n as u64)
    }

    /// Events matching `q` counted by month of their effective day and type, oldest month
    /// first (events without a day are not counted): the cells of a dyad's timeline.
    pub fn event_months(&mut self, q: &EventQuery) -> Result<Vec<EventCount>> {
        let mut args = Args::default();
        let filter = event_filter(q, &mut args);
        let sql = format!(
            "SELECT to_char(e.effective_day, 'YYYY-MM') AS month, e.type, count(*)
             FROM events e JOIN articles a ON a.id = e.article
             WHERE {filter} AND e.effective_day IS NOT NULL
             GROUP BY month, e.type
             ORDER BY month, e.type COLLATE \"C\""
        );
        let rows = self.client.query(&sql, &args.refs())?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(EventCount {
                    month: r.get(0),
                    kind: EventType::parse(r.get(1))?,
                    count: r.get::<_, i64>(2) as u64,
                })
            })
            .collect())
    }
}
