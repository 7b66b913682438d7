//! Rebuilding the record from the stored articles with another analysis engine
//! (`onrecord reanalyze`): every article's statements, and the speaker identities, which
//! depend on the order articles arrived in, so they are rebuilt from nothing in that order.
//!
//! It is one transaction: readers see the old record until the new one is complete, and an
//! interrupted rebuild (Ctrl-C, kill -9, an article the new engine cannot analyse) changes
//! nothing, so running it again completes it.

use onrecord_core::{Analysis, Article};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::records::validate;
use crate::write::insert_analysis;
use crate::{day_to_sql, Error, Result, Store};

/// A rebuild in progress: give it every article with [`Rebuild::replace`], in row order,
/// then [`Rebuild::commit`]. Dropped without committing, it changes nothing.
pub struct Rebuild<'a> {
    tx: Transaction<'a>,
    articles: u64,
    replaced: u64,
    last_row: i64,
}

/// What replacing one article's statements changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub before: usize,
    pub after: usize,
    /// Whether the statements differ (kind, content, cue, source, audience or day), not only
    /// in number.
    pub changed: bool,
}

impl Store {
    /// Begin rebuilding every article's statements and all speaker identities (see the
    /// module docs). Holds the database's write lock until committed or dropped: other
    /// writers wait (up to the busy timeout), readers are not disturbed.
    pub fn rebuild(&mut self) -> Result<Rebuild<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let articles: i64 = tx.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        // Identities are rebuilt from nothing; statements keep their rows until their
        // article is replaced.
        tx.execute_batch(
            "UPDATE statements SET speaker = NULL WHERE speaker IS NOT NULL;
             UPDATE figures SET speaker = NULL WHERE speaker IS NOT NULL;
             UPDATE events SET speaker = NULL WHERE speaker IS NOT NULL;
             DELETE FROM speaker_variants;
             DELETE FROM speakers;",
        )?;
        Ok(Rebuild {
            tx,
            articles: articles as u64,
            replaced: 0,
            last_row: 0,
        })
    }
}

impl Rebuild<'_> {
    /// Articles in the store: [`Rebuild::replace`] must be called for each.
    pub fn articles(&self) -> u64 {
        self.articles
    }

    /// Replace the statements of stored article `row` (which must be `article`, as
    /// [`Store::each_article`] gave it) by those of `analysis`. Articles must come in row
    /// order, as they were first stored, so that identities resolve as they did then.
    pub fn replace(
        &mut self,
        row: i64,
        article: &Article,
        analysis: &Analysis,
    ) -> Result<Replaced> {
        let invalid = |message: String| Error::InvalidAnalysis {
            article: article.id.clone(),
            origin: article.origin.to_string(),
            message,
        };
        if row <= self.last_row {
            return Err(Error::InvalidQuery(format!(
                "rebuild: article row {row} after row {}; articles must come in row order",
                self.last_row
            )));
        }
        let fingerprint: Option<String> = self
            .tx
            .prepare_cached("SELECT fingerprint FROM articles WHERE id = ?1")?
            .query_row([row], |r| r.get(0))
            .ok();
        if fingerprint.as_deref() != Some(article.fingerprint().as_str()) {
            return Err(invalid(format!("is not the article stored as row {row}")));
        }
        validate(article, analysis)?;
        let before = statements_of(&self.tx, row)?;
        self.tx
            .prepare_cached("DELETE FROM statements WHERE article = ?1")?
            .execute([row])?;
        self.tx
            .prepare_cached("DELETE FROM figures WHERE article = ?1")?
            .execute([row])?;
        self.tx
            .prepare_cached("DELETE FROM events WHERE article = ?1")?
            .execute([row])?;
        self.tx
            .prepare_cached(
                "UPDATE articles SET published = ?2, published_confidence = ?3 WHERE id = ?1",
            )?
            .execute(params![
                row,
                day_to_sql(analysis.publication_day(article)),
                analysis
                    .inferred_day(article)
                    .map(|i| f64::from(i.confidence)),
            ])?;
        let after = insert_analysis(&self.tx, row, article, analysis)?;
        let changed = before != statements_of(&self.tx, row)?;
        self.replaced += 1;
        self.last_row = row;
        Ok(Replaced {
            before: before.len(),
            after,
            changed,
        })
    }

    /// Make the new record the record. Refused (and nothing changed) unless every article
    /// was replaced.
    pub fn commit(self) -> Result<()> {
        if self.replaced != self.articles {
            return Err(Error::InvalidQuery(format!(
                "rebuild incomplete: {} of {} articles replaced; nothing was changed",
                self.replaced, self.articles
            )));
        }
        self.tx.commit()?;
        Ok(())
    }
}

