//! What an element's tag, `class`, `id` and `role` say it is.
//!
//! Web authors name the parts around an article with a small, stable vocabulary — `sidebar`,
//! `comments`, `share`, `related`, `newsletter`, `breadcrumb`, `cookie` — whatever the site,
//! the CMS or the language of the page, and name the article itself `article-body`,
//! `entry-content`, `story-body`. Class and id values are split into words at spaces,
//! hyphens and underscores (`c-article__body` → c, article, body) and the words are matched,
//! so that `commentary` is not `comment` and `downloads` is not `ads`.

use std::collections::HashMap;

use crate::dom::{Attrs, Tag};

/// What an element was recognised as (a small bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flags(u16);

impl Flags {
    /// Never article text: navigation, comments, sharing, advertising, banners.
    pub const BOILER: Flags = Flags(1);
    /// Usually not article text (a page header, a metadata line, a form): ignored when the
    /// element holds most of the page's prose, as a `<form>` around a whole page does.
    pub const WEAK: Flags = Flags(1 << 1);
    /// Named as the article's body.
    pub const CONTENT: Flags = Flags(1 << 2);
    /// A caption or a photo credit.
    pub const CAPTION: Flags = Flags(1 << 3);
    /// Named as a date or time.
    pub const DATE: Flags = Flags(1 << 4);
    /// Named as an author or byline.
    pub const AUTHOR: Flags = Flags(1 << 5);
    /// Never article text by its tag or ARIA role: `<nav>`, `<aside>`, `<footer>`,
    /// `role=navigation`. Unlike class names, these are not page-builder noise.
    pub const STRUCTURE: Flags = Flags(1 << 6);
    /// Hidden by its own markup (`hidden`, `aria-hidden`, `display: none`).
    pub const HIDDEN: Flags = Flags(1 << 7);

    pub(crate) fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub(crate) fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    pub(crate) const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }
}

/// The flags of the class and id tokens met so far on a page: a page repeats a few hundred
/// class names on thousands of elements, and each is read once.
#[derive(Default)]
pub(crate) struct TokenFlags(HashMap<Box<str>, Flags>);

impl TokenFlags {
    fn of(&mut self, token: &str) -> Flags {
        if let Some(&f) = self.0.get(token) {
            return f;
        }
        let mut f = Flags::default();
        classify_token(&token.to_ascii_lowercase(), &mut f);
        self.0.insert(token.into(), f);
        f
    }
}

/// Flags of one element (`tokens`: the page's class and id tokens read so far).
pub(crate) fn classify(tag: Tag, e: &Attrs<'_>, tokens: &mut TokenFlags) -> Flags {
    let mut f = Flags::default();
    // Hidden parts are kept, as boilerplate: a page streamed by a script framework holds its
    // whole article in a hidden element until the script shows it (see `body`).
    if is_hidden(e) {
        f.insert(Flags::HIDDEN);
    }
    match tag {
        Tag::Nav | Tag::Aside | Tag::Footer => f.insert(Flags::STRUCTURE),
        Tag::Header | Tag::Form => f.insert(Flags::WEAK),
        _ => {}
    }
    if let Some(role) = e.role {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu"
            | "menubar" | "dialog" | "alertdialog" | "tablist" | "toolbar" => {
                f.insert(Flags::STRUCTURE)
            }
            _ => {}
        }
    }
    if let Some(p) = e.itemprop {
        let p = p.to_ascii_lowercase();
        if p.contains("articlebody") || p == "text" {
            f.insert(Flags::CONTENT);
        }
        if p.contains("author") || p == "creator" {
            f.insert(Flags::AUTHOR);
        }
        if p.starts_with("date") {
            f.insert(Flags::DATE);
        }
    }
    let mut named = Flags::default();
    for value in [e.class, e.id].into_iter().flatten() {
        for token in value.split_ascii_whitespace() {
            named.insert(tokens.of(token));
        }
    }
    // A paragraph or a heading is text by its tag: `<p class="contextmenu">` is a paragraph
    // a script can open a menu on, not a menu.
    if matches!(tag, Tag::P | Tag::Heading(_)) {
        named.0 &= !(Flags::BOILER.0 | Flags::WEAK.0);
    }
    f.union(named)
}

