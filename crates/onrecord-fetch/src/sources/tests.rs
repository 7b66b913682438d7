//! Invented documents: the Dunmore Gazette and the Port Alder Courier do not exist, nor do the
//! people they quote.

use super::*;
use crate::decode::tests::gzip;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const BASE: &str = "https://dunmore-gazette.example/feeds/news.xml";

const RSS2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Dunmore Gazette &amp; Herald</title>
    <link>https://dunmore-gazette.example/</link>
    <description>News from Dunmore</description>
    <item>
      <title>Mayor Varn: bridge reopens Tuesday</title>
      <link>/2024/03/05/bridge-reopens</link>
      <guid isPermaLink="false">gazette-4411</guid>
      <pubDate>Tue, 05 Mar 2024 14:30 EST</pubDate>
      <dc:creator>Ana Telford</dc:creator>
    </item>
    <item>
      <title><![CDATA[Council splits on harbour levy]]></title>
      <guid>https://dunmore-gazette.example/2024/03/04/levy</guid>
      <pubDate>Mon, 4 Mar 2024 09:05:00 +0100</pubDate>
    </item>
  </channel>
</rss>"#;

#[test]
fn rss2_items_with_relative_links_and_named_zones() {
    let Source::Feed {
        kind,
        title,
        entries,
    } = parse_source(RSS2.as_bytes(), Some("application/rss+xml"), BASE).unwrap()
    else {
        panic!("not a feed")
    };
    assert_eq!(kind, FeedKind::Rss2);
    assert_eq!(title.as_deref(), Some("Dunmore Gazette & Herald"));
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    assert_eq!(
        first.url.as_deref(),
        Some("https://dunmore-gazette.example/2024/03/05/bridge-reopens")
    );
    assert_eq!(
        first.title.as_deref(),
        Some("Mayor Varn: bridge reopens Tuesday")
    );
    assert_eq!(first.published, Some(utc("2024-03-05T19:30:00Z")));
    assert_eq!(first.id.as_deref(), Some("gazette-4411"));
    assert_eq!(first.authors, vec!["Ana Telford"]);
    // No <link>: the permalink guid stands in.
    let second = &entries[1];
    assert_eq!(
        second.url.as_deref(),
        Some("https://dunmore-gazette.example/2024/03/04/levy")
    );
    assert_eq!(
        second.title.as_deref(),
        Some("Council splits on harbour levy")
    );
    assert_eq!(second.published, Some(utc("2024-03-04T08:05:00Z")));
}

#[test]
fn rss1_rdf_feed() {
    let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://courier.example/rss">
    <title>Port Alder Courier</title>
    <link>https://courier.example/</link>
  </channel>
  <item rdf:about="https://courier.example/ferry">
    <title>Ferry fares frozen, says Brask</title>
    <link>https://courier.example/ferry</link>
    <dc:date>2024-02-10T08:00:00+00:00</dc:date>
  </item>
</rdf:RDF>"#;
    let Source::Feed { kind, entries, .. } =
        parse_source(rdf.as_bytes(), None, "https://courier.example/rss").unwrap()
    else {
        panic!("not a feed")
    };
    assert_eq!(kind, FeedKind::Rss1);
    assert_eq!(
        entries[0].url.as_deref(),
        Some("https://courier.example/ferry")
    );
    assert_eq!(
        entries[0].title.as_deref(),
        Some("Ferry fares frozen, says Brask")
    );
}

#[test]
fn atom_feed_picks_the_alternate_link() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Port Alder Courier</title>
  <id>urn:uuid:5e1a0c52-1111-4c3d-9a7e-000000000001</id>
  <updated>2024-03-05T12:00:00Z</updated>
  <entry>
    <title>Harbourmaster Odile Renn on the new quay</title>
    <link rel="enclosure" type="audio/mpeg" href="https://cdn.courier.example/quay.mp3"/>
    <link rel="alternate" type="text/html" href="quay-interview"/>
    <id>tag:courier.example,2024:quay</id>
    <published>2024-03-05T10:00:00+02:00</published>
    <updated>2024-03-05T11:15:00Z</updated>
    <author><name>Bram Oyelaran</name></author>
    <author><name>Kit Moreau</name><email>kit@courier.example</email></author>
  </entry>
</feed>"#;
    let Source::Feed {
        kind,
        title,
        entries,
    } = parse_source(
        atom.as_bytes(),
        Some("application/atom+xml; charset=utf-8"),
        "https://courier.example/news/atom",
    )
    .unwrap()
    else {
        panic!("not a feed")
    };
    assert_eq!(kind, FeedKind::Atom);
    assert_eq!(title.as_deref(), Some("Port Alder Courier"));
    let e = &entries[0];
    assert_eq!(
        e.url.as_deref(),
        Some("https://courier.example/news/quay-interview")
    );
    assert_eq!(e.id.as_deref(), Some("tag:courier.example,2024:quay"));
    assert_eq!(e.published, Some(utc("2024-03-05T08:00:00Z")));
    assert_eq!(e.updated, Some(utc("2024-03-05T11:15:00Z")));
    assert_eq!(e.authors, vec!["Bram Oyelaran", "Kit Moreau"]);
}

