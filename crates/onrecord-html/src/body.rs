//! The main text: which part of the page is the article, and which of its blocks to keep.
//!
//! Every block of text gets a value: prose (long, punctuated, few links) counts for the
//! region that holds it, in proportion to its length; a link list, a block inside a part
//! named as boilerplate (see `hints`), and short label-like lines count against it. The
//! article is then the element whose subtree has the highest sum — a maximum-weight subtree:
//! it grows to take in a lead paragraph or a second body part beside the first, and stops
//! where navigation, sidebars and footers would cost more than they bring. An element named
//! as the article body (`entry-content`, `itemprop=articleBody`) is preferred when it holds
//! nearly as much. Inside the chosen element, the blocks a reader would not count as the
//! article are dropped one by one: boilerplate parts, link lists, the headline, bylines and
//! date lines; captions are set apart.

use crate::dom::{Kind, Scan, Tag, NONE};
use crate::hints::Flags;
use crate::{Block, BlockKind};

/// The main text and what was set apart from it.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    pub blocks: Vec<Block>,
    pub captions: Vec<String>,
    /// Lines of the article that are bylines ("By Jane Roe and Ivo Lind").
    pub byline_texts: Vec<String>,
    /// The element chosen as the article (`NONE` when the page has no text).
    pub container: u32,
    /// The headline's element, when the page shows it as a heading.
    pub headline: u32,
}

/// Share of the page's prose above which a boilerplate name on an element is not believed:
/// a `<body class="has-sidebar">` or a `<form>` around the whole page holds the article.
const STRONG_HINT_MAX_SHARE: f64 = 0.75;
const WEAK_HINT_MAX_SHARE: f64 = 0.4;
/// An `<article>` or `<main>` named `newsletter-post` is the post, not a sign-up box.
const ARTICLE_HINT_MAX_SHARE: f64 = 0.3;
/// An element named as the article body wins when it holds this share of the best sum.
const CONTENT_HINT_SHARE: f64 = 0.6;
/// When the article chosen with class names believed holds less than this share of what is
/// chosen by structure alone, the names misled (`sidebar-content` around a whole article):
/// the structural choice is taken.
const NAMES_MISLEAD_SHARE: f64 = 0.4;
/// What a link list costs per character, against one for a character of prose: enough to
/// keep menus and link columns out of the article, not so much that a resource list inside
/// it splits the article in two.
const LINK_LIST_WEIGHT: f64 = 0.5;
/// A block this long is prose whatever its ending; shorter ones must end as a sentence does.
const LONG_BLOCK_CHARS: u32 = 80;
/// The longest block taken for a caption.
const MAX_CAPTION_CHARS: u32 = 400;
/// How much of its sum the article may lose to take in its parent (see `choose`).
const GROW_TOLERANCE: f64 = 0.1;
/// Inside the article, a boilerplate-named part is dropped unless it holds this share of the
/// article's prose (then it is the article's own wrapper, whatever its name).
const INNER_HINT_MAX_SHARE: f64 = 0.5;

/// Which names to believe when choosing the article.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Names {
    /// Tags, roles and hidden parts, and class and id words.
    All,
    /// Tags, roles and hidden parts only.
    Structure,
}

/// How the article was chosen, for a person checking an extraction: the best element by
/// names and by structure, with their sums, and the one taken.
pub(crate) fn explain(scan: &Scan, doc: &scraper::Html) -> String {
    if scan.els.is_empty() {
        return "no elements".into();
    }
    let prose = prose_per_element(scan);
    let mut out = String::new();
    for (what, names) in [("by names", Names::All), ("by structure", Names::Structure)] {
        match choose(scan, &prose, names) {
            Some((c, sum)) => out.push_str(&format!(
                "{what}: {} (sum {sum:.0}, prose {:.0} of {:.0})\n",
                path(scan, doc, c),
                prose.per_element[c as usize],
                prose.total
            )),
            None => out.push_str(&format!("{what}: nothing\n")),
        }
    }
    out
}

