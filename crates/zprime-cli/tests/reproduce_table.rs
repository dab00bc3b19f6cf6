//! `zprime reproduce` against the table of printed numbers (data/papers/printed.toml): the list
//! claims only what is computed, every item meets its tolerance, and the text says where we
//! differ from a paper.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn zprime() -> Command {
    Command::cargo_bin("zprime").unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = zprime().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_list_claims_exactly_what_all_computes_and_every_item_agrees() {
    let listed: Vec<String> = stdout(&["reproduce", "--list"])
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    let all: Value = serde_json::from_str(&stdout(&["reproduce", "all", "--json"])).unwrap();
    let all = all.as_array().unwrap();
    let computed: Vec<String> = all
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, computed);
    for o in all {
        assert_eq!(o["agrees"], true, "{o}");
        assert!(o["printed"].as_str().is_some_and(|p| !p.is_empty()), "{o}");
    }
    // every paper of shared/papers is represented
    for paper in ["000", "001", "002", "003", "004"] {
        assert!(computed.iter().any(|id| id.starts_with(paper)), "{paper}");
    }
}

#[test]
fn a_paper_selects_its_items_and_the_text_shows_documented_differences() {
    let v: Value = serde_json::from_str(&stdout(&["reproduce", "003", "--json"])).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().all(|id| id.starts_with("003-")) && ids.contains(&"003-bkx-eps-g"));
    zprime()
        .args(["reproduce", "003-bkx-eps-g"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "differs from the paper as documented",
        ))
        .stdout(predicate::str::contains("Not a transposition of digits"));
    // a matrix is reported by its agreement count, and its JSON holds the entries
    let m: Value = serde_json::from_str(&stdout(&["reproduce", "002-cl-ds", "--json"])).unwrap();
    assert_eq!(m[0]["computed"].as_array().unwrap().len(), 3);
    zprime()
        .args(["reproduce", "002-cl-ds"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 listed deviations"));
}

#[test]
fn an_unknown_item_exits_2_naming_the_choices() {
    zprime().args(["reproduce", "005"]).assert().code(2).stderr(
        predicate::str::contains("unknown reproduction")
            .and(predicate::str::contains("004-trident-vphi")),
    );
}
