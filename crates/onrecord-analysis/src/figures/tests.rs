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

fn spans(text: &str) -> Vec<String> {
    figures(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn lists_labels_identifiers_and_names_are_no_figures() {
    assert!(spans("1. FERRY STRIKE ENDS IN DUNMERE").is_empty());
    assert!(spans("Read part 2 of the series on channel 125 tonight.").is_empty());
    assert!(spans("The post 771156540103417856 was deleted.").is_empty());
    assert!(spans("She joined the Gang of Eight in the senate.").is_empty());
    assert!(spans("He recited 2 Halvarians 3 from memory.").is_empty());
    // a headline in title case keeps its count
    assert_eq!(spans("31 Dunmere Pilots Share Their Stories"), ["31"]);
}

#[test]
fn anaphora_and_suppositions_are_no_figures() {
    assert!(spans("Nobody asked where that $115 went.").is_empty());
    assert!(spans("The car would cost more if a 35 percent tariff were imposed.").is_empty());
    // a plain condition states its figure
    assert_eq!(
        spans("If you are 80 years old, you remember the flood."),
        ["80 years old"]
    );
}

#[test]
fn ages_and_fractions() {
    let f = figures("Mona Brel, 59, of Kell Ford said she would vote.");
    assert_eq!((f[0].0.as_str(), f[0].2.as_str()), ("59", "years"));
    assert!(spans("Her son was born Sept, 26, 2014, in Orrin.").is_empty());
    let f = figures("He served 5 ½ years in a Vardanian prison.");
    assert_eq!(f[0].1, FigureValue::One(5.5));
    let f = figures("The poll surveyed people between the ages of 18 and 29.");
    assert_eq!(
        (f[0].1, f[0].2.as_str()),
        (FigureValue::Range(18.0, 29.0), "years")
    );
}

fn sources(text: &str) -> Vec<(String, Option<String>)> {
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
                f.source.map(|s| s.text(text).to_string()),
            )
        })
        .collect()
}

#[test]
fn a_relative_report_gives_the_figure_it_holds() {
    let f = sources("Pell said he would spend the $4 million he says he raised on ferries.");
    assert_eq!(f[0].0, "$4 million");
    assert_eq!(f[0].1.as_deref(), Some("he"));
}

#[test]
fn a_named_proposal_gives_its_figures() {
    let f = sources("Mrs. Varro's plan would also cap the harbour levy at 28 percent.");
    assert_eq!(f[0].1.as_deref(), Some("Mrs. Varro's plan"));
    let f = sources(
        "Mayor Ilse Orrin argues there is no point in answering Mr. Tarn's threats to \
         slap a 35 percent toll on Velora ferries.",
    );
    assert_eq!(f[0].1.as_deref(), Some("Mr. Tarn's threats"));
}

#[test]
fn a_compound_before_the_speaker_is_no_count_of_speakers() {
    let text = "According to a 12-count complaint filed by the Harbour Board and a 3-count \
                complaint by the city, the firm ran a \
                \"vast six-year scheme\" against investors. Mr. Tarn was accused of using $3 \
                million for a yacht.";
    let f = sources(text);
    // the complaint's own count is the narrator's
    assert_eq!(f[0], ("12-count".to_string(), None));
    assert_eq!(f[1], ("3-count".to_string(), None));
    let six = f.iter().find(|x| x.0 == "six-year").unwrap();
    assert!(
        six.1.as_deref().is_some_and(|s| s.contains("Harbour")),
        "{f:?}"
    );
    let three = f.iter().find(|x| x.0 == "$3 million").unwrap();
    assert_eq!(three.1, six.1);
}

#[test]
fn a_document_that_shows_gives_the_figures_after_its_verb() {
    let text = "A chart from a report that the mayor and her aides hand out shows what a \
                ferry ticket would cost: $41, which is almost $9 more than now.";
    let f = sources(text);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f
        .iter()
        .all(|x| x.1.as_deref() == Some("A chart from a report")));
}

#[test]
fn a_report_later_in_the_sentence_does_not_give_its_frame() {
    let text = "Twenty-one towns led by Orrin and two unions are challenging the toll.";
    let f = sources(text);
    assert_eq!(f[0].0, "Twenty-one");
    assert_eq!(f[0].1, None);
}

#[test]
fn cents_of_each_dollar_are_percent() {
    let f = figures("And 37 cents out of each dollar's worth of Orrin fish goes to Velora.");
    assert_eq!(f[0].0, "37 cents out of each dollar's");
    assert_eq!(
        (f[0].1, f[0].2.as_str()),
        (FigureValue::One(37.0), "percent")
    );
}

#[test]
fn a_framing_period_in_words_is_passed_whole() {
    assert!(spans("During her seven and a half years in office, Roe built roads.").is_empty());
}

#[test]
fn a_definite_label_for_an_amount_already_given_is_no_new_figure() {
    let text = "Roe wants the top 1 percent to pay more. Pell mocked the 1 percent excuse.";
    assert_eq!(spans(text), ["1 percent"]);
    // a first mention keeps its figure
    assert_eq!(spans("Pell mocked the 1 percent excuse."), ["1 percent"]);
}