/// `body > div#main.content > article.post`: an element's place, as CSS would name it.
fn path(scan: &Scan, doc: &scraper::Html, el: u32) -> String {
    let mut parts = Vec::new();
    let mut e = el;
    while e != NONE {
        let x = &scan.els[e as usize];
        if let Some(scraper::Node::Element(n)) = doc.tree.get(x.node).map(|n| n.value()) {
            let mut p = n.name().to_string();
            if let Some(id) = n.attr("id") {
                p.push('#');
                p.push_str(id);
            }
            for c in n.classes().take(3) {
                p.push('.');
                p.push_str(c);
            }
            if x.flags != Flags::default() {
                p.push_str(&format!("{{{:?}}}", x.flags));
            }
            parts.push(p);
        }
        e = x.parent;
    }
    parts.reverse();
    parts.join(" > ")
}

pub(crate) fn extract(scan: &Scan, title: Option<&str>, bylines: &[String]) -> Body {
    let n = scan.els.len();
    if n == 0 || scan.blocks.is_empty() {
        return Body {
            container: NONE,
            headline: NONE,
            ..Body::default()
        };
    }
    let prose = prose_per_element(scan);
    let by_names = choose(scan, &prose, Names::All);
    let by_structure = choose(scan, &prose, Names::Structure);
    let container = match (by_names, by_structure) {
        (Some((_, s)), Some((c0, s0))) if s < NAMES_MISLEAD_SHARE * s0 => (c0, s0),
        (Some(best), _) | (None, Some(best)) => best,
        (None, None) => (0, 0.0),
    };
    // A page with no prose at all (a few words in a `<p>`): all that is not boilerplate.
    let container = if container.1 > 0.0 { container.0 } else { 0 };
    emit(scan, container, &prose, title, bylines)
}

/// Prose characters under each element (text in blocks that are not link lists or captions),
/// and whether hidden parts can be believed to be hidden for good.
struct Prose {
    per_element: Vec<f64>,
    total: f64,
    /// False when the hidden parts hold more prose than the visible page: a page streamed by
    /// a script framework (`<div hidden id="S:0">`) keeps its article hidden until a script
    /// moves it into place.
    trust_hidden: bool,
}

fn prose_per_element(scan: &Scan) -> Prose {
    let per_element = prose_chars(scan);
    let total = per_element[0];
    let mut hidden = 0.0;
    let mut inside_hidden = vec![false; scan.els.len()];
    for (i, el) in scan.els.iter().enumerate() {
        let p = el.parent;
        let above = p != NONE && inside_hidden[p as usize];
        inside_hidden[i] = above || el.flags.contains(Flags::HIDDEN);
        if inside_hidden[i] && !above {
            hidden += per_element[i];
        }
    }
    Prose {
        per_element,
        total,
        trust_hidden: hidden < total - hidden,
    }
}

fn prose_chars(scan: &Scan) -> Vec<f64> {
    let n = scan.els.len();
    let mut prose = vec![0f64; n];
    for b in &scan.blocks {
        if b.link_chars * 2 <= b.chars && (b.kind != Kind::Caption || b.chars > MAX_CAPTION_CHARS) {
            prose[b.owner as usize] += b.chars as f64;
        }
    }
    for i in (1..n).rev() {
        let p = scan.els[i].parent;
        if p != NONE {
            prose[p as usize] += prose[i];
        }
    }
    prose
}

/// Whether element `i`'s name marks it as not article text, given the prose it holds and the
/// prose of the region it is judged in.
fn believed(scan: &Scan, i: usize, prose: &Prose, names: Names) -> bool {
    let total = prose.total;
    let trust_hidden = prose.trust_hidden;
    let prose = &prose.per_element;
    let el = &scan.els[i];
    if matches!(el.tag, Tag::Html | Tag::Body) || el.flags.contains(Flags::CONTENT) {
        return false;
    }
    let share = prose[i] / total.max(1.0);
    let strong_max = match el.tag {
        Tag::Article | Tag::Main => ARTICLE_HINT_MAX_SHARE,
        _ => STRONG_HINT_MAX_SHARE,
    };
    let hidden = if trust_hidden {
        Flags::HIDDEN
    } else {
        Flags::default()
    };
    let strong = match names {
        Names::All => Flags::BOILER.union(Flags::STRUCTURE).union(hidden),
        Names::Structure => Flags::STRUCTURE.union(hidden),
    };
    (el.flags.intersects(strong) && share < strong_max)
        || (names == Names::All && el.flags.contains(Flags::WEAK) && share < WEAK_HINT_MAX_SHARE)
}

