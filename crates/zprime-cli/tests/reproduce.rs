//! End-to-end tests of `zprime reproduce`: paper values next to zprime's.

mod common;

use common::{json, zprime};
use predicates::prelude::*;

#[test]
fn reproduce_prints_paper_and_zprime_values() {
    let v = json(&["reproduce", "004-trident-vphi", "--json"]);
    let v_phi = v[0]["computed"].as_f64().unwrap();
    assert!((745.0..765.0).contains(&v_phi), "{v_phi}");
    assert_eq!(v[0]["inputs"], "altmannshofer2014");
    zprime()
        .args(["reproduce", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("000-invisible-285"));
    zprime()
        .args(["reproduce", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown reproduction"));
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("reproduce");
}
