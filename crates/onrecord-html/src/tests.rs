//! Whole-page tests: invented pages shaped like the ones news sites, blogs and CMSs produce.

use chrono::{TimeZone, Utc};

use crate::{extract, DateSource, Extracted, Page};

fn page(html: &str, url: Option<&str>) -> Extracted {
    extract(&Page {
        bytes: html.as_bytes(),
        url,
        content_type: None,
        fetched: Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
    })
}

const PARAS: &str = "<p>The harbour board of Dunmere voted on Monday to raise ferry tolls by a \
    tenth, the first rise in six years, after a long session in the old customs house.</p>\
    <p>\u{201c}We cannot keep the boats running on goodwill,\u{201d} said Ana Brel, who chairs \
    the board. Fishermen who crowded the hall said the rise would cost them dearly.</p>\
    <p>The new tolls take effect in April. A second vote on the night ferry is due in May, \
    when the board meets again in Kestrel.</p>";

fn chrome(article: &str) -> String {
    format!(
        "<html lang=en><head><title>Tolls rise | The Dunmere Ledger</title>\
         <meta property=og:site_name content='The Dunmere Ledger'></head><body>\
         <header><a href=/>The Dunmere Ledger</a><nav><ul><li><a href=/n>News</a></li>\
         <li><a href=/s>Sport</a></li><li><a href=/o>Opinion</a></li></ul></nav></header>\
         <div class=layout-has-sidebar>{article}\
         <div class=sidebar><h3>Most read</h3><ul><li><a href=/1>Ferry strike ends after a week of talks</a></li>\
         <li><a href=/2>Council names a new harbour master for the spring</a></li></ul></div></div>\
         <div id=comments><p>What a disgrace, the board never listens to anyone on the quay.</p></div>\
         <footer><p>© The Dunmere Ledger. All rights reserved.</p></footer></body></html>"
    )
}

#[test]
fn article_without_chrome_comments_or_sidebar() {
    let html = chrome(&format!(
        "<article><h1>Tolls rise</h1><p class=byline>By Ivo Lind</p>{PARAS}\
         <div class=share-buttons><a href=/fb>Share on Facebook</a></div></article>"
    ));
    let x = page(&html, None);
    assert_eq!(x.title.as_deref(), Some("Tolls rise"));
    assert!(
        x.text.starts_with("The harbour board of Dunmere voted"),
        "{}",
        x.text
    );
    assert!(x.text.ends_with("in Kestrel."), "{}", x.text);
    for junk in [
        "Most read",
        "disgrace",
        "All rights",
        "Share on",
        "Sport",
        "By Ivo Lind",
    ] {
        assert!(!x.text.contains(junk), "{junk} in {}", x.text);
    }
    assert_eq!(x.bylines, vec!["Ivo Lind"]);
    assert_eq!(x.outlet.as_deref(), Some("The Dunmere Ledger"));
    assert_eq!(x.blocks.len(), 3);
}

#[test]
fn a_boilerplate_name_on_the_whole_article_is_not_believed() {
    // Page builders call everything a widget, and layouts say `sidebar-content`.
    let html = chrome(&format!(
        "<div class='sidebar-content'><div class='elementor-widget'><h1>Tolls rise</h1>{PARAS}</div></div>"
    ));
    let x = page(&html, None);
    assert!(
        x.text.contains("We cannot keep the boats running"),
        "{}",
        x.text
    );
}

#[test]
fn streamed_page_with_its_article_hidden_until_a_script_runs() {
    let html = format!("<html><body><div hidden id=S:0><h1>Tolls rise</h1>{PARAS}</div><div>Loading</div></body></html>");
    let x = page(&html, None);
    assert!(
        x.text.contains("second vote on the night ferry"),
        "{}",
        x.text
    );
}

