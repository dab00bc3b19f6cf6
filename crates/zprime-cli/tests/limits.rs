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
    // the first five columns are those of the first release, so that old readers still work
    assert!(text.starts_with("mass,constraint,kind,g_low,g_high,interval,cl,label,reason\n"));
    assert!(text
        .lines()
        .skip(1)
        .all(|l| fields(l).len() == 9 && !l.contains("NaN")));
    // the tau constraint is not valid below m_tau: said so, with the reason
    let tau = text
        .lines()
        .find(|l| l.contains("tau:PDG2024,not_valid,"))
        .unwrap();
    assert!(fields(tau)[8].contains("valid only for"), "{tau}");
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
    // every mass where a constraint is not valid says why, in the JSON as in the CSV
    let v = json(&["limits", "--model", "lmu-ltau", "--points", "20", "--json"]);
    let mut invalid = 0;
    for c in v["constraints"].as_array().unwrap() {
        for l in c["limits"].as_array().unwrap() {
            if l["valid"] == false {
                invalid += 1;
                assert!(!l["reason"].as_str().unwrap().is_empty(), "{l}");
            } else {
                assert!(l.get("reason").is_none(), "{l}");
            }
        }
    }
    assert!(invalid > 0);
    // the model's not-included constraints, each where it is relevant
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["not_included"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"].as_str().unwrap().to_string())
            .collect()
    };
    let light = names(&json(&["limits", "--mass", "0.005", "--json"]));
    let heavy = names(&json(&["limits", "--mass", "5", "--json"]));
    let bbn = |v: &[String]| v.iter().any(|n| n.starts_with("BBN"));
    assert!(bbn(&light) && !bbn(&heavy));
    assert!(heavy.iter().any(|n| n.contains("Z -> 4mu")));
    assert!(!light.iter().any(|n| n.contains("Z -> 4mu")));
    let cevns = |v: &[String]| v.iter().any(|n| n.starts_with("COHERENT"));
    assert!(cevns(&light) && cevns(&heavy));
    let tau = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "tau:PDG2024")
        .unwrap();
    assert!(tau["limits"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("valid only for"));
}