type StatementKey = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What tells two versions of an article's statements apart, in order.
fn statements_of(conn: &Connection, row: i64) -> Result<Vec<StatementKey>> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, content, cue, source, audience, day FROM statements
             WHERE article = ?1 ORDER BY position",
        )?
        .query_map([row], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{store, Doc};
    use crate::{SpeakerQuery, StatementQuery};

    fn docs() -> Vec<(Article, Analysis)> {
        vec![
            Doc::new("1", "Lopes said talks would resume.")
                .person("Lopes", &[])
                .says(Some(0), "talks would resume", None)
                .build(),
            Doc::new("2", "Ana Lopes said the harbour stays open.")
                .person("Ana Lopes", &[])
                .says(Some(0), "the harbour stays open", None)
                .build(),
        ]
    }

    fn snapshot(store: &Store) -> (crate::Counts, Vec<(String, String, u64)>, Vec<String>) {
        let speakers = store
            .speakers(&SpeakerQuery::default())
            .unwrap()
            .into_iter()
            .map(|s| (s.key, s.name, s.statements))
            .collect();
        let statements = store
            .statements(&StatementQuery::default())
            .unwrap()
            .into_iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.speaker.map(|p| p.name).unwrap_or_default(),
                    s.content
                )
            })
            .collect();
        (store.counts().unwrap(), speakers, statements)
    }

    fn rows(store: &Store) -> Vec<(i64, Article)> {
        let mut out = Vec::new();
        store
            .each_article(|r| {
                out.push((r.row, r.article));
                Ok(())
            })
            .unwrap();
        out
    }

    #[test]
    fn the_same_analyses_rebuild_the_same_record() {
        let (_d, mut store) = store();
        let docs = docs();
        for (a, an) in &docs {
            store.insert(a, an).unwrap();
        }
        let before = snapshot(&store);
        let rows = rows(&store);
        let mut rebuild = store.rebuild().unwrap();
        for ((row, article), (_, an)) in rows.iter().zip(&docs) {
            let r = rebuild.replace(*row, article, an).unwrap();
            assert_eq!(
                r,
                Replaced {
                    before: 1,
                    after: 1,
                    changed: false
                }
            );
        }
        rebuild.commit().unwrap();
        assert_eq!(snapshot(&store), before);
    }

    #[test]
    fn new_analyses_replace_statements_and_identities() {
        let (_d, mut store) = store();
        let docs = docs();
        for (a, an) in &docs {
            store.insert(a, an).unwrap();
        }
        let rows = rows(&store);
        let mut rebuild = store.rebuild().unwrap();
        // the new engine finds no statement in the first article
        let (_, empty) = Doc::new("1", "Lopes said talks would resume.").build();
        assert_eq!(
            rebuild.replace(rows[0].0, &rows[0].1, &empty).unwrap(),
            Replaced {
                before: 1,
                after: 0,
                changed: true
            }
        );
        rebuild.replace(rows[1].0, &rows[1].1, &docs[1].1).unwrap();
        rebuild.commit().unwrap();
        let (counts, speakers, _) = snapshot(&store);
        assert_eq!(
            (counts.articles, counts.statements, counts.speakers),
            (2, 1, 1)
        );
        assert_eq!(speakers, [("ana lopes".into(), "Ana Lopes".into(), 1)]);
        let sp = &store.speakers(&SpeakerQuery::default()).unwrap()[0];
        assert_eq!(
            sp.variants.len(),
            1,
            "spellings of the old analysis are gone"
        );
    }

    #[test]
    fn an_unfinished_rebuild_changes_nothing() {
        let (_d, mut store) = store();
        let docs = docs();
        for (a, an) in &docs {
            store.insert(a, an).unwrap();
        }
        let before = snapshot(&store);
        let rows = rows(&store);
        {
            let mut rebuild = store.rebuild().unwrap();
            let (_, empty) = Doc::new("1", "x").build();
            rebuild.replace(rows[0].0, &rows[0].1, &empty).unwrap();
            // out of order, and a stranger
            assert!(rebuild.replace(rows[0].0, &rows[0].1, &empty).is_err());
            let (other, _) = Doc::new("9", "Someone else said so.").build();
            assert!(rebuild.replace(rows[1].0, &other, &empty).is_err());
            let err = rebuild.commit().unwrap_err();
            assert!(err.to_string().contains("1 of 2 articles"), "{err}");
        }
        assert_eq!(snapshot(&store), before);
        // dropped mid-way: the same
        {
            let mut rebuild = store.rebuild().unwrap();
            let (_, empty) = Doc::new("1", "x").build();
            rebuild.replace(rows[0].0, &rows[0].1, &empty).unwrap();
        }
        assert_eq!(snapshot(&store), before);
    }
}