#[test]
fn captions_ordered_lists_and_tables() {
    let html = chrome(&format!(
        "<article><h1>Tolls rise</h1>{PARAS}<figure><img src=a.jpg><figcaption>Ferries at the \
         quay on Sunday, March 3, 2024.</figcaption></figure><ol start=3><li>Fares for cars rise first.</li>\
         <li>Foot passengers pay the old fare until May.</li></ol><table><tr><th>Route</th><th>Toll</th></tr>\
         <tr><td>Dunmere to Kestrel</td><td>4.40</td></tr></table></article>"
    ));
    let x = page(&html, None);
    assert_eq!(
        x.captions,
        vec!["Ferries at the quay on Sunday, March 3, 2024."]
    );
    assert!(!x.text.contains("Ferries at the quay"));
    assert!(
        x.text
            .contains("3. Fares for cars rise first.\n\n4. Foot passengers"),
        "{}",
        x.text
    );
    assert!(
        x.text.contains("Route | Toll\n\nDunmere to Kestrel | 4.40"),
        "{}",
        x.text
    );
}

#[test]
fn headline_is_the_heading_the_metadata_agrees_with() {
    let html = "<html><head><title>Ferry tolls rise by a tenth in Dunmere - Dunmere Ledger</title>\
        <meta property=og:site_name content='Dunmere Ledger'></head><body>\
        <h1 class=logo>Dunmere Ledger</h1><div class=newsletter><h1>Get our newsletter</h1></div>\
        <main><h1>Ferry tolls rise by a tenth in Dunmere</h1>"
        .to_string()
        + PARAS
        + "</main></body></html>";
    let x = page(&html, None);
    assert_eq!(
        x.title.as_deref(),
        Some("Ferry tolls rise by a tenth in Dunmere")
    );
    // Without a heading, the metadata title loses the site's name.
    let html = "<html><head><title>Dunmere Ledger | Ferry tolls rise</title>\
        <meta property=og:site_name content='Dunmere Ledger'></head><body><main>"
        .to_string()
        + PARAS
        + "</main></body></html>";
    assert_eq!(page(&html, None).title.as_deref(), Some("Ferry tolls rise"));
}

#[test]
fn a_shown_published_date_wins_over_metadata_and_keeps_its_evidence() {
    let html = format!(
        "<html><head><meta property=article:published_time content=2024-03-01T08:00:00Z>\
         <script type=application/ld+json>{{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-02-20\",\
         \"dateModified\":\"2024-03-06T10:00:00+01:00\"}}</script></head><body><article>\
         <h1>Tolls rise</h1><div class=meta><span>Published</span><span>March 4, 2024</span></div>{PARAS}</article></body></html>"
    );
    let x = page(&html, Some("https://ledger.example/news/tolls-rise"));
    let p = x.published.unwrap();
    assert_eq!(p.day.to_string(), "2024-03-04");
    assert_eq!(p.from, DateSource::Text);
    assert!(p.evidence.contains("March 4, 2024"), "{}", p.evidence);
    let m = x.modified.unwrap();
    assert_eq!(
        (m.datetime.as_str(), m.from),
        ("2024-03-06T10:00:00+01:00", DateSource::JsonLd)
    );
    assert!(x.dates_seen.len() >= 4);
}

#[test]
fn dates_from_metadata_address_and_time_elements() {
    let meta = format!(
        "<html><head><meta property=article:published_time content='2024-03-03T23:30:00-05:00'></head>\
         <body><article><h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    let p = page(&meta, None).published.unwrap();
    // The day as written, in the page's own zone.
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2024-03-03".to_string(), DateSource::Meta)
    );

    let plain = format!("<html><body><article><h1>Tolls rise</h1>{PARAS}</article></body></html>");
    let p = page(
        &plain,
        Some("https://ledger.example/2024/03/05/tolls-rise/"),
    )
    .published
    .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2024-03-05".to_string(), DateSource::Url)
    );

    // An ambiguous numeric value gives way to the unambiguous text of the element.
    let time = format!(
        "<html lang=en><body><article><h1>Tolls rise</h1><time datetime='02-12-2025'>2 December 2025</time>{PARAS}</article></body></html>"
    );
    assert_eq!(
        page(&time, None).published.unwrap().day.to_string(),
        "2025-12-02"
    );
}

