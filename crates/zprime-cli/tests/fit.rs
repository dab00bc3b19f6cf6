//! End-to-end tests of `zprime fit`: text, JSON and CSV output, bad input.

mod common;

use common::{assert_help_has_examples, assert_usage_errors, json, zprime};

const SMALL: [&str; 7] = [
    "fit",
    "--inputs",
    "altmannshofer2014",
    "--param",
    "mass=0.001:1",
    "--param",
    "g=1e-5:1e-2",
];

#[test]
fn fit_finds_the_g_minus_2_band_with_paper_004_inputs() {
    let mut args = SMALL.to_vec();
    args.extend(["--grid", "6", "--json"]);
    let v = json(&args);
    assert_eq!(v["dof"], 2);
    assert_eq!(v["points"], 36);
    let refined = v["refined"]["chi2"].as_f64().unwrap();
    let sampled = v["sampled"]["chi2"].as_f64().unwrap();
    assert!(refined <= sampled);
    let g = v["refined"]["parameters"]["g"].as_f64().unwrap();
    assert!((2e-4..2e-3).contains(&g), "{g}");
    // the g-2 anomaly (3.2 sigma alone) against the SM
    let delta = v["delta_chi2_sm"].as_f64().unwrap();
    assert!(delta > 10.0, "{delta}");
    let significance = v["significance_sm"].as_f64().unwrap();
    assert!((2.5..3.5).contains(&significance), "{significance}");
    let sum: f64 = v["breakdown"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["chi2"].as_f64().unwrap())
        .sum();
    assert!((sum - refined).abs() < 1e-9 * refined, "{sum} {refined}");
    assert_eq!(
        v["left_out"][0]["id"], "g-2:altmannshofer2014:5sigma",
        "a measurement counts once"
    );
}

#[test]
fn fit_text_names_the_best_fit_and_the_standard_model() {
    let mut args = SMALL.to_vec();
    args.extend(["--grid", "5"]);
    zprime()
        .args(&args)
        .assert()
        .success()
        .stdout(predicates::str::contains("Best fit (refined)"))
        .stdout(predicates::str::contains("Standard Model (g = 0)"))
        .stdout(predicates::str::contains("sigma for 2 parameters"))
        .stdout(predicates::str::contains("trident:CCFR"));
}

#[test]
fn fit_csv_has_every_point_with_delta_chi2() {
    let mut args = SMALL.to_vec();
    args.extend(["--sobol", "16", "--seed", "3", "--csv"]);
    let out = zprime().args(&args).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "index,mass,g,chi2,delta_chi2");
    assert_eq!(lines.len(), 17);
    let deltas: Vec<f64> = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(deltas.iter().all(|d| *d >= 0.0));
    assert!(deltas.contains(&0.0));
    // the same seed gives the same points
    let again = zprime().args(&args).output().unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
}

#[test]
fn fit_bad_input_names_the_flag() {
    let with = |extra: &'static [&'static str]| -> Vec<&'static str> {
        let mut v = vec!["fit", "--inputs", "altmannshofer2014"];
        v.extend_from_slice(extra);
        v
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            with(&["--param", "mass=1:0.1", "--param", "g=1e-5:1e-2"]),
            "--param",
        ),
        (with(&["--param", "mass=0.001:1"]), "--param"),
        (with(&[]), "--param"),
        (
            with(&["--param", "mass=0.001:1", "--param", "g=1e-5:100"]),
            "--param g",
        ),
        (
            with(&[
                "--param",
                "mass=0.001:1",
                "--param",
                "g=1e-5:1e-2",
                "--param",
                "nope=1",
            ]),
            "nope",
        ),
        (
            with(&[
                "--param",
                "mass=0.001:1",
                "--param",
                "g=1e-5:1e-2",
                "--grid",
                "0",
            ]),
            "--grid",
        ),
        (
            with(&[
                "--param",
                "mass=0.001:1",
                "--param",
                "g=1e-5:1e-2",
                "--exclude",
                "no-such-id",
            ]),
            "--exclude",
        ),
        (
            vec![
                "fit", "--inputs", "nope", "--param", "mass=0.1", "--param", "g=1e-3",
            ],
            "--inputs",
        ),
    ];
    let cases: Vec<(&[&str], &str)> = cases.iter().map(|(a, n)| (a.as_slice(), *n)).collect();
    assert_usage_errors(&cases);
}

#[test]
fn fit_help_teaches_with_examples() {
    assert_help_has_examples("fit");
}
