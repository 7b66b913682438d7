//! Small invented documents checking each rule of the reference scorer.

use super::*;
use serde_json::json;

/// The `[start, end)` code-point span of the `nth` occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> (i64, i64) {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in text"))
        .0;
    let start = text[..byte].chars().count() as i64;
    (start, start + needle.chars().count() as i64)
}

fn sp(text: &str, needle: &str) -> Spans {
    vec![at(text, needle, 0)]
}

fn att(content: Spans, cue: Spans, source: Spans) -> Attribution {
    Attribution {
        content,
        cue,
        source,
        ..Default::default()
    }
}

fn doc(id: &str, text: &str, attributions: Vec<Attribution>) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        attributions,
    }
}

fn one(d: Document) -> Corpus {
    [d].into_iter().collect()
}

fn row<'a>(r: &'a Report, key: &str) -> &'a Scores {
    r.get(key).unwrap_or_else(|| panic!("no row {key}"))
}

const TURKISH: &str =
    "Çavuşoğlu dedi: «Barış çok yakın.» Sonra İbrahim Kalın ekledi: “Görüşmeler sürüyor.”";

#[test]
fn offsets_are_code_points_and_guillemets_are_direct() {
    let t = TURKISH;
    let gold = one(doc(
        "tr",
        t,
        vec![
            att(
                sp(t, "«Barış çok yakın.»"),
                sp(t, "dedi"),
                sp(t, "Çavuşoğlu"),
            ),
            att(
                sp(t, "“Görüşmeler sürüyor.”"),
                sp(t, "ekledi"),
                sp(t, "İbrahim Kalın"),
            ),
        ],
    ));
    // Exact after trimming marks and final punctuation; code points, not bytes.
    let pred = one(doc(
        "tr",
        "",
        vec![
            att(sp(t, "Barış çok yakın"), sp(t, "dedi"), sp(t, "Çavuşoğlu")),
            att(sp(t, "Görüşmeler sürüyor."), vec![], sp(t, "Kalın")),
        ],
    ));
    let r = score(&gold, &pred);
    let exact = row(&r, "all@exact");
    assert_eq!((exact.gold, exact.pred, exact.matched), (2, 2, 2));
    assert_eq!(exact.source_acc, Some(1.0));
    assert_eq!(exact.cue_acc, Some(0.5));
    // The predictions hold no quotation mark themselves: the direct track sees the gold only.
    let direct = row(&r, "direct@exact");
    assert_eq!((direct.gold, direct.pred, direct.matched), (2, 0, 0));
}

#[test]
fn byte_offsets_would_miss() {
    // The same quote given in UTF-8 byte offsets lands elsewhere and does not match exactly.
    let t = TURKISH;
    let byte = t.find("«").unwrap() as i64;
    let gold = one(doc(
        "tr",
        t,
        vec![att(sp(t, "«Barış çok yakın.»"), vec![], vec![])],
    ));
    let (s, e) = at(t, "«Barış çok yakın.»", 0);
    let pred = one(doc(
        "tr",
        "",
        vec![att(vec![(byte, byte + (e - s))], vec![], vec![])],
    ));
    assert_ne!(byte, s);
    assert_eq!(row(&score(&gold, &pred), "all@exact").matched, 0);
}

#[test]
fn discontinuous_content_matches_by_overlap() {
    let t = "\"We will talk,\" the envoy said, \"and we will listen.\" Nothing else followed.";
    let first = at(t, "\"We will talk,\"", 0);
    let second = at(t, "\"and we will listen.\"", 0);
    let gold = one(doc(
        "d",
        t,
        vec![att(vec![first, second], sp(t, "said"), sp(t, "the envoy"))],
    ));
    // One covering span, cue and source included: overlap 36 of 53 predicted characters.
    let pred = one(doc(
        "d",
        "",
        vec![att(
            vec![(first.0, second.1)],
            sp(t, "said"),
            sp(t, "envoy"),
        )],
    ));
    let r = score(&gold, &pred);
    assert_eq!(row(&r, "all@exact").matched, 0);
    assert_eq!(row(&r, "all@0.8").matched, 0);
    let loose = row(&r, "all@0.3");
    assert_eq!(loose.matched, 1);
    assert_eq!(loose.f1, 1.0);
    assert_eq!(row(&r, "direct@0.3").matched, 1);
    // The two pieces given separately, in the other order, match exactly.
    let pred = one(doc("d", "", vec![att(vec![second, first], vec![], vec![])]));
    let r = score(&gold, &pred);
    assert_eq!(row(&r, "all@exact").matched, 1);
    assert_eq!(row(&r, "all@exact").source_acc, Some(0.0));
    assert_eq!(row(&r, "all@exact").cue_acc, Some(0.0));
}