/// The element with the highest sum of block values (see the module comment), with its sum.
fn choose(scan: &Scan, prose: &Prose, names: Names) -> Option<(u32, f64)> {
    let n = scan.els.len();
    let mut boiler = vec![false; n];
    for i in 0..n {
        let p = scan.els[i].parent;
        boiler[i] = believed(scan, i, prose, names) || (p != NONE && boiler[p as usize]);
    }
    let mut sum = vec![0f64; n];
    for b in &scan.blocks {
        sum[b.owner as usize] += value(scan, b, boiler[b.owner as usize]);
    }
    for i in (1..n).rev() {
        let p = scan.els[i].parent;
        if p != NONE {
            sum[p as usize] += sum[i];
        }
    }
    let argmax = |keep: &dyn Fn(usize) -> bool| {
        (0..n)
            .filter(|&i| !boiler[i] && keep(i))
            .fold(None::<usize>, |best, i| match best {
                Some(b) if sum[b] >= sum[i] => Some(b),
                _ => Some(i),
            })
    };
    let mut best = argmax(&|_| true)?;
    // Grow to an ancestor that costs little: an article holding a small "read also" box or a
    // few short lines is the article, not its longest paragraph alone.
    loop {
        let p = scan.els[best].parent;
        if p == NONE
            || boiler[p as usize]
            || matches!(scan.els[p as usize].tag, Tag::Body | Tag::Html)
        {
            break;
        }
        if sum[p as usize] >= (1.0 - GROW_TOLERANCE) * sum[best] {
            best = p as usize;
        } else {
            break;
        }
    }
    if names == Names::All {
        if let Some(named) = argmax(&|i| scan.els[i].flags.contains(Flags::CONTENT)) {
            if sum[named] > 0.0 && sum[named] >= CONTENT_HINT_SHARE * sum[best] {
                best = named;
            }
        }
    }
    Some((best as u32, sum[best]))
}

/// What a block says about the region holding it (see the module comment).
fn value(scan: &Scan, b: &crate::dom::TextBlock, boiler: bool) -> f64 {
    let chars = b.chars as f64;
    if boiler || is_placeholder(scan.block_text(b)) {
        return -chars;
    }
    match b.kind {
        Kind::Caption if b.chars <= MAX_CAPTION_CHARS => return 0.0,
        Kind::Heading(_) => return 0.0,
        _ => {}
    }
    let density = b.link_chars as f64 / chars.max(1.0);
    if density > 0.5 {
        return -chars * LINK_LIST_WEIGHT;
    }
    let text = scan.block_text(b);
    if chars >= LONG_BLOCK_CHARS as f64 {
        chars * (1.0 - density)
    } else if text.ends_with(['.', '!', '?', '"', '”', ':']) {
        0.5 * chars * (1.0 - density)
    } else {
        -chars.min(20.0) * 0.5
    }
}

/// Template filler a page builder shows until an editor replaces it ("Lorem ipsum dolor sit
/// amet …"): a part of the page no one wrote, so never the article.
fn is_placeholder(text: &str) -> bool {
    text.get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("lorem ipsum"))
}

