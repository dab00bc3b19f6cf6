//! End-to-end tests of `zprime point`: the JSON contract of DESIGN.md, statuses, model files, bad input.

mod common;

use common::{assert_usage_errors, json, zprime};
use predicates::prelude::*;

#[test]
fn point_json_follows_the_design_contract() {
    let v = json(&[
        "point", "--model", "lmu-ltau", "--mass", "0.285", "--g", "1e-3", "--json",
    ]);
    assert_eq!(v["model"], "lmu-ltau");
    assert_eq!(v["inputs"], "default");
    assert_eq!(v["parameters"]["mass"], 0.285);
    assert_eq!(v["parameters"]["g"], 1e-3);
    let obs = v["observables"].as_object().unwrap();
    for name in [
        "Delta a_mu",
        "Gamma(Zp)",
        "Gamma(Zp->nunu)",
        "Gamma(Zp->mumu)",
        "Gamma(Zp->tautau)",
        "Gamma(Zp->ee)",
        "BR(Zp->invisible)",
        "BR(Zp->mumu)",
        "ctau(Zp)",
        "eps_gamma(Zp)",
        "R_trident(CCFR)",
        "R_trident(CHARM-II)",
        "R_trident(NuTeV)",
        "R_nue(Borexino)",
        "sigma(numu e)/E(CHARM-II)",
        "sigma(numubar e)/E(CHARM-II)",
    ] {
        assert!(obs[name].as_f64().unwrap().is_finite(), "{name}");
    }
    assert!((obs["BR(Zp->invisible)"].as_f64().unwrap() - 0.54).abs() < 0.005);
    // the heavy-Z' contact limit is not valid at 285 MeV: no number, the reason instead
    assert!(obs.get("R_trident(heavy)").is_none());
    assert!(obs.get("Delta(tau->mununu)").is_none()); // the tau boxes need m_Z' > m_tau
    assert!(v["not_valid"]["Delta(tau->mununu)"].is_string());
    assert!(v["not_valid"]["R_trident(heavy)"]
        .as_str()
        .unwrap()
        .contains("valid only for 10 <= m_Z'"));
    assert_eq!(v["verdict"]["status"], "allowed");
    assert!(v["not_included"].as_array().unwrap().len() > 2);
    let c = &v["constraints"][0];
    for key in [
        "name",
        "observable",
        "status",
        "value",
        "bound",
        "cl",
        "reference",
    ] {
        assert!(!c[key].is_null(), "{key}");
    }
    assert!(["allowed", "excluded", "preferred"].contains(&c["status"].as_str().unwrap()));
    // The tau constraint (box diagrams, valid above m_tau) is not applied at 285 MeV, and
    // says so; the trident constraint (full Z' propagator) applies at every mass.
    assert!(v["not_applied"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"] == "tau:PDG2024"));
    assert!(v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "trident:CCFR" && c["value"].as_f64().unwrap() > 1.0));
}

#[test]
fn g2_is_a_band_with_2020_inputs_and_a_bound_today() {
    // Inside the paper-001 band: preferred.
    let v = json(&[
        "point", "--model", "lmu-ltau", "--mass", "0.01", "--g", "4.8e-4", "--inputs", "ibe2016",
        "--json",
    ]);
    let g2 = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["observable"] == "Delta a_mu")
        .unwrap()
        .clone();
    assert_eq!(g2["status"], "preferred");
    // The same point with today's inputs (WA 2025 - WP25) is excluded: the band became a bound.
    let v = json(&[
        "point", "--model", "lmu-ltau", "--mass", "0.01", "--g", "4.8e-4", "--json",
    ]);
    let g2 = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["observable"] == "Delta a_mu")
        .unwrap()
        .clone();
    assert_eq!(g2["status"], "excluded");
    let v = json(&[
        "point", "--model", "lmu-ltau", "--mass", "0.01", "--g", "1e-4", "--json",
    ]);
    let g2 = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["observable"] == "Delta a_mu")
        .unwrap()
        .clone();
    assert_eq!(g2["status"], "allowed");
}

