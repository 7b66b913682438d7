//! Hand-built articles and analyses for the unit tests.

use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, Bound, Day, DayEvidence, Event,
    EventEntity, EventType, Figure, FigureValue, Origin, Span, Speaker, SpeakerKind, Standing,
};

use crate::Store;

pub fn day(s: &str) -> Day {
    s.parse().unwrap()
}

/// A fresh store in a temporary directory (kept alive by the returned guard).
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("test.db")).unwrap();
    (dir, store)
}

/// Builds an article and its analysis: statements are given by their content text, which
/// must occur in the article text.
pub struct Doc {
    pub article: Article,
    pub analysis: Analysis,
}

impl Doc {
    pub fn new(id: &str, text: &str) -> Doc {
        Doc {
            article: Article {
                id: id.into(),
                text: text.into(),
                origin: Origin {
                    path: format!("{id}.txt"),
                    line: None,
                    offset: None,
                },
                ..Article::default()
            },
            analysis: Analysis::default(),
        }
    }

    pub fn published(mut self, d: &str) -> Doc {
        self.article.published = Some(day(d));
        self
    }

    pub fn outlet(mut self, o: &str) -> Doc {
        self.article.outlet = Some(o.into());
        self
    }

    /// Add a person named `name`, also written as `variants`.
    pub fn person(self, name: &str, variants: &[&str]) -> Doc {
        self.speaker(name, variants, SpeakerKind::Person)
    }

    pub fn body(self, name: &str, variants: &[&str]) -> Doc {
        self.speaker(name, variants, SpeakerKind::Body)
    }

    fn speaker(mut self, name: &str, variants: &[&str], kind: SpeakerKind) -> Doc {
        let mut all = vec![name.to_string()];
        all.extend(variants.iter().map(|v| v.to_string()));
        self.analysis.speakers.push(Speaker {
            name: name.into(),
            key: identity_key(name),
            kind,
            role: None,
            affiliation: None,
            variants: all,
        });
        self
    }

    /// Set the role and affiliation of the last speaker added.
    pub fn role(mut self, role: &str, affiliation: &str) -> Doc {
        let s = self.analysis.speakers.last_mut().unwrap();
        s.role = (!role.is_empty()).then(|| role.into());
        s.affiliation = (!affiliation.is_empty()).then(|| affiliation.into());
        self
    }

    fn find(&self, needle: &str) -> Span {
        let start = self.article.text.find(needle).unwrap_or_else(|| {
            panic!("{needle:?} is not in {:?}", self.article.text);
        });
        Span::new(start, start + needle.len())
    }

    /// A statement by speaker number `speaker` whose content is `content`, with cue `said`
    /// if the text has it.
    pub fn says(mut self, speaker: Option<usize>, content: &str, date: Option<&str>) -> Doc {
        let content = vec![self.find(content)];
        let cue = self.article.text.find("said").map(|i| Span::new(i, i + 4));
        self.analysis.attributions.push(Attribution {
            kind: AttributionKind::Indirect,
            content,
            cue: cue.into_iter().collect(),
            source: Vec::new(),
            speaker,
            date: date.map(day),
            date_evidence: date.map(|_| DayEvidence::Published),
            audience: None,
            echo: None,
            resolution: None,
        });
        self
    }

    /// A figure written `written` in the text, of `value` `unit`, given in statement number
    /// `statement` (if any) by that statement's speaker.
    pub fn figure(
        mut self,
        written: &str,
        value: f64,
        unit: &str,
        statement: Option<usize>,
    ) -> Doc {
        let span = self.find(written);
        let speaker = statement.and_then(|i| self.analysis.attributions[i].speaker);
        self.analysis.figures.push(Figure {
            span,
            value: FigureValue::One(value),
            unit: unit.into(),
            bound: Bound::Exact,
            subject: None,
            source: None,
            statement,
            speaker,
            date: None,
        });
        self
    }

    /// An event named by `trigger`, with (words, code) actors and recipients, reported in
    /// statement number `statement`.
    #[allow(clippy::too_many_arguments)]
    pub fn event(
        mut self,
        trigger: &str,
        kind: EventType,
        actors: &[(&str, &str)],
        recipients: &[(&str, &str)],
        standing: Standing,
        statement: Option<usize>,
        day: Option<&str>,
    ) -> Doc {
        let trigger = self.find(trigger);
        if self.analysis.sentences.is_empty() {
            // one sentence: the whole text
            let n = self.article.text.len();
            self.analysis.sentences.push(Span::new(0, n));
        }
        let party = |(words, code): &(&str, &str)| EventEntity {
            span: vec![self.find(words)],
            country: Some(code.to_string()),
            sector: None,
        };
        let actors = actors.iter().map(&party).collect();
        let recipients = recipients.iter().map(&party).collect();
        self.analysis.events.push(Event {
            kind,
            mode: None,
            context: Vec::new(),
            trigger,
            actors,
            recipients,
            sentence: 0,
            statement,
            standing,
            day: day.map(|d| d.parse().unwrap()),
            location: None,
            subordinate: false,
        });
        self
    }

    /// The last event took place at `place` (words of the text).
    pub fn at(mut self, place: &str) -> Doc {
        let span = self.find(place);
        let ev = self.analysis.events.last_mut().expect("an event first");
        ev.location = Some(EventEntity {
            span: vec![span],
            country: None,
            sector: None,
        });
        self
    }

    pub fn build(self) -> (Article, Analysis) {
        (self.article, self.analysis)
    }
}