/// The blocks of `container` a reader counts as the article, in order.
fn emit(
    scan: &Scan,
    container: u32,
    prose: &Prose,
    title: Option<&str>,
    bylines: &[String],
) -> Body {
    let el = &scan.els[container as usize];
    // Boilerplate below the container, judged against the container's own prose.
    let first = container as usize;
    let last = el.end as usize;
    let mut boiler = vec![false; last - first];
    let first_prose = first_prose_block(scan, el.blocks);
    for i in first + 1..last {
        let p = scan.els[i].parent as usize;
        let inherited = p > first && boiler[p - first];
        boiler[i - first] = inherited
            || (believed_inside(scan, i, prose, first) && !is_section_header(scan, i, first_prose));
    }
    let inside_boiler = |owner: u32| owner as usize > first && boiler[owner as usize - first];
    let title_key = title.map(key);
    let byline_keys: Vec<String> = bylines.iter().map(|b| key(b)).collect();
    let mut body = Body {
        container,
        headline: NONE,
        ..Body::default()
    };
    // A table row's cells, gathered into one line.
    let mut row: Option<(u32, String)> = None;
    let span = el.blocks.0 as usize..el.blocks.1 as usize;
    for (at, b) in scan.blocks[span.clone()].iter().enumerate() {
        if b.row != NONE && row.as_ref().is_some_and(|(r, _)| *r != b.row) {
            if let Some((_, line)) = row.take() {
                push_block(&mut body, &line, BlockKind::Cell);
            }
        }
        let text = scan.block_text(b);
        if inside_boiler(b.owner) {
            // A byline sits in a metadata line, named as such; keep its names.
            if is_byline(text, &byline_keys) {
                body.byline_texts.push(text.to_string());
            }
            continue;
        }
        if text.is_empty() || is_placeholder(text) {
            continue;
        }
        // Captions are short; a long "caption" is text under a misleading name.
        if b.kind == Kind::Caption && b.chars <= MAX_CAPTION_CHARS {
            body.captions.push(text.replace('\n', " "));
            continue;
        }
        if b.link_chars * 2 > b.chars {
            // A list of links inside the article is part of it (sources, resources, a
            // course list); a run of links elsewhere is navigation. A linked heading over
            // text of its own heads a section (an item of a round-up, named after what it
            // links to).
            let heads_text = matches!(b.kind, Kind::Heading(_))
                && section_prose(&scan.blocks[span.start + at + 1..span.end]) >= LONG_BLOCK_CHARS;
            if b.kind != Kind::Item && !heads_text {
                continue;
            }
        }
        if let Kind::Heading(_) = b.kind {
            if body.headline == NONE && title_key.as_deref() == Some(key(text).as_str()) {
                body.headline = b.owner;
                continue;
            }
        }
        if is_byline(text, &byline_keys) {
            body.byline_texts.push(text.to_string());
            continue;
        }
        // A table's cells are its data: a date in a column of dates is no date line.
        if (b.kind != Kind::Cell && is_date_line(text)) || is_copyright_line(text) {
            continue;
        }
        let kind = match b.kind {
            Kind::Heading(_) => BlockKind::Heading,
            Kind::Item => BlockKind::Item,
            Kind::Quote => BlockKind::Quote,
            Kind::Cell => BlockKind::Cell,
            Kind::Pre => BlockKind::Pre,
            Kind::Paragraph | Kind::Caption => BlockKind::Paragraph,
        };
        if b.row != NONE {
            match row.as_mut() {
                Some((_, line)) => {
                    line.push_str(" | ");
                    line.push_str(&one_line(text));
                }
                None => row = Some((b.row, one_line(text))),
            }
            continue;
        }
        push_block(&mut body, text, kind);
    }
    if let Some((_, line)) = row.take() {
        push_block(&mut body, &line, BlockKind::Cell);
    }
    drop_repeated_runs(&mut body);
    cut_author_box(&mut body, bylines);
    cut_teaser_tail(&mut body);
    cut_label_tail(&mut body);
    body
}

/// The fewest label-like lines in a row that end an article as a list of tags, categories
/// or social links.
const LABEL_RUN_MIN: usize = 3;
/// The most words of a label ("Strength Training", "Facebook: Ledger").
const LABEL_MAX_WORDS: usize = 5;

/// An article ends on a sentence. A run of short lines after its last sentence, none of them
/// one ("Ferries", "Harbour board", "Kestrel"), is the tags, categories or social links the
/// page sets under it: the run is cut.
fn cut_label_tail(body: &mut Body) {
    let n = body.blocks.len();
    // A table's rows are its data, however short.
    let is_label = |b: &Block| {
        let text = body.text[b.start..b.end].trim();
        !matches!(b.kind, BlockKind::Cell | BlockKind::Pre)
            && text.split_whitespace().count() <= LABEL_MAX_WORDS
            && !text.ends_with(['.', '!', '?', ':', ';', '"', '”', ')'])
    };
    let mut at = n;
    while at > 0 && is_label(&body.blocks[at - 1]) {
        at -= 1;
    }
    if at > 0 && n - at >= LABEL_RUN_MIN {
        cut_blocks(body, at, n);
    }
}

/// The fewest long paragraphs in a row, each already given, that make a second copy.
const COPY_RUN_MIN: usize = 3;

