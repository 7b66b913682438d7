//! `cargo run -p onrecord-eval --example score_timex -- [--docdate] GOLD.jsonl PRED.jsonl
//! [--json]` (or `--input`/`--blind GOLD.jsonl`): the same command line and output as
//! `score_timex.py`, for checking the two side by side.

use std::process::ExitCode;

use onrecord_eval::timex::{input_line, load_timex, score_docdate, score_timexes};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if flag("--input") || flag("--blind") {
        let [gold] = files[..] else {
            eprintln!("usage: score_timex --input|--blind GOLD.jsonl");
            return ExitCode::from(2);
        };
        return match load_timex(gold) {
            Ok(g) => {
                for d in g.iter() {
                    println!("{}", input_line(d, flag("--blind")));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let [gold, pred] = files[..] else {
        eprintln!("usage: score_timex [--docdate] GOLD.jsonl PRED.jsonl [--json]");
        return ExitCode::from(2);
    };
    let (gold, pred) = match (load_timex(gold), load_timex(pred)) {
        (Ok(g), Ok(p)) => (g, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if flag("--docdate") {
        let r = score_docdate(&gold, &pred);
        if flag("--json") {
            println!("{}", r.to_json());
        } else {
            print!("{}", r.to_table());
        }
        return ExitCode::SUCCESS;
    }
    match score_timexes(&gold, &pred) {
        Ok(r) => {
            if flag("--json") {
                println!("{}", r.to_json());
            } else {
                print!("{}", r.to_table());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