fn classify_token(token: &str, f: &mut Flags) {
    // Whole tokens first: compound names of the article body.
    const CONTENT: &[&str] = &[
        "articlebody",
        "article-body",
        "article_body",
        "article__body",
        "article-content",
        "article__content",
        "article-text",
        "articletext",
        "entry-content",
        "entry_content",
        "entrycontent",
        "post-content",
        "post_content",
        "postcontent",
        "post-body",
        "postbody",
        "post-entry",
        "story-body",
        "storybody",
        "story-content",
        "story-text",
        "storytext",
        "body-text",
        "bodytext",
        "content-body",
        "main-content",
        "blog-content",
        "blog-post-content",
        "single-content",
        "rich-text",
        "rich_text",
        "richtext",
        "page-content",
    ];
    // One pass over the token for all the names at once (this runs on every class of every
    // element of every page).
    static CONTENT_NAMES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(CONTENT).expect("valid patterns")
        });
    if CONTENT_NAMES.is_match(token) {
        f.insert(Flags::CONTENT);
        return;
    }
    match token {
        "hidden" | "sr-only" | "screen-reader-text" | "visually-hidden" | "visuallyhidden"
        | "screenreader-only" | "hide" | "d-none" | "is-hidden" | "u-hidden"
        | "element-invisible" => {
            f.insert(Flags::HIDDEN);
            return;
        }
        "wp-caption-text" | "caption" | "figcaption" | "image-caption" | "photo-caption"
        | "img-caption" | "credit" | "photo-credit" | "image-credit" | "media-caption" => {
            f.insert(Flags::CAPTION);
            return;
        }
        _ => {}
    }
    // `pane-header-alignment-left`, `meta-font-size`: a setting of how a part looks, named
    // after the part it styles; the element holding it is not that part.
    let styles = token.split(['-', '_', ':', '.', '/']).any(|w| {
        matches!(
            w,
            "align" | "alignment" | "color" | "colour" | "font" | "size"
        )
    });
    let mut prev = "";
    for w in token
        .split(['-', '_', ':', '.', '/'])
        .filter(|w| !w.is_empty())
    {
        // `has-sidebar`, `no-comments`, `with-share`: a layout switch, not the part itself.
        let modifier = matches!(
            prev,
            "has" | "with" | "no" | "without" | "show" | "hide" | "is" | "full" | "not"
        );
        if !modifier && is_boiler_word(w) {
            f.insert(Flags::BOILER);
        } else if !modifier && !styles && is_weak_word(w) {
            f.insert(Flags::WEAK);
        }
        match w {
            "date" | "time" | "timestamp" | "published" | "posted" | "pubdate" | "dateline"
            | "updated" | "datetime" | "publish" | "publication" => f.insert(Flags::DATE),
            "author" | "authors" | "byline" | "bylines" | "writer" | "contributor" => {
                f.insert(Flags::AUTHOR)
            }
            _ => {}
        }
        if prev == "article" && matches!(w, "body" | "content" | "text") {
            f.insert(Flags::CONTENT);
        }
        // `after-content`, `below-post`, `after-entry`: the widget area a CMS appends under
        // the article (sign-up boxes, appeals, teasers), named after where it sits.
        if matches!(prev, "after" | "below")
            && matches!(w, "content" | "post" | "article" | "entry" | "story")
        {
            f.insert(Flags::BOILER);
        }
        prev = w;
    }
}

/// Words that name the parts around an article.
fn is_boiler_word(w: &str) -> bool {
    matches!(
        w,
        "comment"
            | "comments"
            | "commentlist"
            | "commentform"
            | "disqus"
            | "respond"
            | "cookie"
            | "cookies"
            | "consent"
            | "gdpr"
            | "newsletter"
            | "subscribe"
            | "subscription"
            | "signup"
            | "paywall"
            | "regwall"
            | "share"
            | "shares"
            | "sharing"
            | "sharebar"
            | "social"
            | "socials"
            | "addthis"
            | "sharethis"
            | "related"
            | "recommended"
            | "recommendations"
            | "recirc"
            | "outbrain"
            | "taboola"
            | "readnext"
            | "advert"
            | "advertisement"
            | "advertising"
            | "ad"
            | "ads"
            | "adsense"
            | "adslot"
            | "adunit"
            | "sponsor"
            | "sponsored"
            | "breadcrumb"
            | "breadcrumbs"
            | "sidebar"
            | "rail"
            | "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "megamenu"
            | "submenu"
            | "footer"
            | "colophon"
            | "popup"
            | "modal"
            | "lightbox"
            | "pagination"
            | "pager"
            | "tags"
            | "tagcloud"
            | "taglist"
            | "promo"
            // A call to action ("Start your free trial", "Get a quote") and a wall of
            // customer quotes sell the site; neither is ever the article.
            | "cta"
            | "testimonials"
            | "banner"
            | "login"
            | "searchform"
            | "skip"
            | "toolbar"
            | "print"
            | "masthead"
            | "topbar"
            | "bio"
            // An affiliate or advertiser disclosure, a medical or legal disclaimer: the
            // site's small print, set apart from the text it stands beside.
            | "disclaimer"
            | "disclaimers"
            | "disclosure"
            | "disclosures"
            | "authorbox"
            | "trending"
            | "popular"
    ) || ends_with_any(
        w,
        &[
            "sidebar",
            "share",
            "social",
            "nav",
            "menu",
            "footer",
            "related",
            "comments",
            "newsletter",
            "breadcrumb",
            "disclaimer",
            "disclosure",
        ],
    ) || starts_with_any(
        w,
        &[
            "sharebar",
            "socialshare",
            "relatedpost",
            "relatedarticle",
            "newsletter",
            "subscri",
            "advert",
            "sponsor",
            "breadcrumb",
            "sidebar",
            "cookie",
            "commentlist",
            "commentform",
            "outbrain",
            "taboola",
            "disqus",
            "pagination",
            "recommend",
        ],
    )
}