/// Pages built for phones and desktops often carry the article twice, one copy shown by the
/// style sheet at each width (or a tabbed and an untabbed copy). A run of long paragraphs
/// that were all given before is such a copy: the run is dropped, with the short lines
/// between its paragraphs. A single repeated paragraph (a refrain, a pull quote) stays.
fn drop_repeated_runs(body: &mut Body) {
    let n = body.blocks.len();
    let mut seen = std::collections::HashSet::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // first, last, count
    for i in 0..=n {
        let long = i < n && {
            let b = &body.blocks[i];
            b.end - b.start >= LONG_BLOCK_CHARS as usize
        };
        if i < n && !long {
            continue;
        }
        let repeated = i < n && {
            let b = &body.blocks[i];
            !seen.insert(&body.text[b.start..b.end])
        };
        if repeated {
            run = Some(match run {
                Some((first, _, count)) => (first, i, count + 1),
                None => (i, i, 1),
            });
        } else if let Some((first, last, count)) = run.take() {
            if count >= COPY_RUN_MIN {
                runs.push((first, last + 1));
            }
        }
    }
    for (at, to) in runs.into_iter().rev() {
        cut_blocks(body, at, to);
    }
}

/// The prose characters (text outside links, in paragraphs, list items and quotations) from
/// the start of `blocks` to the next heading.
fn section_prose(blocks: &[crate::dom::TextBlock]) -> u32 {
    blocks
        .iter()
        .take_while(|b| !matches!(b.kind, Kind::Heading(_)))
        .filter(|b| matches!(b.kind, Kind::Paragraph | Kind::Item | Kind::Quote))
        .map(|b| b.chars - b.link_chars)
        .sum()
}

/// Verbs that open an author's note after the name: "Jane Roe is a reporter …", "Jane has
/// covered …".
const BIO_VERBS: &[&str] = &[
    "is",
    "was",
    "has",
    "holds",
    "lives",
    "loves",
    "writes",
    "covers",
    "specializes",
    "specialises",
    "joined",
    "brings",
    "founded",
    "works",
    "leads",
];

/// An author box closes many articles: a paragraph that opens with the byline's name and
/// says who the author is ("Jane Roe is a reporter …", "Jane has written for …"). In the last
/// quarter of the article it is the box, not the article; it and what follows it (the
/// author's links, more posts) are cut. Only personal names of two words or more are looked
/// for: a one-word byline is often the outlet, whose name opens sentences of the article.
fn cut_author_box(body: &mut Body, bylines: &[String]) {
    let n = body.blocks.len();
    if n < 4 {
        return;
    }
    let mut names: Vec<&str> = Vec::new();
    for b in bylines {
        let words: Vec<&str> = b.split_whitespace().collect();
        if words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase)) {
            names.push(b.trim());
            names.push(words[0]);
        }
    }
    if names.is_empty() {
        return;
    }
    let opens_bio = |text: &str| {
        names.iter().any(|name| {
            text.strip_prefix(name).is_some_and(|rest| {
                let rest = rest.strip_prefix(' ').unwrap_or("");
                let verb = rest.split(' ').next().unwrap_or("");
                BIO_VERBS.contains(&verb)
            })
        })
    };
    let first_tail = n - (n / 4).max(2);
    let Some(at) = (first_tail..n).find(|&i| {
        let b = &body.blocks[i];
        b.kind == BlockKind::Paragraph && opens_bio(&body.text[b.start..b.end])
    }) else {
        return;
    };
    // The box runs on while its paragraphs go on about the author (by name or pronoun).
    let about_author = |text: &str| {
        opens_bio(text)
            || names.iter().any(|name| text.starts_with(name))
            || [
                "He ",
                "She ",
                "They ",
                "When he",
                "When she",
                "When they",
                "In her ",
                "In his ",
            ]
            .iter()
            .any(|p| text.starts_with(p))
    };
    let mut to = at + 1;
    while to < n && {
        let b = &body.blocks[to];
        about_author(&body.text[b.start..b.end])
    } {
        to += 1;
    }
    cut_blocks(body, at, to);
}

/// Removes blocks `at..to` and their text, with the separator before the next block kept (or
/// the one before them, when they run to the end).
fn cut_blocks(body: &mut Body, at: usize, to: usize) {
    let n = body.blocks.len();
    let (start, tail) = if to < n {
        (body.blocks[at].start, body.blocks[to].start)
    } else if at > 0 {
        (body.blocks[at - 1].end, body.text.len())
    } else {
        (0, body.text.len())
    };
    let shift = tail - start;
    body.text.replace_range(start..tail, "");
    body.blocks.drain(at..to);
    for b in &mut body.blocks[at..] {
        b.start -= shift;
        b.end -= shift;
    }
}