#[test]
fn json_feed() {
    let json = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Dunmore Gazette (JSON)",
  "home_page_url": "https://dunmore-gazette.example/",
  "items": [
    {
      "id": "g-9001",
      "url": "/2024/03/06/school-board",
      "title": "School board delays vote, chair Ruth Amsel says",
      "date_published": "2024-03-06T07:45:00-05:00",
      "date_modified": "2024-03-06 13:00:00",
      "authors": [{"name": "Ana Telford"}]
    },
    {
      "id": "g-9002",
      "content_text": "A short note without a page."
    }
  ]
}"#;
    let Source::Feed {
        kind,
        title,
        entries,
    } = parse_source(json.as_bytes(), Some("application/feed+json"), BASE).unwrap()
    else {
        panic!("not a feed")
    };
    assert_eq!(kind, FeedKind::JsonFeed);
    assert_eq!(title.as_deref(), Some("Dunmore Gazette (JSON)"));
    assert_eq!(
        entries[0].url.as_deref(),
        Some("https://dunmore-gazette.example/2024/03/06/school-board")
    );
    assert_eq!(entries[0].published, Some(utc("2024-03-06T12:45:00Z")));
    assert_eq!(entries[0].updated, Some(utc("2024-03-06T13:00:00Z")));
    assert_eq!(entries[0].authors, vec!["Ana Telford"]);
    assert_eq!(entries[1].url, None);
    assert_eq!(entries[1].id.as_deref(), Some("g-9002"));
}

