//! End-to-end tests of `zprime scan-wu`: CSV, JSON and figures of the W_u row scan.

mod common;

use common::{json, zprime};
use predicates::prelude::*;

#[test]
fn scan_wu_outputs_csv_json_and_figures() {
    let out = zprime()
        .args([
            "scan-wu",
            "--mass",
            "0.128",
            "--samples",
            "20000",
            "--seed",
            "3",
            "--csv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "abs1,abs2,abs3,phase1,phase2,phase3,br_per_g2,sigma,g_min,g_max"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    assert!(rows.len() > 100, "{}", rows.len());
    for r in &rows {
        let norm = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
        assert!((norm - 1.0).abs() < 1e-9 && r[4] == 0.0 && (r[7] == 1.0 || r[7] == 2.0));
        assert!(r[8] <= r[9] && r[2] > 0.4); // |W_13| is large (paper 002 Fig. 3)
    }
    let v = json(&["scan-wu", "--mass", "0.14", "--samples", "5000", "--json"]);
    assert_eq!(v["samples"], 5000);
    assert!(v["n_1sigma"].as_u64().unwrap() <= v["n_2sigma"].as_u64().unwrap());
    assert_eq!(v["koto"]["id"], "KOTO:2019-prelim");
    // figures: one per element
    let dir = std::env::temp_dir().join(format!("zprime-scanwu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("fig3.svg");
    zprime()
        .args(["scan-wu", "--samples", "5000", "-o", file.to_str().unwrap()])
        .assert()
        .success();
    for i in 1..=3 {
        let f = dir.join(format!("fig3_W1{i}.svg"));
        assert!(
            std::fs::read_to_string(&f).unwrap().contains("<svg"),
            "{f:?}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
    // a user target: all three numbers needed, ordered
    zprime()
        .args([
            "scan-wu",
            "--samples",
            "1000",
            "--target",
            "2e-9",
            "--sigma1",
            "1e-9,3e-9",
            "--sigma2",
            "0.5e-9,4e-9",
        ])
        .assert()
        .success();
    zprime()
        .args(["scan-wu", "--samples", "1000", "--target", "2e-9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sigma1"));
    zprime()
        .args([
            "scan-wu",
            "--samples",
            "1000",
            "--target",
            "2e-9",
            "--sigma1",
            "3e-9,1e-9",
            "--sigma2",
            "0,5e-9",
        ])
        .assert()
        .code(2);
    zprime()
        .args(["scan-wu", "--mass", "0.4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mass"));
}

#[test]
fn scan_wu_refuses_a_set_without_anomaly_and_says_what_it_does_not_apply() {
    // `default`: the 2025 g-2 average agrees with the White Paper; no band to explain
    zprime()
        .args(["scan-wu", "--inputs", "default", "--samples", "100"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'--inputs'").and(predicate::str::contains("anomaly")));
    zprime()
        .args(["scan-wu", "--samples", "1000"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("not applied to the kept rows")
                .and(predicate::str::contains("trident:CCFR")),
        );
    zprime()
        .args(["scan-wu", "--samples", "1000", "--csv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("not applied to the kept rows"));
    let v = json(&["scan-wu", "--samples", "1000", "--json"]);
    assert_eq!(v["not_applied"][0], "trident:CCFR");
}