#[test]
fn a_page_that_only_says_when_it_was_updated_is_dated_by_it() {
    let html = format!(
        "<html><head><meta property=article:modified_time content=2025-06-02T09:00:00Z></head>\
         <body><article><h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    let x = page(&html, None);
    assert_eq!(x.published.as_ref().unwrap().day.to_string(), "2025-06-02");
    assert!(x
        .published
        .unwrap()
        .evidence
        .contains("no publication date"));
}

#[test]
fn dates_after_the_fetch_are_not_believed() {
    let html = format!(
        "<html><head><meta property=article:published_time content=2031-01-01></head>\
         <body><article><h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    let x = page(&html, None);
    assert!(x.published.is_none());
    assert!(
        x.warnings.iter().any(|w| w.contains("2031-01-01")),
        "{:?}",
        x.warnings
    );
}

#[test]
fn dates_in_a_script_framework_s_embedded_json() {
    // A page whose only dates are in the JSON its scripts read, once escaped inside a string.
    let html = format!(
        "<html><body><article><h1>Tolls rise</h1>{PARAS}</article>\
         <script>self.__next_f.push([1,\"{{\\\"slug\\\":\\\"tolls\\\",\\\"publishedAt\\\":\\\"2024-03-04T08:00:00Z\\\"}}\"])</script>\
         <script id=__NEXT_DATA__ type=application/json>{{\"props\":{{\"updatedAt\":\"2024-03-09\"}}}}</script>\
         </body></html>"
    );
    let x = page(&html, None);
    let p = x.published.unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2024-03-04".to_string(), DateSource::Script)
    );
    assert_eq!(x.modified.unwrap().day.to_string(), "2024-03-09");
}

/// A small deterministic generator, so the test needs no dependency and fails the same way
/// every time.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn any_bytes_and_any_cut_of_a_page_are_read_without_panic() {
    let html = chrome(&format!(
        "<article><h1>Tolls rise — Kalın</h1><p class=byline>By Ivo Lind · Published 4 März 2024</p>{PARAS}\
         <script type=application/ld+json>{{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-04\"}}</script>\
         <svg><path d='M0 0'/></svg><table><tr><td>Dunmere ⛴ Kestrel</td></tr></table></article>"
    ));
    let bytes = html.as_bytes();
    for cut in (0..bytes.len()).step_by(7) {
        let _ = extract(&Page {
            bytes: &bytes[..cut],
            ..Page::default()
        });
    }
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let alphabet: &[u8] = b"<>/=\"' abcdehilmnoprstvy-:0123456789\n\xc4\xb1\xe2\x80\x9c";
    for _ in 0..300 {
        let len = (xorshift(&mut state) % 400) as usize;
        let junk: Vec<u8> = (0..len)
            .map(|_| alphabet[(xorshift(&mut state) % alphabet.len() as u64) as usize])
            .collect();
        let x = extract(&Page {
            bytes: &junk,
            ..Page::default()
        });
        for b in &x.blocks {
            assert!(b.start <= b.end && b.end <= x.text.len());
        }
    }
}

#[test]
fn dates_in_metadata_lines_attributes_and_stray_time_elements() {
    // A metadata line with separators under the headline.
    let html = format!(
        "<html><body><article><h1>Tolls rise</h1><p>By Ana Brel and Ivo Lind of the Ledger desk \
         · March 3, 2024 · 5 min read · Harbour affairs and shipping</p>{PARAS}</article></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2024-03-03"
    );
    // A meta tag named plainly.
    let html = format!(
        "<html><head><meta name=published content='July 17, 2025'></head><body><article>\
         <h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2025-07-17"
    );
    // JSON in an attribute, quotes escaped as entities.
    let html = format!(
        "<html><body><div data-props='{{&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}}'></div>\
         <article><h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2025-11-17"
    );
    // A `<time>` outside the article: the first one, as a last resort.
    let html = format!(
        "<html><body><div class=frame><time>Mar 24, 2025</time></div><article><h1>Tolls rise</h1>{PARAS}</article>\
         <aside><time datetime=2025-01-02>Jan 2</time></aside></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2025-03-24"
    );
}

