//! Whole-article tests of figures: invented copy about fictional places.

use onrecord_core::{Article, Bound, FigureValue};

fn figures(text: &str) -> Vec<(String, FigureValue, String, Bound, Option<String>)> {
    let a = Article {
        id: "t".into(),
        text: text.into(),
        published: "2031-05-06".parse().ok(),
        ..Default::default()
    };
    let analysis = crate::analyze(&a);
    analysis
        .figures
        .iter()
        .map(|f| {
            (
                f.span.text(text).to_string(),
                f.value,
                f.unit.clone(),
                f.bound,
                f.speaker.map(|s| analysis.speakers[s].name.clone()),
            )
        })
        .collect()
}

#[test]
fn a_statement_gives_its_figures_a_source() {
    let text = "At least 847 civilians have been killed and 1,399 injured in Velora since \
                March 3, the Harbour Council said on Monday.";
    let f = figures(text);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].0, "At least 847");
    assert_eq!(f[0].1, FigureValue::One(847.0));
    assert_eq!(f[0].2, "civilians");
    assert_eq!(f[0].3, Bound::AtLeast);
    assert_eq!(f[0].4.as_deref(), Some("Harbour Council"));
    // the second shares the first's unit and bound
    assert_eq!((f[1].2.as_str(), f[1].3), ("civilians", Bound::AtLeast));
}

#[test]
fn dates_and_names_stay_out_and_the_narrator_has_no_source() {
    let text = "The Dunmere ferry line, founded in 1936, carried 2.5 million passengers \
                last year, up 12 percent, on its 40-minute crossing from Pier 9.";
    let f = figures(text);
    let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, ["2.5 million", "12 percent", "40-minute"], "{f:?}");
    assert_eq!(f[0].1, FigureValue::One(2_500_000.0));
    assert_eq!(f[0].2, "passengers");
    assert!(f.iter().all(|x| x.4.is_none()));
}
