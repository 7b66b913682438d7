//! Whole-article tests of events: invented copy about fictional places and people, and a
//! few sentences that name real countries only.

use onrecord_core::{Article, EventType, Standing};

#[derive(Debug)]
struct Ev {
    kind: EventType,
    actors: Vec<(String, Option<String>)>,
    recipients: Vec<(String, Option<String>)>,
    standing: Standing,
    statement: Option<usize>,
    day: Option<chrono::NaiveDate>,
    subordinate: bool,
}

fn events(text: &str) -> Vec<Ev> {
    let a = Article {
        id: "t".into(),
        text: text.into(),
        published: "2031-05-06".parse().ok(),
        ..Default::default()
    };
    let analysis = crate::analyze(&a);
    analysis
        .events
        .iter()
        .map(|e| {
            let ents = |v: &[onrecord_core::EventEntity]| {
                v.iter()
                    .map(|x| (x.span[0].text(text).to_string(), x.country.clone()))
                    .collect::<Vec<_>>()
            };
            Ev {
                kind: e.kind,
                actors: ents(&e.actors),
                recipients: ents(&e.recipients),
                standing: e.standing,
                statement: e.statement,
                day: e.day,
                subordinate: e.subordinate,
            }
        })
        .collect()
}

#[test]
fn a_planned_call_reported_by_a_spokesman() {
    let text = "Turkish President Oran Vesk met ministers on Friday. Vesk will have a phone call \
                with Russian President Dmitri Lask on Sunday, spokesman Emre Kalo said.";
    let ev = events(text);
    let call = ev
        .iter()
        .find(|e| e.recipients.iter().any(|r| r.0.contains("Lask")))
        .expect("the call");
    assert_eq!(call.kind, EventType::Consult, "{ev:?}");
    assert_eq!(
        call.actors[0],
        ("Vesk".to_string(), Some("TUR".to_string()))
    );
    assert_eq!(call.recipients[0].1.as_deref(), Some("RUS"));
    assert_eq!(call.standing, Standing::Planned);
    assert_eq!(call.statement, Some(0));
    // published Tuesday 2031-05-06: "on Sunday" of a planned call is the coming Sunday
    assert_eq!(
        call.day.map(|d| d.to_string()).as_deref(),
        Some("2031-05-11")
    );
}

/// An event takes the day its own words give, not the day of the saying, not the edge of
/// a stretch, and none at all when its sentence names no day.
#[test]
fn the_day_of_an_event_is_its_own() {
    let day = |text: &str| {
        events(text)
            .first()
            .map(|e| e.day.map(|d| d.to_string()))
            .expect("an event")
    };
    assert_eq!(
        day("Halvarian troops shelled the port of Mirra on Saturday.").as_deref(),
        Some("2031-05-03")
    );
    assert_eq!(
        day("Halvaria will meet Vardania in Tesk, the ministry said on Monday."),
        None
    );
    assert_eq!(
        day("Halvarian troops have attacked the border villages since April 2.").as_deref(),
        None
    );
    assert_eq!(day("Halvarian troops shelled the port of Mirra."), None);
}