#[test]
fn a_date_line_the_page_marks_up_outranks_the_meta_tags() {
    // A migrated archive: the CMS record is years older than the article it shows.
    let with = |meta: &str, line: &str| {
        format!(
            "<html><head><meta property=article:published_time content={meta}></head><body>\
             <article><h1>Tolls rise</h1>{line}{PARAS}</article></body></html>"
        )
    };
    let line =
        "<p><time datetime=2023-03-20T00:00:00-07:00>March 20, 2023</time> | Harbour affairs</p>";
    let p = page(&with("2013-03-11T11:00:00-07:00", line), None)
        .published
        .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2023-03-20".to_string(), DateSource::Text)
    );
    // A day apart is the zone the tag is written in: the tag stands.
    let p = page(&with("2023-03-21T01:00:00Z", line), None)
        .published
        .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2023-03-21".to_string(), DateSource::Meta)
    );
    // Two marked-up days under the headline are a list, not the article's date line.
    let two = format!(
        "{line}<ul><li><time datetime=2024-05-02>May 2, 2024</time></li>\
         <li><time datetime=2024-04-30>April 30, 2024</time></li></ul>"
    );
    let p = page(&with("2013-03-11T11:00:00-07:00", &two), None)
        .published
        .unwrap();
    assert_eq!(p.day.to_string(), "2013-03-11");
    // A line whose only date follows "Last updated" is no date line, marked up or not.
    let updated =
        "<p>By Ana Brel | Last updated: <time datetime=2024-03-09>March 9, 2024</time></p>";
    let p = page(&with("2024-03-01T08:00:00Z", updated), None)
        .published
        .unwrap();
    assert_eq!(p.day.to_string(), "2024-03-01");
}

#[test]
fn dates_of_a_list_of_article_cards_are_not_the_article_s() {
    let cards: String = ["2026-03-13", "2026-03-11", "2026-03-09"]
        .iter()
        .map(|d| {
            format!(
                "<div class=card><a href=/a>Ferry strike ends after a week of talks on the quay</a>\
                 <span itemprop=datePublished content={d}T12:00:00Z>{d}</span></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><meta name=date content='March 27, 2025'></head><body><article>\
         <h1>Tolls rise</h1>{PARAS}</article><section>{cards}</section></body></html>"
    );
    let p = page(&html, None).published.unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2025-03-27".to_string(), DateSource::Meta)
    );
    // One itemprop in the article is its date.
    let html = format!(
        "<html><head><meta name=date content='March 27, 2025'></head><body><article>\
         <h1>Tolls rise</h1><span itemprop=datePublished content=2025-03-26>Mar 26</span>{PARAS}\
         </article></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2025-03-26"
    );
}

#[test]
fn an_updated_date_line_below_the_article_outranks_json_ld() {
    let with = |line: &str| {
        format!(
            "<html><head><script type=application/ld+json>{{\"@type\":\"BlogPosting\",\
             \"datePublished\":\"2025-11-25\"}}</script></head><body><article><h1>Tolls rise</h1>\
             {}{line}</article></body></html>",
            PARAS.repeat(15)
        )
    };
    let p = page(&with("<p>Last updated: Dec 4, 2025</p>"), None)
        .published
        .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2025-12-04".to_string(), DateSource::Text)
    );
    // Not a date line: a widget's sentence.
    let p = page(
        &with("<p>Ferry fares from partners last updated: Dec 4, 2025 at 3:21 am</p>"),
        None,
    )
    .published
    .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2025-11-25".to_string(), DateSource::JsonLd)
    );
}

#[test]
fn a_time_element_named_updated_is_a_modification() {
    let html = format!(
        "<html><body><article><h1>Tolls rise</h1><p class=meta>\
         <time class='entry-date updated' datetime=2025-08-29T10:00:00Z>August 29, 2025</time>\
         <time class='entry-date published' datetime=2025-08-25T09:00:00Z>August 25, 2025</time>\
         </p>{PARAS}</article></body></html>"
    );
    let x = page(&html, None);
    assert_eq!(x.published.unwrap().day.to_string(), "2025-08-25");
    assert_eq!(x.modified.unwrap().day.to_string(), "2025-08-29");
    // WordPress names a post never changed both ways: a publication.
    let html = format!(
        "<html><body><article><h1>Tolls rise</h1>\
         <time class='entry-date published updated' datetime=2025-08-25>August 25, 2025</time>\
         {PARAS}</article></body></html>"
    );
    assert_eq!(
        page(&html, None).published.unwrap().day.to_string(),
        "2025-08-25"
    );
}

