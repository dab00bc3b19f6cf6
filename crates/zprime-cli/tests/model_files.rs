//! End-to-end tests of model files: a user file in the presets' format (fractions, decimals,
//! parameters, a flavour mechanism), and `zprime models` on the presets.

use assert_cmd::Command;
use serde_json::Value;

fn zprime() -> Command {
    Command::cargo_bin("zprime").unwrap()
}

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zprime-model-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const BL: &str = "name = \"bl\"\ntitle = \"B − L\"\n[charges]\nq_L = [QQ, QQ, QQ]\nu_R = [\"1/3\", \"1/3\", \"1/3\"]\nd_R = [\"1/3\", \"1/3\", \"1/3\"]\nl_L = [-1, -1, -1]\ne_R = [-1, -1, -1]\nnu_R = [-1, -1, -1]\n";

/// "1/3" is exact; 0.3333333333 is read as 1/3 with a warning that says so, and --strict
/// accepts it (no false anomaly); a real anomaly fails --strict with the exact coefficient.
#[test]
fn thirds_as_fractions_and_decimals() {
    let exact = write("bl_exact.toml", &BL.replace("QQ", "\"1/3\""));
    let out = zprime()
        .args([
            "point", "--mass", "0.1", "--g", "1e-4", "--strict", "--model",
        ])
        .arg(&exact)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dec = write("bl_dec.toml", &BL.replace("QQ", "0.3333333333"));
    let out = zprime()
        .args([
            "point", "--mass", "0.1", "--g", "1e-4", "--strict", "--json", "--model",
        ])
        .arg(&dec)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("q_L[1] = 0.3333333333 read as 1/3"), "{err}");
    let anomalous = write(
        "bl_bad.toml",
        &BL.replace("QQ", "\"1/3\"")
            .replace("nu_R = [-1, -1, -1]\n", ""),
    );
    let out = zprime()
        .args([
            "point", "--mass", "0.1", "--g", "1e-4", "--strict", "--model",
        ])
        .arg(&anomalous)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("U(1)'^3 = -3"), "{err}");
}

/// A user file can name a flavour mechanism and declare its parameters; a missing parameter
/// is an error naming it (exit 2).
#[test]
fn user_file_with_a_flavour_mechanism() {
    let text = "name = \"my-fcnc\"\nflavour = \"effective\"\nkinetic_mixing_parameter = false\n[[parameters]]\nname = \"Re_g_ds\"\ndescription = \"\"\ndefault = 0.0\nmin = -1.0\nmax = 1.0\n";
    let missing = write("fcnc_missing.toml", text);
    let out = zprime()
        .args(["point", "--mass", "0.1", "--g", "1", "--model"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Im_g_ds"));
    let mut full = text.to_string();
    for n in ["Im_g_ds", "Re_g_sb", "Im_g_sb", "Re_g_db", "Im_g_db"] {
        full += &format!("[[parameters]]\nname = \"{n}\"\ndescription = \"\"\ndefault = 0.0\nmin = -1.0\nmax = 1.0\n");
    }
    let ok = write("fcnc_ok.toml", &full);
    let out = zprime()
        .args([
            "point",
            "--mass",
            "0.1",
            "--g",
            "1",
            "--param",
            "Re_g_ds=1e-11",
            "--json",
            "--model",
        ])
        .arg(&ok)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["observables"]["Re g_dsZp"], 1e-11);
}

/// `zprime models --json` lists every preset of DESIGN.md (in file-name order) with its title, mechanism and
/// not-included list, and exact charges.
#[test]
fn models_lists_the_presets_from_data() {
    let out = zprime().args(["models", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["model"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "b-l-23",
            "dark-photon",
            "fcnc",
            "lmu-ltau",
            "lmu-ltau+b3",
            "lmu-ltau-uvlq",
            "lmu-ltau-vlq",
        ]
    );
    for m in v.as_array().unwrap() {
        assert!(!m["model"]["title"].as_str().unwrap().is_empty());
        assert!(!m["model"]["not_included"].as_array().unwrap().is_empty());
        assert!(!m["flavour_mechanism"].as_str().unwrap().is_empty());
        assert!(m["anomalies"].as_array().unwrap().is_empty());
    }
    assert_eq!(v[0]["model"]["name"], "b-l-23");
    assert_eq!(v[0]["model"]["charges_exact"]["q_L"][1], "1/3");
    let out = zprime().args(["models", "lmu-ltau-vlq"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("exact Z' couplings from vector-like quarks")
            && text.contains("not included yet"),
        "{text}"
    );
}