/// Words that usually, not always, name something other than the article text.
fn is_weak_word(w: &str) -> bool {
    matches!(
        w,
        "header"
            | "meta"
            | "postmeta"
            | "entrymeta"
            | "byline"
            | "info"
            | "dateline"
            | "subscribe-box"
            | "newsletterbox"
            | "hero"
    )
}

fn ends_with_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|s| w.len() > s.len() && w.ends_with(s))
}

fn starts_with_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|s| w.starts_with(s))
}

/// Whether an element is hidden from readers by its own markup.
pub(crate) fn is_hidden(e: &Attrs<'_>) -> bool {
    if e.hidden || e.aria_hidden.is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = e.style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(html_class: &str) -> Flags {
        let mut f = Flags::default();
        for t in html_class.split_ascii_whitespace() {
            classify_token(&t.to_ascii_lowercase(), &mut f);
        }
        f
    }

    #[test]
    fn words_not_substrings() {
        assert!(flags("comments-area").contains(Flags::BOILER));
        assert!(!flags("commentary").contains(Flags::BOILER));
        assert!(flags("ad-slot").contains(Flags::BOILER));
        assert!(!flags("downloads").contains(Flags::BOILER));
        assert!(flags("right-sidebar").contains(Flags::BOILER));
        assert!(flags("mainnav").contains(Flags::BOILER));
        assert!(flags("c-article__body").contains(Flags::CONTENT));
        assert!(flags("entry-content clearfix").contains(Flags::CONTENT));
        assert!(flags("wp-caption-text").contains(Flags::CAPTION));
        assert!(flags("image-caption").contains(Flags::CAPTION));
        assert!(flags("cms_wrapper_type_rich_text").contains(Flags::CONTENT));
        assert!(!flags("verbosa-caption-two").contains(Flags::CAPTION));
        assert!(flags("post-date").contains(Flags::DATE));
        assert!(flags("byline__author").contains(Flags::AUTHOR));
        assert!(!flags("story").contains(Flags::BOILER));
        assert!(flags("wp-block-cta").contains(Flags::BOILER));
        assert!(flags("home-testimonials").contains(Flags::BOILER));
        assert!(!flags("actas").contains(Flags::BOILER));
        assert!(flags("below-content widget").contains(Flags::BOILER));
        assert!(flags("hbg-after-post-optin").contains(Flags::BOILER));
        assert!(!flags("post-content").contains(Flags::BOILER));
        assert!(flags("affiliate-disclaimer").contains(Flags::BOILER));
        assert!(flags("advertiserdisclosure").contains(Flags::BOILER));
        assert!(!flags("no-disclaimer").contains(Flags::BOILER));
    }

    #[test]
    fn a_style_setting_is_not_the_part_it_styles() {
        assert!(flags("site-header").contains(Flags::WEAK));
        assert!(flags("entry-meta").contains(Flags::WEAK));
        assert!(!flags("acc-pane-header-alignment-left").contains(Flags::WEAK));
        assert!(!flags("card-meta-font-size").contains(Flags::WEAK));
        // Boilerplate words keep their weight: `menu-align-end` is on the menu itself.
        assert!(flags("menu-align-end").contains(Flags::BOILER));
    }
}