fn push_block(body: &mut Body, text: &str, kind: BlockKind) {
    // The same block twice in a row is a page's mobile and desktop copies of one thing.
    if body.blocks.last().map(|b| &body.text[b.start..b.end]) == Some(text) {
        return;
    }
    if !body.text.is_empty() {
        body.text.push_str("\n\n");
    }
    let start = body.text.len();
    body.text.push_str(text);
    body.blocks.push(Block {
        kind,
        start,
        end: body.text.len(),
    });
}

fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index of the article's first block of prose (a paragraph of some length, few links):
/// where the article's own text begins.
fn first_prose_block(scan: &Scan, blocks: (u32, u32)) -> u32 {
    (blocks.0..blocks.1)
        .find(|&i| {
            let b = &scan.blocks[i as usize];
            b.kind == Kind::Paragraph && b.chars >= LONG_BLOCK_CHARS && b.link_chars * 2 <= b.chars
        })
        .unwrap_or(blocks.1)
}

/// A `<header>` (or an element named `…-header`, `hgroup`) that holds only subheadings and
/// comes after the article's text has begun is the header of one of its sections ("2. Keep
/// the nets dry"), not the page's header or the article's metadata line.
fn is_section_header(scan: &Scan, i: usize, first_prose: u32) -> bool {
    let el = &scan.els[i];
    if el
        .flags
        .intersects(Flags::BOILER.union(Flags::STRUCTURE).union(Flags::HIDDEN))
        || el.blocks.0 <= first_prose
        || el.blocks.0 == el.blocks.1
    {
        return false;
    }
    scan.blocks[el.blocks.0 as usize..el.blocks.1 as usize]
        .iter()
        .all(|b| matches!(b.kind, Kind::Heading(l) if l >= 2))
}

/// Whether element `i` inside the article is boilerplate by its name: any name counts unless
/// the element holds most of the article's prose.
fn believed_inside(scan: &Scan, i: usize, prose: &Prose, article: usize) -> bool {
    let el = &scan.els[i];
    if el.flags.contains(Flags::CONTENT) {
        return false;
    }
    let hidden = if prose.trust_hidden {
        Flags::HIDDEN
    } else {
        Flags::default()
    };
    let named = el.flags.intersects(
        Flags::BOILER
            .union(Flags::STRUCTURE)
            .union(hidden)
            .union(Flags::WEAK),
    );
    let per = &prose.per_element;
    named && per[i] < INNER_HINT_MAX_SHARE * per[article].max(1.0)
}

/// A line that is a byline: "By Jane Roe", "Written by …", or one of the names given.
fn is_byline(text: &str, names: &[String]) -> bool {
    if text.len() > 120 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_start_matches(['-', '—', '–', ' ']);
    if (lower.starts_with("by ")
        || lower.starts_with("written by")
        || lower.starts_with("words by")
        || lower.starts_with("posted by")
        || lower.starts_with("author:"))
        && text.split_whitespace().count() <= 12
    {
        return true;
    }
    if names.is_empty() {
        return false;
    }
    let k = key(text);
    names.iter().any(|n| !n.is_empty() && k == *n)
}

