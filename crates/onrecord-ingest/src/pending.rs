//! Reading in two steps: the walk over the inputs yields [`Pending`] steps, cheap to make;
//! [`Pending::extract`] does the costly part (a JSONL line's parse; a web page's HTTP
//! decoding, charset and article extraction, also of a crawl line's `html`) on whatever
//! thread the caller likes; a [`Collector`] takes the results back in input order and adds
//! what needs the whole file (a WARC file's summary).
//!
//! This split exists because a WARC file or a crawl's JSONL holds thousands of pages:
//! extracting them on the one thread that reads would leave every other core waiting for it.

use onrecord_core::{Article, Origin};

use crate::html::{self, PageInfo};
use crate::warc::{Counts, PageOutcome, WarcPage};
use crate::{Item, Problem};

/// One step of reading the inputs, before its web page (if any) is extracted.
#[derive(Debug)]
pub struct Pending(Step);

#[derive(Debug)]
enum Step {
    /// Nothing left to do: an article of a `.txt` or JSONL input, or a problem.
    Ready(Item),
    /// A web page read whole (a `.html` file, or standard input read as HTML).
    Html {
        bytes: Vec<u8>,
        id: String,
        origin: Origin,
    },
    /// A line of a JSONL file, not yet parsed: a crawl line's `html` is a page to extract.
    JsonLine {
        text: String,
        stem: String,
        origin: Origin,
    },
    /// An HTML response record of a WARC file.
    Warc(Box<WarcPage>),
    /// The end of a WARC file, with what its records were (the pages' fates are counted by
    /// the collector).
    WarcEnd { origin: Origin, counts: Box<Counts> },
}

impl From<Item> for Pending {
    fn from(item: Item) -> Pending {
        Pending(Step::Ready(item))
    }
}

impl From<Problem> for Pending {
    fn from(p: Problem) -> Pending {
        Pending(Step::Ready(Item::Problem(p)))
    }
}

impl Pending {
    pub(crate) fn html(bytes: Vec<u8>, id: String, origin: Origin) -> Pending {
        Pending(Step::Html { bytes, id, origin })
    }

    pub(crate) fn json_line(text: String, stem: String, origin: Origin) -> Pending {
        Pending(Step::JsonLine { text, stem, origin })
    }

    pub(crate) fn warc_page(page: WarcPage) -> Pending {
        Pending(Step::Warc(Box::new(page)))
    }

    pub(crate) fn warc_end(origin: Origin, counts: Counts) -> Pending {
        Pending(Step::WarcEnd {
            origin,
            counts: Box::new(counts),
        })
    }

    /// Whether [`Pending::extract`] has a web page to extract (a `.html` file, a WARC
    /// record or a crawl line), for callers that size their batches by work.
    pub fn is_page(&self) -> bool {
        match &self.0 {
            Step::Html { .. } | Step::Warc(_) => true,
            // (a line with a "text" field has no page, whatever its "html" says)
            Step::JsonLine { text, .. } => text.contains("\"html\"") && !text.contains("\"text\""),
            _ => false,
        }
    }

    /// Extracts the article of a web page; other steps pass through. Pure and `Send`: run it
    /// on any thread, then hand the result to the [`Collector`] in input order.
    pub fn extract(self) -> Extracted {
        match self.0 {
            Step::Ready(item) => Extracted {
                items: vec![item],
                tally: Tally::None,
            },
            Step::Html { bytes, id, origin } => {
                let parsed = html::parse_bytes(&bytes, &id, &origin, PageInfo::default());
                let mut items: Vec<Item> = parsed.problems.into_iter().map(Item::Problem).collect();
                items.extend(parsed.article.map(Item::Article));
                Extracted {
                    items,
                    tally: Tally::None,
                }
            }
            Step::JsonLine { text, stem, origin } => {
                let parsed = crate::jsonl::parse_line(&text, &stem, &origin);
                let mut items: Vec<Item> = parsed.problems.into_iter().map(Item::Problem).collect();
                items.extend(parsed.article.map(Item::Article));
                Extracted {
                    items,
                    tally: Tally::None,
                }
            }
            Step::Warc(page) => {
                let (problems, article, outcome) = page.extract();
                let mut items: Vec<Item> = problems.into_iter().map(Item::Problem).collect();
                items.extend(article.map(Item::Article));
                Extracted {
                    items,
                    tally: Tally::Page(outcome),
                }
            }
            Step::WarcEnd { origin, counts } => Extracted {
                items: Vec::new(),
                tally: Tally::WarcEnd { origin, counts },
            },
        }
    }
}

/// A [`Pending`] step done: its items, and what the [`Collector`] must count.
#[derive(Debug)]
pub struct Extracted {
    /// Problems first, then the article if there is one.
    items: Vec<Item>,
    tally: Tally,
}

#[derive(Debug)]
enum Tally {
    None,
    Page(PageOutcome),
    WarcEnd { origin: Origin, counts: Box<Counts> },
}

impl Extracted {
    /// The article, if the step gave one (at most one per step), for a caller that analyses
    /// it on the same thread before collecting.
    pub fn article(&self) -> Option<&Article> {
        self.items.iter().find_map(Item::article)
    }
}

/// Takes [`Extracted`] steps in input order and gives their items, adding at the end of each
/// WARC file a [`Severity::Note`](crate::Severity::Note) summing up its records.
#[derive(Debug, Default)]
pub struct Collector {
    /// The pages of the WARC file being read, by outcome.
    pages: Counts,
}

impl Collector {
    /// The items of one step, in input order.
    pub fn collect(&mut self, extracted: Extracted) -> Vec<Item> {
        match extracted.tally {
            Tally::None => {}
            Tally::Page(outcome) => self.pages.add_page(outcome),
            Tally::WarcEnd { origin, mut counts } => {
                counts.merge(&std::mem::take(&mut self.pages));
                return vec![Item::Problem(Problem::note(origin, counts.summary()))];
            }
        }
        extracted.items
    }
}

/// Every step extracted on the iterating thread: what [`crate::read_inputs`] gives.
pub(crate) fn resolve(
    steps: impl Iterator<Item = Pending> + Send,
) -> impl Iterator<Item = Item> + Send {
    let mut collector = Collector::default();
    steps.flat_map(move |step| collector.collect(step.extract()))
}