#[test]
fn the_same_call_between_countries() {
    let ev = events("Turkey will have a phone call with Russia on Sunday, the ministry said.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].kind, EventType::Consult);
    assert_eq!(ev[0].actors[0].1.as_deref(), Some("TUR"));
    assert_eq!(ev[0].recipients[0].1.as_deref(), Some("RUS"));
    assert_eq!(ev[0].standing, Standing::Planned);
    assert_eq!(ev[0].statement, Some(0));
}

#[test]
fn acts_by_type_with_actor_and_recipient() {
    let cases: &[(&str, EventType, &str, &str)] = &[
        (
            "Halvarian troops shelled the port of Velora on Monday.",
            EventType::Assault,
            "Halvarian troops",
            "the port of Velora",
        ),
        (
            "The Vardanian government imposed sanctions on Neresia.",
            EventType::Sanction,
            "The Vardanian government",
            "Neresia",
        ),
        (
            "Police in Dunmere arrested three reporters.",
            EventType::Coerce,
            "Police in Dunmere",
            "three reporters",
        ),
        (
            "The foreign minister accused Neresia of stalling.",
            EventType::Accuse,
            "The foreign minister",
            "Neresia",
        ),
        (
            "Vardania rejected the Halvarian proposal.",
            EventType::Reject,
            "Vardania",
            "the Halvarian proposal",
        ),
        (
            "Thousands of farmers rallied outside parliament.",
            EventType::Protest,
            "Thousands of farmers",
            "",
        ),
    ];
    for (text, kind, actor, recipient) in cases {
        let ev = events(text);
        assert_eq!(ev.first().map(|e| e.kind), Some(*kind), "{text}: {ev:?}");
        assert_eq!(
            ev[0].actors.first().map(|a| a.0.as_str()),
            Some(*actor),
            "{text}: {ev:?}"
        );
        assert_eq!(
            ev[0].recipients.first().map(|a| a.0.as_str()).unwrap_or(""),
            *recipient,
            "{text}: {ev:?}"
        );
        assert_eq!(ev[0].standing, Standing::Happened);
    }
}

#[test]
fn compound_actors_and_no_recipient() {
    let ev = events("Turkey and Ukraine agreed on a new corridor.");
    assert_eq!(ev[0].kind, EventType::Agree, "{ev:?}");
    let countries: Vec<_> = ev[0]
        .actors
        .iter()
        .map(|a| a.1.clone().unwrap_or_default())
        .collect();
    assert_eq!(countries, ["TUR", "UKR"]);
    assert!(ev[0].recipients.is_empty());
}

#[test]
fn saying_is_no_event_and_what_is_said_is_claimed_or_denied() {
    let ev = events("The mayor said on Tuesday that Halvarian soldiers attacked the village.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].kind, EventType::Assault);
    assert_eq!(ev[0].standing, Standing::Claimed);
    assert_eq!(ev[0].statement, Some(0));
    let ev = events("Halvaria denied attacking the convoy.");
    assert!(ev.iter().all(|e| e.standing == Standing::Denied), "{ev:?}");
    assert!(ev.iter().all(|e| e.kind != EventType::Reject), "{ev:?}");
}

#[test]
fn a_request_holds_the_act_it_asks_for() {
    let ev = events("Neresia urged Vardania to withdraw its troops from the border.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].kind, EventType::Request);
    assert_eq!(ev[0].recipients[0].0, "Vardania");
}

#[test]
fn a_refusal_is_a_rejection_and_a_mention_in_passing_no_event() {
    let ev = events("Vardania will not lift the ban on Neresian ferries.");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].kind, EventType::Reject);
    assert_eq!(ev[0].standing, Standing::Happened);
    let ev =
        events("The Dunmere Front claimed responsibility for the attack that killed two guards.");
    assert!(ev.is_empty(), "{ev:?}");
    let ev = events("The Halvarian government sent aid to Neresia.");
    assert_eq!(ev[0].kind, EventType::Aid, "{ev:?}");
    assert_eq!(ev[0].recipients[0].0, "Neresia");
}

/// A participle describes the phrase beside it: those detained are recipients, never the
/// actors ("activists detained while …", "the eleven detained fishermen").
#[test]
fn a_participle_names_who_suffers_the_act() {
    let ev = events("Police in Mirra freed three reporters detained while filming the port.");
    let detained = ev
        .iter()
        .find(|e| e.kind == EventType::Coerce)
        .unwrap_or_else(|| panic!("{ev:?}"));
    assert!(detained.actors.is_empty(), "{ev:?}");
    assert_eq!(detained.recipients[0].0, "three reporters");
    let ev =
        events("Vesk said talks would not resume until the eleven detained fishermen were home.");
    let detained = ev
        .iter()
        .find(|e| e.kind == EventType::Coerce)
        .unwrap_or_else(|| panic!("{ev:?}"));
    assert!(detained.actors.is_empty(), "{ev:?}");
    assert_eq!(detained.recipients[0].0, "fishermen");
    // an active verb with its object stays active
    let ev = events("Halvarian troops killed at least 12 fishermen near Mirra.");
    assert_eq!(ev[0].actors[0].0, "Halvarian troops", "{ev:?}");
}

/// A name the writer put in brackets after a pronoun is the actor.
#[test]
fn a_bracketed_name_says_who_the_pronoun_is() {
    let ev = events(
        "Turkish President Oran Vesk spoke on Friday. \"On Sunday he (Vesk) will have a phone \
         call with his Russian counterpart,\" spokesman Emre Kalo said.",
    );
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Consult)
        .unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(call.actors[0].0, "Vesk", "{ev:?}");
    assert_eq!(call.actors[0].1.as_deref(), Some("TUR"));
    assert_eq!(call.recipients[0].1.as_deref(), Some("RUS"));
}

/// When the object names the act ("sanctions", "accusations", "an agreement"), the party
/// behind it is the recipient; a thing behind it is not.
#[test]
fn the_recipient_is_the_party_behind_the_measure() {
    let recipient = |text: &str| {
        let ev = events(text);
        ev.first()
            .and_then(|e| e.recipients.first())
            .map(|r| r.0.clone())
            .unwrap_or_else(|| panic!("{ev:?}"))
    };
    assert_eq!(
        recipient("Halvaria imposed new sanctions on Vardania in March."),
        "Vardania"
    );
    assert_eq!(
        recipient("Halvaria signed a trade agreement with the Lissa Union."),
        "the Lissa Union"
    );
    assert_eq!(
        recipient("Halvaria rejected a proposal from Vardania."),
        "Vardania"
    );
    assert_eq!(
        recipient("Halvaria rejected a request for more time."),
        "a request"
    );
}