#[test]
fn flavour_observables_and_the_wu_row() {
    let v = json(&[
        "point",
        "--model",
        "b-l-23",
        "--inputs",
        "kang2020",
        "--mass",
        "0.128",
        "--g",
        "1e-3",
        "--param",
        "Wu2_abs=0.7071",
        "--param",
        "Wu3_abs=0.7071",
        "--param",
        "Wu3_phase=1.8535",
        "--json",
    ]);
    let obs = v["observables"].as_object().unwrap();
    for name in [
        "Re g_dsZp",
        "Im g_dsZp",
        "Re g_sbZp",
        "Im g_sbZp",
        "Re g_dbZp",
        "Im g_dbZp",
        "BR(K+->piZp)",
        "BR(KL->piZp)",
    ] {
        assert!(obs[name].as_f64().unwrap().is_finite(), "{name}");
    }
    let br = obs["BR(KL->piZp)"].as_f64().unwrap();
    assert!((br / 2.1e-9 - 1.0).abs() < 0.05, "{br}");
    // a row that is not a unit vector: exit code 2, one line naming the parameters
    zprime()
        .args([
            "point",
            "--model",
            "b-l-23",
            "--mass",
            "0.128",
            "--g",
            "1e-3",
            "--param",
            "Wu3_abs=0.5",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Wu1_abs").and(predicate::str::contains("unit vector")));
    // the fcnc preset takes the couplings as given with --g 1
    let v = json(&[
        "point",
        "--model",
        "fcnc",
        "--mass",
        "0.135",
        "--g",
        "1",
        "--param",
        "Im_g_ds=1.16e-12",
        "--json",
    ]);
    assert_eq!(v["observables"]["Im g_dsZp"].as_f64().unwrap(), 1.16e-12);
}

#[test]
fn model_files_are_checked() {
    let dir = std::env::temp_dir().join(format!("zprime-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("lmu-le.toml");
    std::fs::write(
        &good,
        "name = 'lmu-le'\n[charges]\nl_L = [-1, 1, 0]\ne_R = [-1, 1, 0]\nnu_R = [-1, 1, 0]\n",
    )
    .unwrap();
    let v = json(&[
        "point",
        "--model",
        good.to_str().unwrap(),
        "--mass",
        "0.05",
        "--g",
        "1e-4",
        "--json",
    ]);
    assert!(v["observables"]["Gamma(Zp->ee)"].as_f64().unwrap() > 0.0);
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "name = 'bad'\n[charges]\nl_L = [0, 1]\n").unwrap();
    zprime()
        .args([
            "point",
            "--model",
            bad.to_str().unwrap(),
            "--mass",
            "1",
            "--g",
            "1e-3",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains("l_L")));
    let anomalous = dir.join("lmu.toml");
    std::fs::write(
        &anomalous,
        "name = 'lmu'\n[charges]\nl_L = [0, 1, 0]\ne_R = [0, 1, 0]\n",
    )
    .unwrap();
    zprime()
        .args([
            "point",
            "--model",
            anomalous.to_str().unwrap(),
            "--mass",
            "1",
            "--g",
            "1e-3",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("anomalous"));
    zprime()
        .args([
            "point",
            "--model",
            anomalous.to_str().unwrap(),
            "--mass",
            "1",
            "--g",
            "1e-3",
            "--strict",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("anomalous"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_parameter() {
    assert_usage_errors(&[
        (&["point", "--mass", "0", "--g", "1e-3"], "'--mass'"),
        (&["point", "--mass", "1e-10", "--g", "1e-3"], "1e-9 <= mass"),
        (&["point", "--mass", "2e4", "--g", "1e-3"], "mass <= 1e4"),
        (&["point", "--mass", "-1", "--g", "1e-3"], "'--mass'"),
        (&["point", "--mass", "nan", "--g", "1e-3"], "'--mass'"),
        (&["point", "--mass", "inf", "--g", "1e-3"], "'--mass'"),
        (&["point", "--mass", "1", "--g", "-1e-3"], "'--g'"),
        (&["point", "--mass", "1", "--g", "inf"], "'--g'"),
        (
            &["point", "--mass", "1", "--g", "1e-3", "--model", "nope"],
            "unknown model 'nope'",
        ),
        (
            &["point", "--mass", "1", "--g", "1e-3", "--param", "zz=1"],
            "--param zz=...: unknown parameter",
        ),
        (
            &[
                "point",
                "--mass",
                "1",
                "--g",
                "1e-3",
                "--param",
                "kinetic_mixing=5",
            ],
            "'--param kinetic_mixing'",
        ),
        (
            &["point", "--mass", "1", "--g", "1e-3", "--param", "eps"],
            "NAME=VALUE",
        ),
        (
            &["point", "--mass", "1", "--g", "1e-3", "--inputs", "pdg1900"],
            "unknown input set 'pdg1900'",
        ),
        (&["point", "--mass", "1"], "missing coupling"),
        (
            &[
                "point",
                "--mass",
                "1",
                "--g",
                "1e-3",
                "--model",
                "dark-photon",
            ],
            "--param eps",
        ),
    ]);
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("point");
}

#[test]
fn point_ends_with_a_verdict_and_what_is_not_included() {
    let out = zprime()
        .args([
            "point", "--model", "lmu-ltau", "--mass", "0.02", "--g", "1e-3",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("mass = 0.02000 GeV (20.00 MeV)"), "{text}");
    assert!(
        text.contains("verdict: EXCLUDED by g-2:WA2025-WP25 (g = 0.001000 > g_limit = 4.484e-4"),
        "{text}"
    );
    assert!(text.contains("NA64mu"), "{text}");
    // an observable outside its validity is not printed as a number
    let heavy = text
        .lines()
        .find(|l| l.starts_with("R_trident(heavy)"))
        .unwrap();
    assert!(heavy.contains("not valid"), "{heavy}");
    assert!(text.contains("not valid: R_trident(heavy): valid only for 10 <= m_Z'"));
    // CL as a percentage, the edge of a two-sided bound named
    let g2 = text
        .lines()
        .find(|l| l.starts_with("g-2:WA2025-WP25"))
        .unwrap();
    assert!(g2.contains(" upper ") && g2.ends_with("95%"), "{g2}");
    // the dark photon's own list, not L_mu - L_tau's
    let v = json(&[
        "point",
        "--model",
        "dark-photon",
        "--mass",
        "0.05",
        "--param",
        "eps=1e-4",
        "--json",
    ]);
    let list = v["not_included"].as_array().unwrap();
    assert!(list.iter().any(|x| x.as_str().unwrap().contains("NA64e")));
    assert!(!list.iter().any(|x| x == "NA64mu"));
    // numbers in messages to the precision a reader needs
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("3.028e-5") && !notes.contains("3.0282212"),
        "{notes}"
    );
    assert_eq!(v["verdict"]["status"], "allowed");
}

/// A user's K+ -> pi+ X curve (`--constraints FILE.csv`) with a blind window (`nan`) and an
/// invisible final state: inside the window `point` says it is not applied and why; outside,
/// the prediction it compares is BR(K+ -> pi+ Z') x BR(Z' -> invisible).
#[test]
fn a_user_k_to_pi_curve_with_a_blind_window() {
    let dir = std::env::temp_dir().join(format!("zprime-point-curve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("my_kpix.csv");
    std::fs::write(
        &file,
        "# id: my:K+->piX\n# reference: A. User, test curve\n# observable: BR(K+->piZp)\n\
         # final_state: invisible\n# cl: 0.90\n# mass_unit: MeV\n# unit: 1\n\
         mass,limit\n10,1e-10\n110,1e-10\n130,nan\n155,2e-10\n300,2e-10\n",
    )
    .unwrap();
    let run = |mass: &str| {
        json(&[
            "point",
            "--model",
            "b-l-23",
            "--mass",
            mass,
            "--g",
            "1e-5",
            "--constraints",
            file.to_str().unwrap(),
            "--json",
        ])
    };
    let inside = run("0.13");
    let n = inside["not_applied"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "my:K+->piX")
        .unwrap();
    let reason = n["reason"].as_str().unwrap();
    assert!(
        reason.contains("blind window") && reason.contains("110.0 and 155.0 MeV"),
        "{reason}"
    );
    let outside = run("0.25");
    let c = outside["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "my:K+->piX")
        .unwrap();
    let obs = &outside["observables"];
    let seen = obs["BR(K+->piZp)"].as_f64().unwrap() * obs["BR(Zp->invisible)"].as_f64().unwrap();
    let value = c["value"].as_f64().unwrap();
    assert!((value / seen - 1.0).abs() < 1e-9, "{value} vs {seen}");
    assert!(obs["BR(Zp->invisible)"].as_f64().unwrap() < 0.9);
    assert_eq!(c["bound"], 2e-10);
}

/// --constraints IDS, --exclude and --gm2 in `point`: only the chosen constraints are
/// evaluated (or listed as not applied).
#[test]
fn point_selection_flags() {
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["point", "--mass", "0.1", "--g", "5e-4", "--json"];
        all.extend_from_slice(args);
        let v = json(&all);
        let mut out: Vec<String> = v["constraints"]
            .as_array()
            .unwrap()
            .iter()
            .chain(v["not_applied"].as_array().unwrap())
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        names(&["--constraints", "trident:CCFR,tau:PDG2024"]),
        ["tau:PDG2024", "trident:CCFR"]
    );
    let wp20 = names(&["--gm2", "WP20", "--exclude", "K*,B*"]);
    assert!(wp20.contains(&"g-2:WA2025-WP20".to_string()));
    assert!(wp20
        .iter()
        .all(|n| n != "g-2:WA2025-WP25" && !n.starts_with('K') && !n.starts_with('B')));
    assert_usage_errors(&[
        (
            &[
                "point",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
                "--constraints",
                "x",
            ],
            "--constraints x: unknown constraint id",
        ),
        (
            &["point", "--mass", "0.1", "--g", "1e-3", "--gm2", "x"],
            "--gm2 x: unknown g-2 theory",
        ),
        (
            &["point", "--mass", "0.1", "--g", "1e-3", "--exclude", "x"],
            "--exclude x",
        ),
    ]);
}
