//! End-to-end tests of `zprime data`: input sets and data files with their citations.

mod common;

use common::{assert_usage_errors, json, zprime};
use predicates::prelude::*;

#[test]
fn data_lists_everything_with_citations() {
    zprime().args(["data"]).assert().success().stdout(
        predicate::str::contains("Phys. Rev. D 110, 030001").and(predicate::str::contains("m_mu")),
    );
    zprime()
        .args(["data", "--inputs", "altmannshofer2014"])
        .assert()
        .success()
        .stdout(predicate::str::contains("*tau_tau"));
    zprime()
        .args(["data", "--file", "trident.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("source"));
    zprime()
        .args(["data", "--file", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown data file"));
    let v = json(&["data", "--json"]);
    assert!(v["inputs"]["parameters"]["m_mu"]["source"]
        .as_str()
        .unwrap()
        .contains("Particle Data Group"));
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_parameter() {
    assert_usage_errors(&[(
        &["data", "--inputs", "/nonexistent/set.toml"],
        "/nonexistent/set.toml",
    )]);
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("data");
}
