//! End-to-end tests of `zprime limits`: CSV and JSON output, bad input.

mod common;

use common::{assert_usage_errors, json, zprime};

#[test]
fn limits_csv_and_json() {
    let out = zprime()
        .args(["limits", "--model", "lmu-ltau", "--points", "20", "--csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("mass,constraint,kind,g_low,g_high\n"));
    assert!(text
        .lines()
        .skip(1)
        .all(|l| l.split(',').count() == 5 && !l.contains("NaN")));
    let out = zprime()
        .args([
            "limits",
            "--inputs",
            "ibe2016",
            "--points",
            "10",
            "--mass-max",
            "0.1",
            "--csv",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains(",expected_2sigma,"));
    let v = json(&[
        "limits", "--model", "lmu-ltau", "--points", "20", "--json", "--inputs", "ibe2016",
    ]);
    assert_eq!(v["masses"].as_array().unwrap().len(), 20);
    let g2 = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "g-2:ibe2016")
        .unwrap()
        .clone();
    assert_eq!(g2["limits"][0]["preferred"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_parameter() {
    assert_usage_errors(&[
        (&["limits", "--mass-min", "0"], "'mass-min'"),
        (
            &["limits", "--mass-min", "1", "--mass-max", "0.5"],
            "'mass-max'",
        ),
        (&["limits", "--points", "1"], "'points'"),
    ]);
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("limits");
}