/// Declining to comment is no act between parties, and a fire that kills is no assault.
#[test]
fn no_event_in_a_refusal_to_comment_or_a_disaster() {
    for text in [
        "The ministry declined to comment on the talks.",
        "A spokesperson for Halvaria refused to say whether the envoy would travel.",
        "A fire in a market in Mirra killed 19 people on Saturday.",
        "Floods killed 20 people in northern Vardania.",
    ] {
        let ev = events(text);
        assert!(
            ev.iter()
                .all(|e| !matches!(e.kind, EventType::Reject | EventType::Assault)),
            "{text}: {ev:?}"
        );
    }
    // a refusal of what another party asks stays a rejection
    let ev = events("Vardania refused to withdraw its troops from the border.");
    assert!(ev.iter().any(|e| e.kind == EventType::Reject), "{ev:?}");
}

/// Idioms of giving and striking are no aid and no protest.
#[test]
fn giving_a_chance_is_no_aid_and_striking_a_deal_an_agreement() {
    let ev = events("Vardania should give a real chance to the talks, Vesk said.");
    assert!(ev.iter().all(|e| e.kind != EventType::Aid), "{ev:?}");
    let ev = events("Halvaria and Vardania struck a deal on the river.");
    assert!(ev.iter().any(|e| e.kind == EventType::Agree), "{ev:?}");
    let ev = events("Halvaria gave food and medicine to the refugees.");
    assert!(ev.iter().any(|e| e.kind == EventType::Aid), "{ev:?}");
}

/// Where an act took place: a name after "in" or "at" in its clause, not a month.
#[test]
fn the_place_of_an_event() {
    let place = |text: &str| {
        let a = Article {
            id: "t".into(),
            text: text.into(),
            published: "2031-05-06".parse().ok(),
            ..Default::default()
        };
        let analysis = crate::analyze(&a);
        let ev = analysis.events.first().expect("an event").clone();
        ev.location
            .map(|p| (p.span[0].text(text).to_string(), p.country))
    };
    assert_eq!(
        place("Turkey hosted the foreign ministers of Vardania in Ankara in March."),
        Some(("Ankara".to_string(), Some("TUR".to_string())))
    );
    assert_eq!(
        place("Halvarian troops shelled the harbour at Mirra's edge."),
        Some(("Mirra".to_string(), None))
    );
    assert_eq!(place("Turkey hosted the ministers in March."), None);
}

#[test]
fn aid_goes_to_the_people_after_to_not_to_the_money() {
    let ev =
        events("The Velorian Red Crescent gave 4 million crowns to flood victims in Amber Vale.");
    let aid = ev
        .iter()
        .find(|e| e.kind == EventType::Aid)
        .expect("the aid");
    assert_eq!(aid.recipients[0].0, "flood victims", "{ev:?}");
}

#[test]
fn a_ban_is_lifted_on_the_person_after_on() {
    let ev = events("A Halvarian court lifted a ban on veteran lawmaker Tomas Brell on Monday.");
    let lift = ev
        .iter()
        .find(|e| !e.recipients.is_empty())
        .expect("the lifting");
    assert!(lift.recipients[0].0.contains("Tomas Brell"), "{ev:?}");
}

#[test]
fn an_act_after_a_comma_participle_or_as_is_subordinate() {
    let ev = events(
        "Neresian rebels ambushed an army convoy near Tarn, wounding four soldiers, \
         as the air force bombed their camps.",
    );
    let main: Vec<_> = ev.iter().filter(|e| !e.subordinate).collect();
    assert_eq!(main.len(), 1, "{ev:?}");
    assert!(main[0].recipients[0].0.contains("convoy"), "{ev:?}");
    assert!(ev.iter().filter(|e| e.subordinate).count() >= 2, "{ev:?}");
}

#[test]
fn a_clause_before_its_comma_leaves_the_main_act_main() {
    let ev = events("The ministry, which runs the prisons, freed three reporters on Sunday.");
    assert!(ev.iter().any(|e| !e.subordinate), "{ev:?}");
}

#[test]
fn a_light_verb_before_a_counted_noun_gives_the_actor() {
    let ev = events("The Velorian air force carried out at least three air strikes on Tarn.");
    let strike = ev
        .iter()
        .find(|e| e.kind == EventType::Assault)
        .expect("the strikes");
    assert_eq!(strike.actors[0].0, "The Velorian air force", "{ev:?}");
}