#[test]
fn a_date_before_its_byline_in_a_long_line() {
    // The line is too long to be read whole as a date line; the date opens it, the byline
    // follows. Its `<time>` settles the numeric date and outranks an old meta tag.
    let html = format!(
        "<html lang=en><head><meta property=article:published_time content=2012-05-01T00:00:00Z></head>\
         <body><article><h1>Tolls rise</h1><div class=node-meta><time datetime=2017-03-01T12:00:00Z>03/01/2017</time> \
         by Ana Brel, correspondent of the Dunmere Ledger for harbour affairs, ferries and the fishing fleet</div>\
         {PARAS}</article></body></html>"
    );
    let p = page(&html, None).published.unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2017-03-01".to_string(), DateSource::Text)
    );
}

#[test]
fn a_date_that_opens_a_byline_outranks_dated_cards_above_it() {
    // Cards of other articles, each with its date line, stand between the headline and the
    // article's own line, which names its author after the date.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><main><h1>Tolls rise</h1>\
         <div class=more><div class=card><span class=post-date>08/02/2022</span></div>\
         <div class=card><span class=post-date>12/17/2025</span></div></div>\
         <div class=byline-line>03/01/2017 by Ana Brel, correspondent of the Dunmere Ledger \
         for harbour affairs, ferries and the fishing fleet</div>{PARAS}</main></body></html>"
    );
    let p = page(&html, None).published.unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2017-03-01".to_string(), DateSource::Text)
    );
}

#[test]
fn an_author_box_at_the_end_of_the_article_is_cut() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title><meta name=author content='Ivo Lind'>\
         </head><body><article><h1>Tolls rise</h1>{PARAS}\
         <p>Ivo Lind is a correspondent of the Dunmere Ledger who has covered the harbour, its \
         ferries and its fishing fleet since the storm winter of the old customs house.</p>\
         <p>He lives in Kestrel with his family and far too many boats for one small shed.</p>\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.contains("when the board meets again in Kestrel"),
        "{text}"
    );
    assert!(!text.contains("Ivo Lind is a correspondent"), "{text}");
    assert!(!text.contains("He lives in Kestrel"), "{text}");
    // Early in the article, the same words are the article's: the author is its subject.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title><meta name=author content='Ivo Lind'>\
         </head><body><article><h1>Tolls rise</h1>\
         <p>Ivo Lind is the new harbour master of Dunmere, and the first to write his own \
         report on the tolls for the readers of the Ledger this spring.</p>{PARAS}\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.contains("Ivo Lind is the new harbour master"),
        "{text}"
    );
}

#[test]
fn an_itemprop_meta_is_microdata_not_a_head_tag() {
    let with = |tag: &str| {
        format!(
            "<html lang=en><head><title>Tolls rise</title>{tag}</head><body><article>\
             <h1>Tolls rise</h1><p class=stamp>Updated March 5, 2024</p>{PARAS}</article>\
             </body></html>"
        )
    };
    // The CMS's head tag outranks an "Updated" line …
    let p = page(
        &with("<meta property=article:published_time content=2019-06-02T08:00:00Z>"),
        None,
    )
    .published
    .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2019-06-02".to_string(), DateSource::Meta)
    );
    // … a `<meta itemprop>` is markup like any other microdata, believed after the lines
    // the page shows.
    let p = page(
        &with("<meta itemprop=datePublished content=2019-06-02T08:00:00Z>"),
        None,
    )
    .published
    .unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2024-03-05".to_string(), DateSource::Text)
    );
    // Alone, it still dates the page.
    let html = format!(
        "<html lang=en><head><meta itemprop=datePublished content=2019-06-02></head><body>\
         <article><h1>Tolls rise</h1>{PARAS}</article></body></html>"
    );
    let p = page(&html, None).published.unwrap();
    assert_eq!(
        (p.day.to_string(), p.from),
        ("2019-06-02".to_string(), DateSource::Microdata)
    );
}

