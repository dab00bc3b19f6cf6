//! End-to-end tests of the constraint engine's user-facing parts: `point --help` generated from
//! the observable registry, and a user's constraint file (`--constraints FILE`) holding a limit
//! curve, added without recompiling.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn zprime() -> Command {
    Command::cargo_bin("zprime").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = zprime().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The user's constraint file shipped with the library's tests.
const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../zprime/tests/data/test_constraints.toml"
);

#[test]
fn point_help_lists_every_registered_observable() {
    let out = zprime().args(["point", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for o in zprime::observables::registry() {
        assert!(text.contains(o.name), "{} missing", o.name);
        let first_words: String = o
            .description
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&first_words), "{}: {first_words}", o.name);
        if o.unit != "1" {
            assert!(text.contains(&format!("[{}]", o.unit)), "{}", o.name);
        }
    }
    assert!(text.contains("R_trident(experiment)") && text.contains("NuTeV"));
}

#[test]
fn a_limit_curve_from_a_user_file_applies_inside_its_mass_range() {
    let v = json(&[
        "limits",
        "--model",
        "lmu-ltau",
        "--mass-min",
        "0.01",
        "--mass-max",
        "0.38",
        "--points",
        "12",
        "--constraints",
        FILE,
        "--json",
    ]);
    let constraints = v["constraints"].as_array().unwrap();
    let find = |id: &str| constraints.iter().find(|c| c["name"] == id).unwrap();
    let curve = find("test:E949-flat-curve");
    let shipped = find("K->munuinv:E949-2016");
    assert_eq!(curve["valid_mass"][1], 0.3);
    assert_eq!(curve["cl"], shipped["cl"]);
    for (a, b) in curve["limits"]
        .as_array()
        .unwrap()
        .iter()
        .zip(shipped["limits"].as_array().unwrap())
    {
        let m = a["mass"].as_f64().unwrap();
        if m <= 0.3 {
            // The curve is the E949 limit written flat: the same upper limit on g.
            let (x, y) = (
                a["upper_limit"].as_f64().unwrap(),
                b["upper_limit"].as_f64().unwrap(),
            );
            assert!((x / y - 1.0).abs() < 1e-12, "{m}: {x} vs {y}");
        } else {
            assert_eq!(a["valid"], false, "{m}");
            assert!(a["excluded"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn point_reports_a_user_constraint_and_where_it_stops() {
    let inside = json(&[
        "point",
        "--mass",
        "0.1",
        "--g",
        "3e-2",
        "--constraints",
        FILE,
        "--json",
    ]);
    let c = inside["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "test:E949-flat-curve")
        .unwrap();
    assert_eq!(c["status"], "excluded");
    assert_eq!(c["bound"], 2.4e-6);
    let outside = json(&[
        "point",
        "--mass",
        "0.35",
        "--g",
        "1e-2",
        "--constraints",
        FILE,
        "--json",
    ]);
    let n = outside["not_applied"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "test:E949-flat-curve")
        .unwrap();
    assert!(n["reason"].as_str().unwrap().contains("0.3"), "{n}");
}

#[test]
fn bad_constraint_files_exit_2_naming_the_file() {
    let dir = std::env::temp_dir().join(format!("zprime-engine-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.toml");
    std::fs::write(
        &file,
        "[[constraint]]\nid = \"x\"\nlabel = \"x\"\nobservable = \"Delta a_mu\"\nkind = \"limit_curve\"\nfile = \"missing.csv\"\n",
    )
    .unwrap();
    zprime()
        .args(["limits", "--constraints", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.csv"));
    zprime()
        .args(["limits", "--constraints", "/nonexistent/constraints.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/constraints.toml"));
    std::fs::write(
        &file,
        "[[constraint]]\nid = \"trident:CCFR\"\nlabel = \"x\"\nobservable = \"R_trident(CCFR)\"\nkind = \"gaussian\"\nmeasurement = \"R_trident:CCFR\"\ncl = 0.95\n",
    )
    .unwrap();
    zprime()
        .args(["limits", "--constraints", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trident:CCFR"));
    std::fs::remove_dir_all(&dir).ok();
}
