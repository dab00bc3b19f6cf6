//! Helpers shared by the end-to-end tests of the `zprime` binary (one test file per
//! subcommand; each includes this module with `mod common;`).

// Each test file uses only some of these helpers; the others would warn there.
#![allow(dead_code)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The `zprime` binary under test.
pub fn zprime() -> Command {
    Command::cargo_bin("zprime").unwrap()
}

/// Run `zprime` with `args`, require success, and parse its standard output as JSON.
pub fn json(args: &[&str]) -> Value {
    let out = zprime().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Bad input exits with code 2 and one line on stderr that contains `needle` (typically
/// the name of the parameter or flag and its allowed range), never a panic.
pub fn assert_usage_errors(cases: &[(&[&str], &str)]) {
    for (args, needle) in cases {
        let out = zprime().args(*args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one-line message expected: {err}"
        );
    }
}

/// `zprime <sub> --help` succeeds and teaches with examples.
pub fn assert_help_has_examples(sub: &str) {
    zprime()
        .args([sub, "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}