#[test]
fn a_copyright_notice_is_not_article_text() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><div class=page>\
         <h1>Tolls rise</h1>{PARAS}<p>Copyright © 2025 The Dunmere Ledger</p>\
         <p>© 2025 Dunmere Ledger Media</p><h2>Copyright law and the harbour archive</h2>\
         </div></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.contains("when the board meets again in Kestrel"),
        "{text}"
    );
    assert!(!text.contains("©"), "{text}");
    assert!(
        text.contains("Copyright law and the harbour archive"),
        "{text}"
    );
}

#[test]
fn a_titled_teaser_section_after_the_article_is_cut() {
    let teasers = "<h3>More from the Ledger</h3>\
         <p>Kestrel lighthouse keeper retires after forty winters on the rock.</p>\
         <p>March 2, 2026</p><p>Night ferry timetable changes for the spring season.</p>";
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}{teasers}</article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.ends_with("when the board meets again in Kestrel."),
        "{text}"
    );
    assert!(!text.contains("lighthouse keeper"), "{text}");
    // A heading naming a part of the article ("Related tolls in other harbours") is kept,
    // and so is an opener near the top, where the article has hardly begun.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}<h3>Related tolls in other harbours</h3><p>Kestrel charges a fifth more than \
         Dunmere for the same crossing, and has done so since the bridge closed.</p>\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.contains("Related tolls in other harbours"), "{text}");
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         <h3>Recent posts</h3>{PARAS}</article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.starts_with("Recent posts"), "{text}");
}

#[test]
fn a_column_of_dates_in_a_table_is_data_not_date_lines() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         <p>March 3, 2026</p>{PARAS}<table><tr><th>Month</th><th>Crossings</th></tr>\
         <tr><td>1/1/2025</td><td>4,210</td></tr><tr><td>2/1/2025</td><td>3,980</td></tr>\
         </table></article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.contains("1/1/2025 | 4,210"), "{text}");
    assert!(text.contains("2/1/2025 | 3,980"), "{text}");
    // The date line above the article is still page furniture.
    assert!(!text.contains("March 3, 2026"), "{text}");
}

#[test]
fn a_section_s_own_header_inside_the_article_is_kept() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article>\
         <header><h1>Tolls rise</h1><p>March 3, 2026</p></header>{PARAS}\
         <section><header><h2>What the fishermen say</h2></header>\
         <p>The skippers of Kestrel asked the board for a season ticket, which it refused on \
         the grounds that the ferries already run at a loss through the winter.</p></section>\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.contains("What the fishermen say"), "{text}");
    assert!(text.contains("season ticket"), "{text}");
    // The article's own header above its text is still no text.
    assert!(!text.contains("March 3, 2026"), "{text}");
    assert!(text.starts_with("The harbour board"), "{text}");
}

#[test]
fn a_linked_heading_over_text_of_its_own_is_kept() {
    let item = |name: &str, href: &str| {
        format!(
            "<h2><a href='{href}'>{name}</a></h2><p>A sturdy boat for the crossing to Kestrel, \
             built in the yards of Dunmere and sold at the spring fair for a fair price.</p>"
        )
    };
    let html = format!(
        "<html lang=en><head><title>Best ferries</title></head><body><article>\
         <h1>Best ferries</h1>{PARAS}{}{}<h3><a href=/more>More stories</a></h3>\
         <h3><a href=/x>Kestrel lighthouse keeper retires</a></h3></article></body></html>",
        item("The Grey Heron", "https://yards.example/heron"),
        item("The Morning Star", "https://yards.example/star"),
    );
    let text = page(&html, None).text;
    assert!(text.contains("The Grey Heron"), "{text}");
    assert!(text.contains("The Morning Star"), "{text}");
    // Linked headings with no text under them are links.
    assert!(!text.contains("lighthouse keeper"), "{text}");
}

#[test]
fn a_call_to_action_inside_the_article_is_not_its_text() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}<div class='cta-box'><p>Plan your crossing with the Ledger ferry planner, free \
         for fourteen days and with no card needed to sign up today.</p>\
         <a href=/trial>Start your free trial</a></div>\
         <p>Tickets for the night ferry will be sold from the harbour office only, the board \
         said, and not on the boats themselves.</p></article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(!text.contains("ferry planner"), "{text}");
    assert!(text.contains("night ferry will be sold"), "{text}");
}