#[test]
fn exact_still_needs_raw_overlap() {
    // Two spans of punctuation only both trim to nothing, but must overlap to match.
    let t = "A: \"...\" B: \"...\"";
    let gold = one(doc(
        "d",
        t,
        vec![att(vec![at(t, "\"...\"", 0)], vec![], vec![])],
    ));
    let apart = one(doc(
        "d",
        "",
        vec![att(vec![at(t, "\"...\"", 1)], vec![], vec![])],
    ));
    assert_eq!(row(&score(&gold, &apart), "all@exact").matched, 0);
    let (s, e) = at(t, "\"...\"", 0);
    let inside = one(doc(
        "d",
        "",
        vec![att(vec![(s + 1, e - 1)], vec![], vec![])],
    ));
    assert_eq!(row(&score(&gold, &inside), "all@exact").matched, 1);
}

#[test]
fn ties_go_to_the_higher_gold_index() {
    // Gold 0 and gold 1 each overlap the prediction by 5: Python's reverse sort on
    // (inter, gi, pi) takes gold 1 first. Only gold 1 shares the prediction's source.
    let t = "aaaaaaaaaabbbbbbbbbb said Ana and Bea.";
    let ana = sp(t, "Ana");
    let bea = sp(t, "Bea");
    let gold = one(doc(
        "d",
        t,
        vec![
            att(vec![(0, 10)], vec![], ana),
            att(vec![(10, 20)], vec![], bea.clone()),
        ],
    ));
    let pred = one(doc("d", "", vec![att(vec![(5, 15)], vec![], bea)]));
    let r = score(&gold, &pred);
    let loose = row(&r, "all@0.3");
    assert_eq!(loose.matched, 1);
    assert_eq!(loose.source_acc, Some(1.0));
    assert_eq!(row(&r, "all@0.8").matched, 0);
}

#[test]
fn ties_go_to_the_higher_prediction_index() {
    let t = "aaaaaaaaaabbbbbbbbbb said Ana and Bea.";
    let gold = one(doc("d", t, vec![att(vec![(5, 15)], vec![], sp(t, "Ana"))]));
    let pred = one(doc(
        "d",
        "",
        vec![
            att(vec![(0, 10)], vec![], sp(t, "Bea")),
            att(vec![(10, 20)], vec![], sp(t, "Ana")),
        ],
    ));
    let loose = score(&gold, &pred);
    let loose = row(&loose, "all@0.3");
    assert_eq!((loose.matched, loose.pred), (1, 2));
    assert_eq!(loose.source_acc, Some(1.0));
}

#[test]
fn largest_overlap_wins_before_index() {
    let t = "x".repeat(40);
    let gold = one(doc(
        "d",
        &t,
        vec![
            att(vec![(0, 10)], vec![], vec![]),
            att(vec![(10, 30)], vec![], vec![]),
        ],
    ));
    // Prediction 0 overlaps gold 1 by 12 and gold 0 by 2; prediction 1 overlaps gold 0 by 8.
    let pred = one(doc(
        "d",
        "",
        vec![
            att(vec![(8, 22)], vec![], vec![]),
            att(vec![(2, 10)], vec![], vec![]),
        ],
    ));
    let r = score(&gold, &pred);
    assert_eq!(row(&r, "all@0.3").matched, 2);
    // At 0.8 only prediction 1 ~ gold 0 (8 of 10, 8 of 8) qualifies.
    assert_eq!(row(&r, "all@0.8").matched, 1);
    assert_eq!(
        match_contents_for(&t, &[(0, 10), (10, 30)], &[(8, 22), (2, 10)], 0.3),
        vec![(1, 0), (0, 1)]
    );
}