/// A line that only dates the article ("Posted on", "March 3, 2024", "Updated 9:05 am
/// March 3, 2024", "5 min read"): page furniture, not text.
fn is_date_line(text: &str) -> bool {
    if text.len() > 80 {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    const LABELS: &[&str] = &[
        "posted",
        "on",
        "published",
        "updated",
        "last",
        "modified",
        "date",
        "at",
        "am",
        "pm",
        "min",
        "mins",
        "minute",
        "minutes",
        "read",
        "reading",
        "time",
        "by",
    ];
    let labelled = words
        .iter()
        .any(|w| matches!(*w, "posted" | "published" | "updated" | "modified" | "read"));
    if labelled
        && words
            .iter()
            .all(|w| LABELS.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    crate::dates::parse_date(text, crate::Order::MonthFirst).is_some() && words.len() <= 8
}

/// A copyright notice ("© 2025 The Dunmere Ledger", "Copyright © 2025 …", "Copyright 2025
/// …"): the page's footer line, never the article's text.
fn is_copyright_line(text: &str) -> bool {
    if text.len() > 200 {
        return false;
    }
    let t = text.trim_start();
    if t.starts_with('©') {
        return true;
    }
    let Some(rest) = t
        .strip_prefix("Copyright")
        .or_else(|| t.strip_prefix("COPYRIGHT"))
    else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with('©')
        || rest.starts_with("(c)")
        || rest.starts_with("(C)")
        || (rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit))
}

/// Text compared without case, spaces or punctuation.
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How pages title the sections they append after an article, teasers of other posts and
/// comment threads: a phrase that opens the line …
const TAIL_OPENERS: &[&str] = &[
    "more from",
    "you may also like",
    "you might also like",
    "you may also enjoy",
    "you might also enjoy",
    "what to read next",
    "read next",
    "up next",
    "also read",
    "keep reading",
    "if you liked",
    "if you enjoyed",
    "leave a reply",
    "leave a comment",
    "join the conversation",
    "discussion about this post",
    "about the author",
    "meet the author",
    "reviewed by",
    "comments",
    // Appeals that close a post: a sign-up box, the site's social links, share buttons.
    "join our",
    "subscribe to",
    "sign up for",
    "sign up to",
    "sign up today",
    "get our",
    "follow us",
    "share this",
    "you might like",
    "you may like",
];
/// Openers of an appeal written as a sentence ("Since you made it to the bottom of this
/// article, we have a small favor to ask"): longer than a heading, believed all the same.
const APPEAL_OPENERS: &[&str] = &["since you made it", "before you go", "a message from"];
/// … words that are the whole line ("Like this:", the label of a blog's like button) …
const TAIL_ALONE: &[&str] = &[
    "like this",
    "tags",
    "contributor",
    "the author",
    "contact us",
    "related",
    "popular",
    "trending",
    "recommended",
    "read more",
    "most read",
    "most popular",
];
/// … or a qualifier right before a word for posts, early in the line ("Related articles",
/// "Read more stories", "Other posts you'll love"): "Related resources" or "Popular
/// renovations" name a part of the article itself.
const TAIL_QUALIFIERS: &[&str] = &[
    "related",
    "recent",
    "latest",
    "popular",
    "recommended",
    "more",
    "other",
    "similar",
    "trending",
    "featured",
];
const TAIL_NOUNS: &[&str] = &[
    "post",
    "posts",
    "article",
    "articles",
    "story",
    "stories",
    "blog",
    "blogs",
    "blogposts",
    "news",
    "content",
    "reads",
    "reading",
    "topics",
];
/// A section opener is believed only in the second half of the article's text …
const TAIL_START_SHARE: f64 = 0.5;
/// … and when what follows it is short enough to be a list of teasers: a long run of text
/// after "More posts about Lisbon" is the article going on.
const TAIL_MAX_CHARS: usize = 8000;

/// Pages close many articles with a titled section of teasers ("Related posts", "More from
/// the Ledger", "You may also like") or comments inside the element that holds the article.
/// A short heading or line in the second half of the text that opens such a section ends the
/// article: it and all after it are cut.
fn cut_teaser_tail(body: &mut Body) {
    let n = body.blocks.len();
    let total = body.text.len();
    for i in 1..n {
        let b = &body.blocks[i];
        if (b.start as f64) < TAIL_START_SHARE * total as f64 || total - b.start > TAIL_MAX_CHARS {
            continue;
        }
        if opens_tail(&body.text[b.start..b.end], b.kind) {
            cut_blocks(body, i, n);
            return;
        }
    }
}

/// Whether a block is a heading or short line that opens an appended section (see
/// [`TAIL_OPENERS`]).
fn opens_tail(text: &str, kind: BlockKind) -> bool {
    if text.len() > 160 || !matches!(kind, BlockKind::Heading | BlockKind::Paragraph) {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    fn phrase(p: &str) -> Vec<&str> {
        p.split(' ').collect()
    }
    if APPEAL_OPENERS.iter().any(|o| words.starts_with(&phrase(o))) {
        return true;
    }
    if text.len() > 60 || words.is_empty() || words.len() > 10 {
        return false;
    }
    let opens = TAIL_OPENERS.iter().any(|o| words.starts_with(&phrase(o)));
    let alone = TAIL_ALONE.iter().any(|o| words == phrase(o));
    let qualified = words
        .windows(2)
        .take(3)
        .any(|w| TAIL_QUALIFIERS.contains(&w[0]) && TAIL_NOUNS.contains(&w[1]));
    opens || alone || qualified
}
