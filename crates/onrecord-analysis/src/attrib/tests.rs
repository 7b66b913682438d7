//! The attribution rules end to end: text in, (source, cue, content) out, one test per
//! family of shapes.

use crate::text::Doc;

/// (source, cue, content) of every attribution the analysis finds in `text`.
fn found(text: &str) -> Vec<(String, String, String)> {
    let doc = Doc::new(text);
    let cues =
        crate::models::cue::CueModel::builtin().flags(&doc, crate::lexicon::Lexicon::builtin());
    super::find_with(&doc, cues)
        .into_iter()
        .map(|f| {
            let join = |v: &[onrecord_core::Span]| {
                v.iter()
                    .map(|s| s.text(text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let source = f
                .source
                .map(|(s, e)| doc.span_of(s, e).text(text).to_string())
                .unwrap_or_default();
            (source, join(&f.cue), join(&f.content))
        })
        .collect()
}

fn has(found: &[(String, String, String)], source: &str, content: &str) -> bool {
    found.iter().any(|(s, _, c)| s == source && c == content)
}

#[test]
fn reported_speech_after_the_cue() {
    let f = found("Foreign Minister Aylin Kaya said on Monday that the talks would resume.");
    assert!(
        has(
            &f,
            "Foreign Minister Aylin Kaya",
            "that the talks would resume"
        ),
        "{f:?}"
    );
}

#[test]
fn quotation_before_the_cue_and_its_continuation() {
    let f = found("\u{201c}We are ready,\u{201d} Kaya told reporters in Dunmere. \u{201c}The ball is in their court.\u{201d}");
    assert!(
        has(
            &f,
            "Kaya",
            "\u{201c}We are ready,\u{201d} | \u{201c}The ball is in their court.\u{201d}"
        ),
        "{f:?}"
    );
}

#[test]
fn split_quotation_around_an_inverted_cue() {
    let f = found("\"The dam is safe,\" said Tomas Ekvall, \"and it will stay safe.\"");
    assert!(
        has(
            &f,
            "Tomas Ekvall",
            "\"The dam is safe,\" | \"and it will stay safe.\""
        ),
        "{f:?}"
    );
}

#[test]
fn a_report_inside_another_reports_content_is_part_of_it() {
    let f = found("Kaya said the harbor board had announced new tolls on Friday.");
    assert!(
        has(
            &f,
            "Kaya",
            "the harbor board had announced new tolls on Friday"
        ),
        "{f:?}"
    );
    assert_eq!(f.len(), 1, "{f:?}");
    let f = found(
        "The minister said Lopes had called the plan \u{201c}a gift to smugglers\u{201d} in March.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "The minister", "{f:?}");
    // side by side, both stay
    let f = found("Kaya said the dam was safe. Lopes told reporters it was not.");
    assert!(has(&f, "Kaya", "the dam was safe"), "{f:?}");
    assert!(has(&f, "Lopes", "it was not"), "{f:?}");
}

#[test]
fn a_participle_with_its_agent() {
    let f = found("Last week, Lorvia announced a truce, with the truce rejected by Halvarian officials and denounced as a ruse.");
    assert!(has(&f, "Halvarian officials", "the truce"), "{f:?}");
    assert!(!f.iter().any(|x| x.0.starts_with("with")), "{f:?}");
    // a participle inside a clause is no report
    let f = found("Kaya has kept her ties with both sides, refusing to join the sanctions imposed by the coastal states.");
    assert!(!f.iter().any(|x| x.0 == "the coastal states"), "{f:?}");
}

#[test]
fn one_content_with_two_cues_is_one_statement() {
    let f = found("Kaya shot back, saying the tolls would fall.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "saying", "{f:?}");
}

#[test]
fn according_to_and_a_shared_subject() {
    let f = found("The river fell by a third, according to the ministry.");
    assert!(
        has(&f, "the ministry", "The river fell by a third"),
        "{f:?}"
    );
    let f = found("Kaya said the plan was sound, adding that both sides had seen it.");
    assert!(has(&f, "Kaya", "the plan was sound"), "{f:?}");
    assert!(has(&f, "Kaya", "that both sides had seen it"), "{f:?}");
}

#[test]
fn headline_and_dateline() {
    let f = found("Talks must resume within weeks: Kaya\nDUNMERE, Halvaria (Ledger) \u{2014} The dam will stay open, the ministry said.");
    assert!(has(&f, "Kaya", "Talks must resume within weeks"), "{f:?}");
    assert!(has(&f, "the ministry", "The dam will stay open"), "{f:?}");
    // a bare dateline before a dash is not a transcript speaker
    let f = found("Talks\n\nDUNMERE \u{2014} The dam will stay open, the ministry said.");
    assert!(has(&f, "the ministry", "The dam will stay open"), "{f:?}");
    assert!(!f.iter().any(|x| x.0 == "DUNMERE"), "{f:?}");
    // a name and whom or what the words are about; a rubric is no speaker
    let f = found("Kaya on the Harbor Tolls: They Will Fall\n\nThe body follows.");
    assert!(
        has(&f, "Kaya on the Harbor Tolls", "They Will Fall"),
        "{f:?}"
    );
    let f = found("The Latest: Tolls to fall in Dunmere\n\nThe body follows.");
    assert!(f.is_empty(), "{f:?}");
    // nor is an editor's label at the start of a paragraph
    let f = found("Tolls\n\nCorrection: An earlier version of this article misstated the date of the vote.\n\nEditor\u{2019}s note: The author is a harbor pilot.");
    assert!(f.is_empty(), "{f:?}");
    let f = found("Tolls\n\nKAYA: The tolls will fall.");
    assert!(has(&f, "KAYA", "The tolls will fall"), "{f:?}");
}

#[test]
fn appositives_and_determined_sources() {
    let f = found("\"The bridge will hold,\" Mara Ostrin, 41, said on Monday.");
    assert!(
        has(&f, "Mara Ostrin, 41,", "\"The bridge will hold,\""),
        "{f:?}"
    );
    let f = found("\"The tolls are too high,\" said one local driver.");
    assert!(
        has(&f, "one local driver", "\"The tolls are too high,\""),
        "{f:?}"
    );
    let f = found("The dam is safe, said Tomas Ekvall, a senior engineer at the water agency.");
    assert!(
        has(
            &f,
            "Tomas Ekvall, a senior engineer at the water agency",
            "The dam is safe"
        ),
        "{f:?}"
    );
}

#[test]
fn a_colon_closing_its_paragraph_announces_the_next() {
    let f = found("Kaya said:\n\n\"We will not sign this treaty. Not now.\"");
    assert!(
        has(&f, "Kaya", "\"We will not sign this treaty. Not now.\""),
        "{f:?}"
    );
}

#[test]
fn split_quotations_resume_past_asides() {
    let f = found(
        "\"We are ready,\" Kaya said, referring to the new port. \"The ball is in their court.\"",
    );
    assert!(
        has(
            &f,
            "Kaya",
            "\"We are ready,\" | \"The ball is in their court.\""
        ),
        "{f:?}"
    );
    let f =
        found("\"The plan is sound,\" Kaya said during a visit to Orrin, \"but it needs money.\"");
    assert!(
        has(
            &f,
            "Kaya",
            "\"The plan is sound,\" | \"but it needs money.\""
        ),
        "{f:?}"
    );
}

#[test]
fn a_quotation_after_the_cue_leaves_the_setting_out() {
    let f = found("Asked about the dam, Orsolya Venn said, \"We will not build it.\"");
    assert!(
        has(&f, "Orsolya Venn", "\"We will not build it.\""),
        "{f:?}"
    );
}

#[test]
fn a_bare_quotation_continues_the_quotation_before_it() {
    // the next paragraph, wholly a quotation
    let f = found("\"The bridge is closed,\" Kaya said.\n\"It will open in May.\"\n");
    assert!(
        has(
            &f,
            "Kaya",
            "\"The bridge is closed,\" | \"It will open in May.\""
        ),
        "{f:?}"
    );
    // past a clause inside the source's appositive
    let f = found(
            "\"It is late,\" said Ana Brel, a pilot who has been criticizing the airline for years. \"We wait.\"",
        );
    assert!(
        has(&f, "Ana Brel", "\"It is late,\" | \"We wait.\""),
        "{f:?}"
    );
}

#[test]
fn a_participle_after_the_cues_comma_is_a_gloss() {
    let f = found(
            "The tolls are \"a tax on the poor\" that must end, Kaya said, referring to the new bridge fees.",
        );
    assert!(
        has(
            &f,
            "Kaya",
            "The tolls are \"a tax on the poor\" that must end"
        ),
        "{f:?}"
    );
}

#[test]
fn a_programme_in_quotation_marks_is_a_setting_or_an_audience() {
    let f = found("On Sunday's \"Harbour Hour,\" Kaya said the ferry will run.");
    assert!(has(&f, "Kaya", "the ferry will run"), "{f:?}");
    let d = Doc::new("Kaya told \"Harbour Hour\" that the ferry will run.");
    let cues: Vec<bool> = (0..d.tokens.len()).map(|i| d.tok(i) == "told").collect();
    let f = super::find_with(&d, cues);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].audience.unwrap().text(d.text), "\"Harbour Hour\"");
    assert_eq!(f[0].content[0].text(d.text), "that the ferry will run");
}

#[test]
fn long_appositives_nominal_heads_and_reporting_nouns_as_verbs() {
    let f = found(
            "Ana Brel, an adviser to the port authority on tolls and fees and a lecturer at the Dunmere School of Law, said that the fees will fall.",
        );
    assert!(
        f.iter().any(|(s, _, c)| s.starts_with("Ana Brel,")
            && s.ends_with("Dunmere School of Law,")
            && c == "that the fees will fall"),
        "{f:?}"
    );
    let f = found("A lawyer for the ferry company, Oren Tal, said no appeal was planned.");
    assert!(
        has(
            &f,
            "A lawyer for the ferry company, Oren Tal,",
            "no appeal was planned"
        ),
        "{f:?}"
    );
    let f = found("Fares rose twice this year, The Dunmere Courier reports.");
    assert!(
        has(&f, "The Dunmere Courier", "Fares rose twice this year"),
        "{f:?}"
    );
    // the day the cue took in, then its part of the day; a subordinate clause after
    let f = found(
        "The tolls are unfair, harbour workers said Friday afternoon, as they marched to the port.",
    );
    assert!(has(&f, "harbour workers", "The tolls are unfair"), "{f:?}");
}

#[test]
fn clause_subjects_places_and_as_clauses() {
    let f = found("Kaya closed the rally by telling voters that tolls will fall.");
    assert!(has(&f, "Kaya", "that tolls will fall"), "{f:?}");
    let f = found(
            "Ana Brel spoke out Tuesday about the closure of the old pier, arguing that it must reopen.",
        );
    assert!(has(&f, "Ana Brel", "that it must reopen"), "{f:?}");
    let f = found("Kaya says at a stop in Dunmere, Halvaria, that the tolls will fall.");
    assert!(has(&f, "Kaya", "that the tolls will fall"), "{f:?}");
    let f = found("The pier is a public good, as a ministry memo put it.");
    assert!(
        has(&f, "a ministry memo", "The pier is a public good"),
        "{f:?}"
    );
}

#[test]
fn subjects_with_examples_adverbs_stray_commas_and_no_inversion() {
    // the comma inside the closing mark still makes the participle a gloss of the clause
    let f = found("Ana Brel gave a spirited defense of \u{201c}harbor values,\u{201d} saying the port embodied the town.");
    assert!(has(&f, "Ana Brel", "the port embodied the town"), "{f:?}");
    let f = found("Some pilots, including Ivo Lind of the Dunmere guild, also criticized the ministry for closing the pier.");
    assert!(
        has(
            &f,
            "Some pilots, including Ivo Lind of the Dunmere guild,",
            "the ministry for closing the pier"
        ),
        "{f:?}"
    );
    let f = found("Kaya, though, said he would vote for the ferry bill.");
    assert!(has(&f, "Kaya", "he would vote for the ferry bill"), "{f:?}");
    let f = found(
            "On Tuesday at the pier, after the vote, Gov. Rasmus Tell (D-Halv.), said the tolls will fall.",
        );
    assert!(
        has(&f, "Gov. Rasmus Tell (D-Halv.),", "the tolls will fall"),
        "{f:?}"
    );
    // a verb that does not invert: the words before the comma are its subject
    let f = found(
        "Another pilot, Ivo Lind of the Dunmere guild, praised the ministry for its patience.",
    );
    assert!(
        has(
            &f,
            "Another pilot, Ivo Lind of the Dunmere guild",
            "the ministry for its patience"
        ),
        "{f:?}"
    );
    let f = found(
        "A clerk who has worked at the port for years, Ana Brel, said she saw the ferry leave.",
    );
    assert!(has(&f, "Ana Brel,", "she saw the ferry leave"), "{f:?}");
}

#[test]
fn a_bare_quotation_later_in_the_paragraph_continues_the_last_one() {
    let f = found(
        "\"The pier is ours,\" said Ana Brel, a clerk. The ferry left at noon. \"We will stay.\"",
    );
    assert!(
        has(
            &f,
            "Ana Brel, a clerk",
            "\"The pier is ours,\" | \"We will stay.\""
        ),
        "{f:?}"
    );
    // (an initialism before a quotation ends its sentence: the quotation is the next one)
    let f = found("\"The pier is ours,\" Brel told reporters in Orrin, H.V. \"We will stay.\"");
    assert!(
        has(&f, "Brel", "\"The pier is ours,\" | \"We will stay.\""),
        "{f:?}"
    );
}

#[test]
fn adjuncts_after_the_cue_expectations_and_parenthetical_subjects() {
    // only adjuncts after the cue: the words are the clause before the source
    let f = found("The ferry will run through the winter, Kaya said in her 2019 memoir.");
    assert!(
        has(&f, "Kaya", "The ferry will run through the winter"),
        "{f:?}"
    );
    let f = found("The pilots had lost patience with the ministry, Lind said of the strike.");
    assert!(
        has(&f, "Lind", "The pilots had lost patience with the ministry"),
        "{f:?}"
    );
    // (a fronted adverbial is no such clause)
    let f = found("In 2019, Kaya spoke out against the tolls.");
    assert!(!f.iter().any(|x| x.2 == "In 2019"), "{f:?}");
    // expectations: nobody's words, but annotated with their subject
    let f = found("Kaya is expected to announce the new tolls on Monday.");
    assert!(
        has(&f, "", "Kaya | to announce the new tolls on Monday"),
        "{f:?}"
    );
    // subjects around an aside between dashes or commas
    let f = found("Many pilots at the meeting \u{2014} including Ivo Lind \u{2014} said the pier must reopen.");
    assert!(
        has(
            &f,
            "Many pilots at the meeting \u{2014} including Ivo Lind \u{2014}",
            "the pier must reopen"
        ),
        "{f:?}"
    );
    // coordinated subjects opening their clause; a verb's object is no conjunct
    let f = found("The pier stays shut, she and Ivo Lind said.");
    assert!(has(&f, "she and Ivo Lind", "The pier stays shut"), "{f:?}");
    let f = found("Kaya met Tell and Lind said nothing changed.");
    assert!(has(&f, "Lind", "nothing changed"), "{f:?}");
    let f = found("Tell, after a long pause, said the ferries would run.");
    assert!(has(&f, "Tell", "the ferries would run"), "{f:?}");
    let f = found("After winning the vote, Gov. Rasmus Tell (D-Halv.), said the tolls will fall.");
    assert!(
        has(&f, "Gov. Rasmus Tell (D-Halv.),", "the tolls will fall"),
        "{f:?}"
    );
}

#[test]
fn questions_put_and_poll_findings() {
    let f = found("Asked by Lind whether the pier would reopen, Kaya said it would.");
    assert!(has(&f, "Lind", "whether the pier would reopen"), "{f:?}");
    assert!(has(&f, "Kaya", "it would"), "{f:?}");
    // the asker unnamed: the question has no source, and does not take the answerer's
    let f = found("Asked during a harbor debate why the pier was shut, Kaya said it was unsafe.");
    assert!(has(&f, "", "why the pier was shut"), "{f:?}");
    let f = found("When asked about the tolls, Kaya shrugged and said nothing had changed.");
    assert!(has(&f, "", "the tolls"), "{f:?}");
    let f = found("Ana Brel held a 12-point lead among ferry workers in a Meridian Wire poll.");
    assert!(
        has(
            &f,
            "a Meridian Wire poll",
            "Ana Brel held a 12-point lead among ferry workers"
        ),
        "{f:?}"
    );
    let f = found("In the latest harbor survey, 61 percent of pilots backed the tolls.");
    assert!(
        has(
            &f,
            "the latest harbor survey",
            "61 percent of pilots backed the tolls"
        ),
        "{f:?}"
    );
    // standing in the polls is no poll's finding
    let f = found("Kaya has slipped in the polls since March.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn titled_sources_possessive_heads_and_contracted_pronouns() {
    let f = found("\"It is late,\" said former Sen. Ana Brel, who ran the port for years.");
    assert!(
        f.iter()
            .any(|(s, _, c)| s.starts_with("former Sen. Ana Brel") && c == "\"It is late,\""),
        "{f:?}"
    );
    let f = found("Kaya’s press secretary, Oren Tal, told the Courier that the plan failed.");
    assert!(
        has(
            &f,
            "Kaya’s press secretary, Oren Tal,",
            "that the plan failed"
        ),
        "{f:?}"
    );
    let d = Doc::new("Lee also told Harbour Radio he’d back the new tolls.");
    let cues: Vec<bool> = (0..d.tokens.len()).map(|i| d.tok(i) == "told").collect();
    let f = super::find_with(&d, cues);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].audience.unwrap().text(d.text), "Harbour Radio");
    assert!(
        f[0].content[0].text(d.text).starts_with("he’d back"),
        "{f:?}"
    );
    // commas inside the appositive
    let f = found(
            "The tolls \"will not last,\" Ana Brel, assistant minister for ports, roads, and ferries, said on the call.",
        );
    assert!(
        f.iter()
            .any(|(s, _, _)| s == "Ana Brel, assistant minister for ports, roads, and ferries,"),
        "{f:?}"
    );
}

#[test]
fn a_participle_after_the_cue_takes_the_next_quotation() {
    let f = found("\"The port is ready,\" Kaya said, adding, \"The ships are not.\"");
    assert!(has(&f, "Kaya", "\"The port is ready,\""), "{f:?}");
    assert!(
        f.iter()
            .any(|(_, cue, content)| cue == "adding" && content == "\"The ships are not.\""),
        "{f:?}"
    );
}

#[test]
fn content_ends_with_its_clause() {
    // a quotation closing a clause ends the content
    let f = found("Protesters chanted \"Open the gates!\" and kept marching until dawn.");
    assert!(has(&f, "Protesters", "\"Open the gates!\""), "{f:?}");
    // `,” meaning …` is the reporter's gloss
    let f = found("Lopes said the deal was \"final,\" meaning there would be no more talks.");
    assert!(has(&f, "Lopes", "the deal was \"final,\""), "{f:?}");
    // a semicolon
    let f = found("Kaya said the port would reopen in May; the traders were not convinced.");
    assert!(has(&f, "Kaya", "the port would reopen in May"), "{f:?}");
    // the learned end model: a stance verb's object stops before the relative clause,
    // and a participle after a comma is a report of its own
    let f = found("The minister endorsed Mayor Brandt, who said she was grateful.");
    assert!(has(&f, "The minister", "Mayor Brandt"), "{f:?}");
    let f = found("Meanwhile, it attacked the plan, saying the port \"will never pay.\"");
    assert!(has(&f, "it", "the port \"will never pay.\""), "{f:?}");
}

#[test]
fn sources_without_a_reporting_verb_before() {
    // a participle after a clause whose verb reports nothing takes the clause's subject
    let f = found("Kaya had harsh words for the envoy on Tuesday, telling reporters that the talks were over.");
    assert!(has(&f, "Kaya", "that the talks were over"), "{f:?}");
    // a passive's agent need not be a name
    let f = found("The plan was criticized by dozens of local farmers.");
    assert!(has(&f, "dozens of local farmers", "The plan"), "{f:?}");
    // a participle after a possessive is an adjective, not a cue
    let f = found("Orrin's repeated appeals to the council went unanswered, Kaya said.");
    assert!(f.iter().all(|(_, cue, _)| cue != "repeated"), "{f:?}");
}

#[test]
fn a_quotation_signed_with_a_bar_runs_from_its_paragraph_start() {
    let f = found("\u{201d}The river is ours. We will keep it.\u{201d} \u{2015} Ines Varga");
    assert!(
        has(
            &f,
            "Ines Varga",
            "\u{201d}The river is ours. We will keep it.\u{201d}"
        ),
        "{f:?}"
    );
}

#[test]
fn fronted_cues_openers_and_settings() {
    let f = found("Said Lopes: \"The harbour is ours.\"");
    assert!(has(&f, "Lopes", "\"The harbour is ours.\""), "{f:?}");
    let f = found("\"The plan is dead,\" Ines Varga, the port director, one of its authors, said.");
    assert!(
        has(
            &f,
            "Ines Varga, the port director, one of its authors,",
            "\"The plan is dead,\""
        ),
        "{f:?}"
    );
    // a sentence-opening conjunction or discourse adverb is not part of the words
    let f = found("But the port will stay shut, Kaya added.");
    assert!(has(&f, "Kaya", "the port will stay shut"), "{f:?}");
    let f = found("However, the ferries will run, according to the ministry.");
    assert!(has(&f, "the ministry", "the ferries will run"), "{f:?}");
    // a transcript turn inside quotation marks
    let f = found("The debate went on.\n\n\"KAYA: Well, the harbour stays open.");
    assert!(has(&f, "KAYA", "Well, the harbour stays open"), "{f:?}");
    // turns of a transcript quoted whole, each paragraph opening with a straight mark
    let f = found(
            "The interview went on.\n\n\"HOST: Will the ferry run? Tell us.\n\n\"(CROSSTALK.)\n\n\"KAYA: It will run. On time.\n\n\"It is paid for.\"\n\n\"Follow Ivo Lind on Twitter @ivolind\"\n",
        );
    assert!(has(&f, "HOST", "Will the ferry run? Tell us"), "{f:?}");
    assert!(
        has(&f, "KAYA", "It will run. On time | \"It is paid for.\""),
        "{f:?}"
    );
    // a setting is not what was said
    assert!(found("He spoke against the backdrop of the old harbour.").is_empty());
    // an adverb before the verb is part of the cue, not its head
    let f = found("Kaya sharply criticized the new treaty.");
    assert!(
        f.iter()
            .any(|(s, cue, c)| s == "Kaya" && cue == "sharply criticized" && c == "the new treaty"),
        "{f:?}"
    );
}

/// `…, before noting that …`: the speaker's second report ends the first one's words.
#[test]
fn a_second_report_by_the_same_speaker_ends_the_content() {
    let text = "Ed Loy, the harbour pilot, said the tolls would double before noting that the board had not yet voted on them.";
    let f = found(text);
    assert!(
        f.iter()
            .any(|(_, cue, c)| cue == "said" && c == "the tolls would double"),
        "{f:?}"
    );
}

/// Inverted sources with a date-like number before the noun ("said 9/11 widow Ana Brel")
/// and a delegate's title ("said Del. Ana Brel"); an appositive between double hyphens.
#[test]
fn number_modifiers_titles_and_double_hyphen_appositives() {
    // invented text
    let f = found("\u{201c}The fund has failed us,\u{201d} said 9/11 widow Ana Brel.");
    assert!(
        f.iter().any(|(s, _, _)| s == "9/11 widow Ana Brel"),
        "{f:?}"
    );
    let f =
        found("\u{201c}This is a waste of time,\u{201d} said Del. Ana Brel of the Skerry Isles.");
    assert!(
        f.iter().any(|(s, _, _)| s.starts_with("Del. Ana Brel")),
        "{f:?}"
    );
    let f = found(
        "Ivo Lund, the head of Lund Media -- the firm that owns the port's ferries -- said the pier was safe.",
    );
    assert!(
        f.iter()
            .any(|(s, _, _)| s.starts_with("Ivo Lund, the head")),
        "{f:?}"
    );
    let f = found(
        "Lund -- co-author of Tides of Dunmere, a book on the port's ferries -- said the pier was safe.",
    );
    assert!(f.iter().any(|(s, _, _)| s.starts_with("Lund --")), "{f:?}");
}

/// A subject does not run back over a dash or into another noun phrase's determiner
/// ("interference -- meddling the Kallmark senator said is …").
#[test]
fn subjects_stop_at_dashes_and_a_second_determiner() {
    // invented text
    let f = found(
        "Roe called for sanctions over interference in the vote -- meddling the Kallmark senator said is designed to divide voters.",
    );
    assert!(
        f.iter().any(|(s, _, _)| s == "the Kallmark senator"),
        "{f:?}"
    );
}

#[test]
fn inverted_asked_takes_its_subject_not_an_audience() {
    let f = found("\u{201c}Will the pier stay open?\u{201d} asked Ivo Kaya, a fisherman in Vell.");
    assert!(
        f.iter().any(|(s, _, c)| s.starts_with("Ivo Kaya")
            && c == "\u{201c}Will the pier stay open?\u{201d}"),
        "{f:?}"
    );
    // with the subject before the verb, the name after it is still the one asked
    let f = found("\u{201c}Why now?\u{201d} Brel asked Lind on Tuesday.");
    assert!(has(&f, "Brel", "\u{201c}Why now?\u{201d}"), "{f:?}");
}

#[test]
fn a_name_before_a_colon_opens_a_quotation() {
    let text = "The ferry board met in Vell on Monday.\n\nTolls will rise again next year - pollster Mara Vey: \u{201c}Nobody in the harbour towns wants to pay more.\u{201d}\n\nMore from the report: \u{201c}The pier needs new pilings.\u{201d}\n\nRep. Ana Brel (R-Vell):\u{201c}We will fight the tolls.\u{201d}";
    let f = found(text);
    assert!(
        has(
            &f,
            "Mara Vey",
            "\u{201c}Nobody in the harbour towns wants to pay more.\u{201d}"
        ),
        "{f:?}"
    );
    assert!(
        has(
            &f,
            "the report",
            "\u{201c}The pier needs new pilings.\u{201d}"
        ),
        "{f:?}"
    );
    assert!(
        has(
            &f,
            "Rep. Ana Brel (R-Vell)",
            "\u{201c}We will fight the tolls.\u{201d}"
        ),
        "{f:?}"
    );
    // a date before the colon is no speaker
    let f = found("The ferry board met in Vell.\n\nThe notice went up on Monday: \u{201c}Closed for repairs.\u{201d}");
    assert!(!f.iter().any(|(_, c, _)| c == ":"), "{f:?}");
}

#[test]
fn a_verb_of_seeming_splits_its_subject_and_complement() {
    let f = found("The harbour board seemed to favour the new tolls.");
    assert!(
        f.iter().any(|(s, _, c)| s == "The harbour board"
            && c == "The harbour board | to favour the new tolls"),
        "{f:?}"
    );
    let f = found("Mayor Ana Brel appeared uneasy about the ferry deal.");
    assert!(
        f.iter().any(|(s, _, c)| s == "Mayor Ana Brel"
            && c == "Mayor Ana Brel | uneasy about the ferry deal"),
        "{f:?}"
    );
    // an expletive subject is nobody's: the clause is the content
    let f = found("It seems that the ferry will run late.");
    assert!(!f.iter().any(|(_, _, c)| c.contains(" | ")), "{f:?}");
}

#[test]
fn a_cue_in_a_relative_clause_takes_the_relative_word() {
    let f = found("The council rejected the new pier, which Brel said would cost too much.");
    assert!(has(&f, "Brel", "which | would cost too much"), "{f:?}");
    let f = found("The toll is what Lind called \u{201c}a tax on ferries.\u{201d}");
    assert!(
        has(&f, "Lind", "what | \u{201c}a tax on ferries.\u{201d}"),
        "{f:?}"
    );
}

#[test]
fn a_relative_word_after_a_preposition_is_a_setting() {
    let f =
        found("Lind posted two notes in which she called the tolls \u{201c}a disgrace.\u{201d}");
    assert!(!f.iter().any(|(_, _, c)| c.starts_with("which")), "{f:?}");
}

#[test]
fn seeming_before_an_intention_is_no_split() {
    let f = found("Mayor Ana Brel appears set to veto the ferry tolls.");
    assert!(
        !f.iter().any(|(_, _, c)| c.starts_with("Mayor Ana Brel |")),
        "{f:?}"
    );
}

/// The commonest shape of direct speech never rests on the cue detector: with no word
/// flagged at all, `"…," he adds.` and `"…?" asked Roe.` are still statements; a verb with
/// no quotation before it is not.
#[test]
fn a_verb_of_saying_after_a_closed_quotation_is_a_cue_without_the_detector() {
    let text = "\u{201c}The levy stays,\u{201d} he adds. \u{201c}Who pays for it?\u{201d} asked Ilse Brant. \
                Brant adds salt to the soup.";
    let doc = Doc::new(text);
    let none = vec![false; doc.tokens.len()];
    let f: Vec<String> = super::find_with(&doc, none)
        .iter()
        .map(|x| {
            x.content
                .iter()
                .map(|s| s.text(text))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert!(
        f.iter().any(|c| c == "\u{201c}The levy stays,\u{201d}"),
        "{f:?}"
    );
    assert!(
        f.iter().any(|c| c == "\u{201c}Who pays for it?\u{201d}"),
        "{f:?}"
    );
    assert_eq!(f.len(), 2, "{f:?}");
}

/// `She told them, to loud applause:` closing its paragraph: the aside is the reporter's,
/// the words are the quotation that opens the next paragraph.
#[test]
fn a_colon_after_an_aside_announces_the_next_paragraph() {
    let f = found(
        "She told her audience, to loud applause:\n\n\u{201c}No harbour in the north is better run than ours.\u{201d}\n\nThe council adjourned.",
    );
    assert!(
        has(
            &f,
            "She",
            "\u{201c}No harbour in the north is better run than ours.\u{201d}"
        ),
        "{f:?}"
    );
    assert!(!f.iter().any(|(_, _, c)| c.contains("applause")), "{f:?}");
}

/// `who declined to be named`, `asked not to be identified`: the anonymous source's formula
/// is no statement, and the quotation after it still continues the speaker's.
#[test]
fn the_formula_of_an_anonymous_source_reports_nothing() {
    let f = found(
        "\"We came here,\" said one shop owner who declined to be named. \"We were deceived.\" \
         A second official, who asked not to be identified, said the ferry would run.",
    );
    assert!(!f.iter().any(|(_, _, c)| c.contains("to be")), "{f:?}");
    assert!(
        f.iter()
            .any(|(_, _, c)| c == "\"We came here,\" | \"We were deceived.\""),
        "{f:?}"
    );
    assert!(
        f.iter().any(|(_, _, c)| c == "the ferry would run"),
        "{f:?}"
    );
}