/// The fields of one CSV line (quoted fields may hold commas).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn every_excluded_interval_is_shown_and_one_mass_is_enough() {
    // CHARM-II nu-bar e at 21 MeV excludes two intervals; the table shows both
    let out = zprime()
        .args(["limits", "--mass", "0.021"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // the row of the mass (the table ends with the model's not-included list)
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("0.02100 "))
        .unwrap();
    assert!(row.contains("0.001481..0.002914, > 0.003647"), "{row}");
    assert!(row.contains("n/a"), "{row}"); // tau below m_tau
    assert!(text.contains("(CL 95%)"), "{text}");
    let out = zprime()
        .args(["limits", "--mass", "0.021", "--csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let bar: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.contains(",nue:CHARM-II-bar,excluded,"))
        .map(fields)
        .collect();
    assert_eq!(bar.len(), 2, "{text}");
    assert_eq!(bar[0][5], "0");
    assert_eq!(bar[1][5], "1");
    assert_eq!(bar[1][4], format!("{}", 4.0 * std::f64::consts::PI));
    assert_eq!(bar[0][6], "0.9");
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_parameter() {
    assert_usage_errors(&[
        (&["limits", "--mass-min", "0"], "'--mass-min'"),
        (
            &["limits", "--mass-min", "1", "--mass-max", "0.5"],
            "'--mass-max'",
        ),
        (&["limits", "--points", "1"], "'--points'"),
        (&["limits", "--mass", "0"], "'--mass'"),
        (
            &["limits", "--inputs", "no-such-set"],
            "--inputs no-such-set",
        ),
    ]);
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("limits");
}

/// A user's K+ -> pi+ X curve with a blind window (`nan`) through `limits --constraints`:
/// no limit inside the window (never interpolated across), closed-form limits outside
/// (BR ∝ g² for an invisible Z' below the muon threshold: the limit scales as sqrt(limit)).
#[test]
fn a_user_curve_with_a_blind_window() {
    let dir = std::env::temp_dir().join(format!("zprime-limits-curve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("kpix.csv");
    std::fs::write(
        &file,
        "# id: my:K+->piX\n# reference: A. User, test curve\n# observable: BR(K+->piZp)\n\
         # final_state: invisible\n# cl: 0.90\n# mass_unit: GeV\n# unit: 1\n\
         mass,limit\n0.05,1e-10\n0.11,1e-10\n0.13,nan\n0.155,4e-10\n0.2,4e-10\n",
    )
    .unwrap();
    let v = json(&[
        "limits",
        "--model",
        "b-l-23",
        "--mass-min",
        "0.06",
        "--mass-max",
        "0.19",
        "--points",
        "14",
        "--constraints",
        file.to_str().unwrap(),
        "--json",
    ]);
    let c = v["constraints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "my:K+->piX")
        .unwrap();
    let mut seen_window = false;
    for l in c["limits"].as_array().unwrap() {
        let m = l["mass"].as_f64().unwrap();
        if m > 0.11 && m < 0.155 {
            seen_window = true;
            assert_eq!(l["valid"], false, "{m}");
        } else {
            assert_eq!(l["valid"], true, "{m}");
            assert!(l["upper_limit"].as_f64().unwrap() > 0.0, "{m}");
        }
    }
    assert!(seen_window);
}

/// `--envelope`: the combined exclusion per mass and the constraint that sets it, the same
/// in the CSV (rows of kind `envelope`, the smallest `excluded` g_low at that mass), the JSON
/// and the table.
#[test]
fn envelope_is_the_smallest_excluded_coupling_with_its_constraint() {
    let out = zprime()
        .args(["limits", "--points", "25", "--csv", "--envelope"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<String>> = text.lines().skip(1).map(fields).collect();
    let envelope: Vec<&Vec<String>> = rows.iter().filter(|r| r[2] == "envelope").collect();
    assert_eq!(envelope.len(), 25, "something is excluded at every mass");
    for e in &envelope {
        let lowest = rows
            .iter()
            .filter(|r| r[2] == "excluded" && r[0] == e[0])
            .map(|r| r[3].parse::<f64>().unwrap())
            .fold(f64::INFINITY, f64::min);
        assert_eq!(e[3].parse::<f64>().unwrap(), lowest, "{e:?}");
        assert!(rows
            .iter()
            .any(|r| r[2] == "excluded" && r[0] == e[0] && r[1] == e[1] && r[3] == e[3]));
    }
    let v = json(&["limits", "--points", "25", "--json", "--envelope"]);
    let env = v["envelope"].as_array().unwrap();
    assert_eq!(env.len(), 25);
    assert_eq!(env[0]["constraint"], envelope[0][1].as_str());
    // (serde_json reads a float to within an ulp)
    let (from_json, from_csv) = (
        env[0]["g_low"].as_f64().unwrap(),
        envelope[0][3].parse::<f64>().unwrap(),
    );
    assert!((from_json / from_csv - 1.0).abs() < 1e-14);
    // without the flag the JSON has no envelope
    assert!(json(&["limits", "--points", "5", "--json"])
        .get("envelope")
        .is_none());
    let out = zprime()
        .args(["limits", "--points", "5", "--envelope"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("[env]"), "{table}");
}

/// --constraints IDS, --exclude and --gm2 choose what is computed.
#[test]
fn selection_flags_choose_the_constraints() {
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["limits", "--points", "3", "--json"];
        all.extend_from_slice(args);
        json(&all)["constraints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&["--constraints", "nue:Borexino, trident:CCFR"]),
        ["nue:Borexino", "trident:CCFR"]
    );
    // a shipped constraint that the input set does not apply can be chosen too
    assert_eq!(
        names(&["--constraints", "trident:NuTeV"]),
        ["trident:NuTeV"]
    );
    let all = names(&[]);
    let without_b = names(&["--exclude", "B*", "--exclude", "tau:PDG2024"]);
    assert!(without_b
        .iter()
        .all(|n| !n.starts_with('B') && n != "tau:PDG2024"));
    assert!(without_b.len() + 1 < all.len());
    let wp20 = names(&["--gm2", "WP20"]);
    assert_eq!(wp20[0], "g-2:WA2025-WP20");
    assert!(!wp20.contains(&"g-2:WA2025-WP25".to_string()));
    assert_eq!(wp20.len(), all.len());
    assert_eq!(
        names(&[
            "--gm2",
            "altmannshofer2014",
            "--constraints",
            "trident:CCFR"
        ]),
        [
            "g-2:altmannshofer2014",
            "g-2:altmannshofer2014:5sigma",
            "trident:CCFR"
        ]
    );
    assert!(names(&["--gm2", "none"])
        .iter()
        .all(|n| !n.starts_with("g-2")));
    assert_usage_errors(&[
        (
            &["limits", "--constraints", "nope"],
            "--constraints nope: unknown constraint id",
        ),
        (
            &["limits", "--constraints", " , "],
            "--constraints: empty list",
        ),
        (&["limits", "--exclude", "x:*"], "--exclude x:*"),
        (
            &["limits", "--gm2", "2030"],
            "--gm2 2030: unknown g-2 theory (allowed: WP25, WP20,",
        ),
    ]);
}