fn match_contents_for(
    text: &str,
    golds: &[(i64, i64)],
    preds: &[(i64, i64)],
    t: f64,
) -> Vec<(usize, usize)> {
    let text = Text::new(text);
    let g: Vec<Content> = golds
        .iter()
        .map(|s| Content::new(CharSet::new(&[*s]), &text))
        .collect();
    let p: Vec<Content> = preds
        .iter()
        .map(|s| Content::new(CharSet::new(&[*s]), &text))
        .collect();
    match_contents(
        &g.iter().collect::<Vec<_>>(),
        &p.iter().collect::<Vec<_>>(),
        Threshold::Overlap(t),
    )
}

#[test]
fn threshold_uses_float_products() {
    // 1 of 3 characters: 1 >= 0.3 * 3 holds (0.8999…), so it matches at 0.3.
    assert_eq!(
        match_contents_for("abcdef", &[(0, 3)], &[(2, 5)], 0.3),
        vec![(0, 0)]
    );
    // 4 of 5 on both sides: 4 >= 0.8 * 5 = 4.0.
    assert_eq!(
        match_contents_for("abcdefgh", &[(0, 5)], &[(1, 6)], 0.8),
        vec![(0, 0)]
    );
    assert_eq!(
        match_contents_for("abcdefgh", &[(0, 5)], &[(2, 7)], 0.8),
        vec![]
    );
}

#[test]
fn missing_documents_predict_nothing_and_extra_ones_are_ignored() {
    let t = "\"Yes,\" she said.";
    let gold: Corpus = [
        doc(
            "a",
            t,
            vec![att(sp(t, "\"Yes,\""), sp(t, "said"), sp(t, "she"))],
        ),
        doc(
            "b",
            t,
            vec![att(sp(t, "\"Yes,\""), sp(t, "said"), sp(t, "she"))],
        ),
    ]
    .into_iter()
    .collect();
    let pred: Corpus = [
        doc(
            "a",
            "",
            vec![att(sp(t, "Yes"), sp(t, "said"), sp(t, "she"))],
        ),
        doc("zzz", "", vec![att(sp(t, "Yes"), vec![], vec![])]),
    ]
    .into_iter()
    .collect();
    let r = score(&gold, &pred);
    let s = row(&r, "all@exact");
    assert_eq!((s.gold, s.pred, s.matched), (2, 1, 1));
    assert_eq!((s.p, s.r), (1.0, 0.5));
    assert!((s.f1 - 2.0 / 3.0).abs() < 1e-15);
    assert_eq!(s.e2e_f1, s.f1);
}

#[test]
fn empty_content_is_not_a_prediction_but_an_empty_span_is() {
    let t = "He said: \"fine.\"";
    let gold = one(doc("d", t, vec![att(sp(t, "\"fine.\""), vec![], vec![])]));
    let pred = one(doc(
        "d",
        "",
        vec![
            att(vec![], vec![], vec![]),
            att(vec![(3, 3)], vec![], vec![]),
        ],
    ));
    let s = score(&gold, &pred);
    let s = row(&s, "all@0.3");
    assert_eq!((s.pred, s.matched), (1, 0));
    assert_eq!(s.source_acc, None);
}

#[test]
fn unnamed_sources_must_stay_unnamed_and_cues_count_when_given() {
    let t = "It was \"a mistake\", a memo said.";
    let gold = one(doc(
        "d",
        t,
        vec![att(sp(t, "\"a mistake\""), vec![], vec![])],
    ));
    let named = one(doc(
        "d",
        "",
        vec![att(sp(t, "\"a mistake\""), sp(t, "said"), sp(t, "a memo"))],
    ));
    let s = score(&gold, &named);
    let s = row(&s, "direct@exact");
    assert_eq!((s.matched, s.source_acc, s.cue_acc), (1, Some(0.0), None));
    assert_eq!(s.e2e_f1, 0.0);
}

