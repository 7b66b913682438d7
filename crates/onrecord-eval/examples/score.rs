//! `cargo run -p onrecord-eval --example score -- GOLD.jsonl PRED.jsonl [--json]`: the same
//! command line and output as `score_quotes.py`, for checking the two side by side.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [gold, pred] = files[..] else {
        eprintln!("usage: score GOLD.jsonl PRED.jsonl [--json]");
        return ExitCode::from(2);
    };
    let (gold, pred) = match (onrecord_eval::load(gold), onrecord_eval::load(pred)) {
        (Ok(g), Ok(p)) => (g, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("score: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = onrecord_eval::score(&gold, &pred);
    if args.iter().any(|a| a == "--json") {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.to_table());
    }
    ExitCode::SUCCESS
}