#[test]
fn json_that_is_not_a_feed_is_an_error() {
    let e = parse_source(br#"{"version": "2", "items": []}"#, None, BASE).unwrap_err();
    assert!(matches!(e, SourceError::Json { .. }), "{e}");
    let e = parse_source(
        br#"{"version": "https://jsonfeed.org/version/1.1", "items": [ }"#,
        None,
        BASE,
    )
    .unwrap_err();
    assert!(matches!(e, SourceError::Json { .. }), "{e}");
    assert!(e.to_string().contains("line"), "{e}");
}

const NEWS_SITEMAP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://dunmore-gazette.example/2024/03/05/bridge-reopens</loc>
    <lastmod>2024-03-05T20:00:00+00:00</lastmod>
    <n:news>
      <n:publication>
        <n:name>Dunmore Gazette</n:name>
        <n:language>en</n:language>
      </n:publication>
      <n:publication_date>2024-03-05T14:30:00-05:00</n:publication_date>
      <n:title>Mayor Varn: bridge reopens Tuesday &amp; tolls stay</n:title>
      <n:keywords>bridge, Dunmore ,tolls</n:keywords>
    </n:news>
  </url>
  <url>
    <loc>
      https://dunmore-gazette.example/about?a=1&amp;b=2
    </loc>
    <lastmod>2024-01</lastmod>
  </url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>"#;

#[test]
fn news_sitemap_by_namespace_not_prefix() {
    let Source::Sitemap { entries } =
        parse_source(NEWS_SITEMAP.as_bytes(), Some("application/xml"), BASE).unwrap()
    else {
        panic!("not a sitemap")
    };
    assert_eq!(entries.len(), 2, "the <url> without <loc> is skipped");
    let first = &entries[0];
    assert_eq!(
        first.url,
        "https://dunmore-gazette.example/2024/03/05/bridge-reopens"
    );
    assert_eq!(first.lastmod, Some(utc("2024-03-05T20:00:00Z")));
    let news = first.news.as_ref().unwrap();
    assert_eq!(news.publication_name.as_deref(), Some("Dunmore Gazette"));
    assert_eq!(news.language.as_deref(), Some("en"));
    assert_eq!(news.publication_date, Some(utc("2024-03-05T19:30:00Z")));
    assert_eq!(
        news.title.as_deref(),
        Some("Mayor Varn: bridge reopens Tuesday & tolls stay")
    );
    assert_eq!(news.keywords, vec!["bridge", "Dunmore", "tolls"]);
    assert_eq!(
        entries[1].url,
        "https://dunmore-gazette.example/about?a=1&b=2"
    );
    assert_eq!(entries[1].lastmod, Some(utc("2024-01-01T00:00:00Z")));
    assert_eq!(entries[1].news, None);
}

#[test]
fn a_news_prefix_bound_to_another_namespace_is_not_news() {
    let xml = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="urn:example:not-news">
  <url><loc>https://courier.example/a</loc><news:news><news:title>Not news</news:title></news:news></url>
</urlset>"#;
    let Source::Sitemap { entries } = parse_source(xml.as_bytes(), None, BASE).unwrap() else {
        panic!("not a sitemap")
    };
    assert_eq!(entries[0].news, None);
}

#[test]
fn sitemap_index_and_prefixed_sitemap_namespace() {
    let xml = r#"<?xml version="1.0"?>
<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sm:sitemap><sm:loc>https://courier.example/sitemap-2024-03.xml.gz</sm:loc><sm:lastmod>2024-03-05</sm:lastmod></sm:sitemap>
  <sm:sitemap><sm:loc>/sitemap-news.xml</sm:loc></sm:sitemap>
</sm:sitemapindex>"#;
    let source = parse_source(
        xml.as_bytes(),
        Some("text/xml"),
        "https://courier.example/sitemap.xml",
    )
    .unwrap();
    assert_eq!(
        source,
        Source::SitemapIndex {
            sitemaps: vec![
                (
                    "https://courier.example/sitemap-2024-03.xml.gz".into(),
                    Some(utc("2024-03-05T00:00:00Z"))
                ),
                ("https://courier.example/sitemap-news.xml".into(), None),
            ]
        }
    );
}

#[test]
fn gzipped_sitemap() {
    let gz = gzip(NEWS_SITEMAP.as_bytes());
    let Source::Sitemap { entries } = parse_source(
        &gz,
        Some("application/x-gzip"),
        "https://dunmore-gazette.example/news.xml.gz",
    )
    .unwrap() else {
        panic!("not a sitemap")
    };
    assert_eq!(entries.len(), 2);
    let e = parse_source(&gz[..gz.len() / 2], None, BASE).unwrap_err();
    assert!(matches!(e, SourceError::Compressed { .. }), "{e}");
}

#[test]
fn malformed_xml_is_an_error_with_a_position_and_no_partial_entries() {
    // The second item is cut off: the first must not come back as if the feed were complete.
    let broken = &RSS2[..RSS2.find("<pubDate>Mon").unwrap()];
    let e = parse_source(broken.as_bytes(), Some("application/rss+xml"), BASE).unwrap_err();
    let SourceError::Xml { line, url, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!(url, BASE);
    assert!(*line >= 15, "{e}");
    assert!(e.to_string().contains("line"), "{e}");

    let mismatched = NEWS_SITEMAP.replace("</lastmod>\n    <n:news>", "</lastmd>\n    <n:news>");
    let e = parse_source(mismatched.as_bytes(), None, BASE).unwrap_err();
    let SourceError::Xml { line, .. } = e else {
        panic!("{e}")
    };
    assert_eq!(line, 6);

    let bad_entity = "<rss version=\"2.0\"><channel><title>a &#0; b</title></channel></rss>";
    assert!(matches!(
        parse_source(bad_entity.as_bytes(), None, BASE),
        Err(SourceError::Xml { .. })
    ));
}

#[test]
fn declared_latin1_feed_is_read() {
    let mut feed =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf"
            .to_vec();
    feed.push(0xe9);
    feed.extend_from_slice(b" Gazette</title><item><title>x</title><link>https://courier.example/x</link></item></channel></rss>");
    let Source::Feed { title, .. } = parse_source(&feed, None, BASE).unwrap() else {
        panic!("not a feed")
    };
    assert_eq!(title.as_deref(), Some("Café Gazette"));
}

#[test]
fn html_pages_and_unknown_documents() {
    let page =
        b"<!DOCTYPE html>\n<html><head><title>Dunmore</title></head><body><p>Hi</body></html>";
    assert_eq!(
        parse_source(page, Some("text/html"), BASE).unwrap(),
        Source::Page
    );
    assert_eq!(parse_source(page, None, BASE).unwrap(), Source::Page);
    // Tag soup served as HTML is a page even though it is no XML.
    assert_eq!(
        parse_source(b"<p>a<br>b<p>c & d", Some("text/html; charset=utf-8"), BASE).unwrap(),
        Source::Page
    );
    assert_eq!(
        parse_source(b"  hello", Some("text/html"), BASE).unwrap(),
        Source::Page
    );
    let e = parse_source(b"<catalog><book/></catalog>", Some("application/xml"), BASE).unwrap_err();
    assert!(matches!(e, SourceError::Unrecognized { .. }), "{e}");
    assert!(matches!(
        parse_source(b"", None, BASE),
        Err(SourceError::Unrecognized { .. })
    ));
    assert!(matches!(
        parse_source(b"%PDF-1.7", None, BASE),
        Err(SourceError::Unrecognized { .. })
    ));
    assert!(matches!(
        parse_source(RSS2.as_bytes(), None, "relative/path"),
        Err(SourceError::InvalidBase { .. })
    ));
}

#[test]
fn feeds_are_discovered_in_page_order() {
    let html = r#"<!doctype html><html><head>
<base href="https://dunmore-gazette.example/section/">
<link rel="alternate" type="application/rss+xml" title="News" href="news.rss">
<link rel="ALTERNATE home" type="application/atom+xml" href="/atom.xml">
<link rel="alternate" type="application/feed+json" href="https://feeds.dunmore-gazette.example/feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/7">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="stylesheet" type="text/css" href="/site.css">
<link rel="alternate" type="application/rss+xml" href="news.rss">
</head><body></body></html>"#;
    assert_eq!(
        discover_feeds(html, "https://dunmore-gazette.example/section/page.html"),
        vec![
            "https://dunmore-gazette.example/section/news.rss",
            "https://dunmore-gazette.example/atom.xml",
            "https://feeds.dunmore-gazette.example/feed.json",
        ]
    );
    assert!(discover_feeds("<p>no feeds</p>", "https://courier.example/").is_empty());
}
