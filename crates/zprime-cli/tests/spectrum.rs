//! End-to-end tests of `zprime spectrum` (K+ -> mu+ nu Z' muon spectrum).

mod common;

use common::zprime;
use serde_json::Value;

#[test]
fn json_spectrum_integrates_to_the_printed_total() {
    let out = zprime()
        .args([
            "spectrum", "--model", "lmu-ltau", "--mass", "0.05", "--g", "1e-3", "--points", "2001",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p: Vec<f64> = serde_json::from_value(v["p_mu"].clone()).unwrap();
    let d: Vec<f64> = serde_json::from_value(v["dBR_dp"].clone()).unwrap();
    assert_eq!(p.len(), 2001);
    assert!(d.iter().all(|x| x.is_finite() && *x >= 0.0));
    assert_eq!(d[0], 0.0);
    assert_eq!(d[2000], 0.0);
    // Trapezoid over the printed grid vs the printed total (the spectrum is smooth at 50 MeV).
    let h = p[1] - p[0];
    let trap: f64 = d.windows(2).map(|w| 0.5 * (w[0] + w[1]) * h).sum();
    let total = v["BR(K+->munuZp)"].as_f64().unwrap();
    assert!((trap / total - 1.0).abs() < 1e-3, "{trap} vs {total}");
    assert_eq!(v["parameters"]["mass"], 0.05);
}

#[test]
fn csv_and_br_curve() {
    let out = zprime()
        .args([
            "spectrum", "--mass", "0.1", "--g", "1e-3", "--points", "10", "--csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("p_mu,dBR_dp"));
    assert_eq!(lines.count(), 10);
    let out = zprime()
        .args(["spectrum", "--br-curve", "--points", "20", "--csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(f64, f64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap();
            (a.parse().unwrap(), b.parse().unwrap())
        })
        .collect();
    // BR/g^2 falls with m_Z' (paper 001 Fig. 2 left).
    assert!(rows.windows(2).all(|w| w[1].1 < w[0].1));
    assert!(rows[0].1 > 0.5 && rows[0].1 < 0.7, "{}", rows[0].1);
}

#[test]
fn figure_and_bad_input() {
    let dir = std::env::temp_dir().join(format!("zprime-spectrum-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("s.svg");
    zprime()
        .args(["spectrum", "--mass", "0.02", "--g", "1e-3", "-o"])
        .arg(&f)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&f).unwrap().contains("<svg"));
    for args in [
        vec!["spectrum", "--mass", "-1", "--g", "1e-3"],
        vec!["spectrum", "--mass", "0.05", "--g", "1e-3", "--points", "1"],
        vec!["spectrum", "--mass", "0.05", "--g", "nan"],
        vec!["spectrum", "--mass", "0.05", "--g", "1e-3", "-o", "x.txt"],
        vec![
            "spectrum",
            "--model",
            "dark-photon",
            "--mass",
            "0.05",
            "--param",
            "eps=1e-3",
        ],
    ] {
        let out = zprime().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains("panicked"));
    }
    std::fs::remove_dir_all(&dir).ok();
}