/// The article's paragraphs followed by `tail` give the paragraphs alone.
fn assert_tail_cut(tail: &str) {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article>\
         <h1>Tolls rise</h1>{PARAS}{tail}</article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.ends_with("when the board meets again in Kestrel."),
        "{tail}: {text}"
    );
}

#[test]
fn an_author_note_a_like_button_and_a_comment_thread_end_the_article() {
    for tail in [
        "<h3>About the author</h3><p>Ivo Lind has reported on the harbour for a decade.</p>",
        "<p>Like this:</p><p>Like Loading...</p>",
        "<h4>Discussion about this post</h4><p>No posts</p>",
    ] {
        assert_tail_cut(tail);
    }
    // A line that only opens with the words is the article's.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}<p>Like this year, the toll rose.</p></article></body></html>"
    );
    assert!(page(&html, None).text.contains("Like this year"));
}

#[test]
fn a_sign_up_box_an_appeal_and_share_links_end_the_article() {
    for tail in [
        "<h3>Join our newsletter</h3><p>Get the harbour news in your inbox every Friday.</p>",
        "<p>Since you made it to the bottom of this article, we have a small favour to ask of \
         every reader of the Ledger.</p><p>Please give what you can.</p>",
        "<p>Share this article</p><p>Copy the link and send it to a friend on the quay.</p>",
        "<h4>Tags</h4><p>Ferries</p><p>Dunmere harbour board</p>",
        "<p>If you liked this post you might also like:</p><p>Night ferries of Kestrel.</p>",
        "<h3>Contact us</h3><p>Call the Ledger desk on the quay any weekday.</p>",
    ] {
        assert_tail_cut(tail);
    }
    // Near the top the same words are the article's own.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         <p>Join our crossing, said the skipper.</p>{PARAS}</article></body></html>"
    );
    assert!(page(&html, None).text.contains("Join our crossing"));
}

#[test]
fn the_widget_area_after_the_content_is_not_the_article() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         <div class=entry-content>{PARAS}<section class='below-content widget'><p>We are a \
         small newsroom on the quay and every reader who gives keeps the Ledger free to read \
         for all of Dunmere.</p></section></div></article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.contains("meets again in Kestrel"), "{text}");
    assert!(!text.contains("small newsroom"), "{text}");
}

#[test]
fn a_run_of_labels_after_the_last_sentence_is_tags_not_text() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}<div><span>Ferries</span></div><div><span>Harbour board</span></div>\
         <div><span>Kestrel</span></div><div><span>Facebook: Dunmere Ledger</span></div>\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(
        text.ends_with("when the board meets again in Kestrel."),
        "{text}"
    );
    // Two short lines are not yet a run, and a list that ends on a sentence is the article's.
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {PARAS}<ul><li>Night ferry</li><li>Day ferry</li><li>Cargo barge</li></ul>\
         <p>All three run from the east quay.</p></article></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.contains("Cargo barge"), "{text}");
}

#[test]
fn template_filler_is_not_the_article() {
    let filler = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
         tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.</p>";
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body>\
         <section class=cards>{filler}{filler}{filler}{filler}{filler}</section>\
         <div class=story><h1>Tolls rise</h1>{PARAS}</div></body></html>"
    );
    let text = page(&html, None).text;
    assert!(text.starts_with("The harbour board"), "{text}");
    assert!(!text.contains("Lorem"), "{text}");
}

#[test]
fn a_second_copy_of_the_article_is_dropped() {
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         <div class=desktop-only>{PARAS}</div><div class=mobile-only>{PARAS}</div>\
         </article></body></html>"
    );
    let text = page(&html, None).text;
    assert_eq!(
        text.matches("The harbour board of Dunmere").count(),
        1,
        "{text}"
    );
    // One paragraph said twice (a refrain) is the article's.
    let refrain = "<p>We cannot keep the boats running on goodwill, the skippers sang on the \
         quay, and the harbour board heard them from the customs house.</p>";
    let html = format!(
        "<html lang=en><head><title>Tolls rise</title></head><body><article><h1>Tolls rise</h1>\
         {refrain}{PARAS}{refrain}</article></body></html>"
    );
    let text = page(&html, None).text;
    assert_eq!(text.matches("the skippers sang").count(), 2, "{text}");
}
