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

#[test]
fn data_keeps_the_digits_and_prints_cl_in_percent() {
    let out = zprime().args(["data"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // a_mu as measured, not 0.001166 +- 1.450e-10
    assert!(text.contains("0.00116592089 +- 6.3e-10"), "{text}");
    assert!(
        text.contains("(95% CL)") && text.contains("< 2.4e-6 (90% CL)"),
        "{text}"
    );
    // derived values to 6 digits, not the arithmetic's 17
    assert!(
        text.contains("R(7Be):Borexino") && text.contains("1.00835 +- 0.0642938"),
        "{text}"
    );
}