#[test]
fn speakers_and_dates() {
    let t = "\"Soon,\" Kalın said on Monday. \"Later,\" Ana said.";
    let mut kalin = att(sp(t, "\"Soon,\""), sp(t, "said"), sp(t, "Kalın"));
    kalin.speaker = Some("İbrahim Kalın".into());
    kalin.date = Some(json!("2022-03-07"));
    let mut ana = att(sp(t, "\"Later,\""), vec![at(t, "said", 1)], sp(t, "Ana"));
    ana.speaker = Some("Ana Lima".into());
    ana.date = Some(json!("2022-03-08"));
    let gold = one(doc("d", t, vec![kalin.clone(), ana.clone()]));
    kalin.speaker = Some("Kalin".into());
    ana.speaker = Some("Ana".into());
    ana.date = None;
    let pred = one(doc("d", "", vec![kalin, ana]));
    let r = score(&gold, &pred);
    let s = row(&r, "direct@exact");
    assert_eq!((s.speaker_name_n, s.speaker_name_acc), (2, Some(0.5)));
    assert_eq!((s.date_n, s.date_acc), (2, Some(0.5)));
    assert_eq!((s.e2e_p, s.e2e_r), (0.5, 0.5));
}

#[test]
fn names_fold_like_python() {
    assert_eq!(fold("İbrahim KALIN"), ["ibrahim", "kalin"]);
    assert_eq!(fold("Ibrahim Kalın"), ["ibrahim", "kalin"]);
    assert_eq!(fold("Mevlüt Çavuşoğlu"), ["mevlut", "cavusoglu"]);
    assert_eq!(fold("Ｆｕｌｌ－width № 5"), ["full", "width", "no", "5"]);
    assert_eq!(fold("Łukasz Øster"), ["ukasz", "ster"]);
    assert!(same_person(Some("Kalin"), Some("Ibrahim Kalın")));
    assert!(same_person(Some("İbrahim Kalın"), Some("Kalın")));
    assert!(same_person(Some("the Kremlin"), Some("The Kremlin")));
    assert!(!same_person(Some("Ibrahim"), Some("Ibrahim Kalın")));
    assert!(!same_person(Some("Ahmet Kalın"), Some("Ibrahim Kalın")));
    assert!(!same_person(None, Some("Kalın")));
    assert!(!same_person(Some("..."), Some("...")));
}

#[test]
fn trimming_and_quotes() {
    let text = Text::new("  “Hello — world!”  ");
    let all = CharSet::new(&[(0, 20)]);
    assert_eq!(all.trimmed(&text), CharSet::new(&[(3, 16)]));
    assert!(all.has_quote(&text));
    // The closing single quotation mark doubles as an apostrophe: not direct.
    let apostrophe = Text::new("it’s ‘fine’");
    assert!(!CharSet::new(&[(0, 4)]).has_quote(&apostrophe));
    assert!(CharSet::new(&[(5, 6)]).has_quote(&apostrophe));
    // Overlapping and adjacent spans form one set.
    assert_eq!(
        CharSet::new(&[(4, 6), (0, 3), (2, 4), (9, 9)]),
        CharSet::new(&[(0, 6)])
    );
    assert_eq!(
        CharSet::new(&[(0, 6)]).intersection_len(&CharSet::new(&[(1, 2), (5, 9)])),
        2
    );
}

#[test]
fn documents_read_leniently_and_later_ids_replace_earlier_ones() {
    let jsonl = concat!(
        "{\"id\": \"a\", \"text\": \"x\", \"attributions\": [{\"content\": [[0, 1]], \"speaker\": null, \"date\": null}]}\n",
        "\n",
        "{\"id\": 7, \"attributions\": null}\n",
        "{\"id\": \"a\", \"text\": \"y\"}\n",
    );
    let c = Corpus::from_reader(jsonl.as_bytes(), "mem").unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c.iter().next().unwrap().text, "y");
    assert!(c.get("7").is_none());
    let err = Corpus::from_reader(
        "{\"id\": \"a\", \"attributions\": [{\"content\": [[1]]}]}\n".as_bytes(),
        "mem",
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("mem:1: attribution 0: content:"),
        "{err}"
    );
}

#[test]
fn report_keys_and_table_header() {
    let r = score(&Corpus::new(), &Corpus::new());
    let keys: Vec<&str> = r.rows.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "all@exact",
            "all@0.8",
            "all@0.3",
            "direct@exact",
            "direct@0.8",
            "direct@0.3"
        ]
    );
    let table = r.to_table();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "track@match      gold   pred      P      R     F1    src    cue   name   date  e2eF1"
    );
    assert_eq!(
        lines[1],
        "all@exact           0      0    0.0    0.0    0.0    -      -      -      -      0.0"
    );
}
