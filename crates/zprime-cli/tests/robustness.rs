//! Robustness across subcommands (issue 9): the same output with one and with two threads, and
//! broken input files (model, input set, constraint file, limit curve) through the binary:
//! exit code 2 and one line naming the file, never a panic. The parsers themselves are fuzzed
//! in `crates/zprime/tests/properties.rs`.

mod common;

use common::zprime;
use std::path::PathBuf;

/// stdout of `zprime args` with `RAYON_NUM_THREADS=threads` (success required).
fn output_with_threads(args: &[&str], threads: &str) -> Vec<u8> {
    let out = zprime()
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    let runs: [&[&str]; 3] = [
        &["limits", "--model", "lmu-ltau", "--points", "24", "--json"],
        &["limits", "--model", "b-l-23", "--points", "12", "--json"],
        &[
            "scan-wu",
            "--mass",
            "0.128",
            "--samples",
            "20000",
            "--seed",
            "3",
            "--csv",
        ],
    ];
    for args in runs {
        let one = output_with_threads(args, "1");
        let two = output_with_threads(args, "2");
        assert!(!one.is_empty(), "{args:?}");
        assert!(
            one == two,
            "{args:?}: output differs between 1 and 2 threads"
        );
    }
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zprime-robustness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `zprime args... FILE` exits with 2 and one line on stderr naming the file, never a panic.
fn assert_file_error(args: &[&str], file: &PathBuf, tail: &[&str]) {
    let out = zprime().args(args).arg(file).args(tail).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let name = file.file_name().unwrap().to_string_lossy();
    assert_eq!(out.status.code(), Some(2), "{args:?} {name}: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert!(
        err.contains(name.as_ref()),
        "{name}: the error names the file: {err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{name}: one line: {err}");
}

const MODEL: &str = include_str!("../../../data/models/lmu-ltau.toml");
const INPUTS: &str = "name = \"mine\"\nbase = \"default\"\n[parameters.m_mu]\nvalue = VALUE\nuncertainty = 0.0\nunit = \"GeV\"\ndescription = \"muon mass\"\nsource = \"test\"\n";
const CONSTRAINTS: &str = include_str!("../../zprime/tests/data/test_constraints.toml");

#[test]
fn broken_files_exit_2_with_one_line_naming_the_file() {
    let point = ["point", "--mass", "0.1", "--g", "1e-4"];
    // model files
    let models = [
        ("model_bytes.toml", "\u{0}\u{1}garbage ]]] = ="),
        ("model_truncated.toml", &MODEL[..MODEL.len() / 2]),
        ("model_empty.toml", ""),
        (
            "model_nested.toml",
            &format!(
                "{MODEL}\nnested = {}{}\n",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
        ),
    ];
    for (name, text) in models {
        let f = write(name, text);
        assert_file_error(
            &["point", "--mass", "0.1", "--g", "1e-4", "--model"],
            &f,
            &[],
        );
    }
    for value in [
        "nan", "+nan", "-nan", "inf", "-inf", "+inf", "1e400", "\"x\"", "[]",
    ] {
        let text = MODEL.replacen("l_L = [0, 1, -1]", &format!("l_L = [0, {value}, -1]"), 1);
        assert_ne!(text, MODEL, "the lmu-ltau file changed: update this test");
        let f = write(&format!("model_{}.toml", value.len()), &text);
        assert_file_error(
            &["point", "--mass", "0.1", "--g", "1e-4", "--model"],
            &f,
            &[],
        );
    }
    let dup = write(
        "model_duplicate.toml",
        &format!("{MODEL}\nname = \"again\"\n"),
    );
    assert_file_error(
        &["point", "--mass", "0.1", "--g", "1e-4", "--model"],
        &dup,
        &[],
    );
    // input sets
    for (i, value) in ["nan", "-inf", "1e400", "\"x\"", "-1.0"].iter().enumerate() {
        let f = write(&format!("inputs_{i}.toml"), &INPUTS.replace("VALUE", value));
        let mut args = point.to_vec();
        args.push("--inputs");
        assert_file_error(&args, &f, &[]);
    }
    let f = write("inputs_truncated.toml", &INPUTS[..30]);
    let mut args = point.to_vec();
    args.push("--inputs");
    assert_file_error(&args, &f, &[]);
    // constraint files
    let mut args = point.to_vec();
    args.push("--constraints");
    for (name, text) in [
        (
            "constraints_truncated.toml",
            &CONSTRAINTS[..CONSTRAINTS.len() / 3],
        ),
        (
            "constraints_kind.toml",
            &CONSTRAINTS.replacen("kind = \"", "kind = 1e400 #\"", 1),
        ),
        ("constraints_bytes.toml", "\u{7f}[[constraint]]\nid = nan"),
    ] {
        let f = write(name, text);
        assert_file_error(&args, &f, &[]);
    }
    // a limit curve with NaN and a missing file
    let curve = write(
        "curve_nan.csv",
        "# reference: test\n# observable: BR(K+->piZp)\n# cl: 0.90\n# mass_unit: GeV\n# unit: 1\n# interpolation: log-log\nmass,limit\n0.001,nan\n0.1,inf\n",
    );
    let spec = format!(
        "[[constraint]]\nid = \"t:curve\"\nlabel = \"t\"\nobservable = \"BR(K+->piZp)\"\nkind = \"limit_curve\"\nfile = \"{}\"\n",
        curve.file_name().unwrap().to_string_lossy()
    );
    let f = write("constraints_curve.toml", &spec);
    let out = zprime().args(&args).arg(&f).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("curve_nan.csv"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
