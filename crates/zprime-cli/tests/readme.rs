//! The README is true: every `zprime ...` command it shows runs and exits with code 0 (in a
//! temporary directory, with the model and input-set files written from the README's own TOML
//! blocks), and the JSON example of `zprime point` has the keys the tool prints, in its order.

mod common;

use common::{json, zprime};

const README: &str = include_str!("../../../README.md");

/// The fenced code blocks of the README: (language, text).
fn blocks() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let mut rest = README;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let Some(eol) = after.find('\n') else { break };
        let lang = after[..eol].trim();
        let body = &after[eol + 1..];
        let Some(end) = body.find("```") else { break };
        out.push((lang, &body[..end]));
        rest = &body[end + 3..];
    }
    out
}

/// The arguments of a README command line: without `zprime`, the trailing `# comment` and an
/// output redirection (`> file`).
fn arguments(line: &str) -> Vec<String> {
    let line = line.split(" #").next().unwrap_or(line);
    let line = line.split(" >").next().unwrap_or(line);
    line.split_whitespace()
        .skip(1)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_readme_command_runs() {
    let dir = std::env::temp_dir().join(format!("zprime-readme-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // the files the commands read, from the README's own TOML blocks
    let mut written = 0;
    for (lang, body) in blocks() {
        if lang != "toml" {
            continue;
        }
        if body.contains("[charges]") {
            for name in ["my_model.toml", "my.toml"] {
                std::fs::write(dir.join(name), body).unwrap();
            }
            written += 1;
        } else if body.contains("[parameters.") {
            std::fs::write(dir.join("my-set.toml"), body).unwrap();
            written += 1;
        }
    }
    assert_eq!(
        written, 2,
        "the README shows a model file and an input-set file"
    );
    let mut commands = 0;
    for (lang, body) in blocks() {
        if lang != "sh" {
            continue;
        }
        for line in body.lines().map(str::trim) {
            if !line.starts_with("zprime ") {
                continue;
            }
            let args = arguments(line);
            let out = zprime().current_dir(&dir).args(&args).output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "README command `{line}` failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            commands += 1;
        }
    }
    assert!(commands > 30, "{commands} README commands found");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_json_example_has_the_keys_the_tool_prints() {
    let (_, example) = blocks()
        .into_iter()
        .find(|(lang, body)| *lang == "json" && body.contains("\"not_valid\""))
        .expect("the README shows the JSON of `zprime point`");
    // top-level keys of the example: the lines indented by exactly two spaces
    let shown: Vec<&str> = example
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .filter_map(|l| l[3..].split('"').next())
        .collect();
    let v = json(&[
        "point", "--model", "lmu-ltau", "--mass", "0.285", "--g", "1e-3", "--json",
    ]);
    let printed: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    let mut printed_sorted = printed.clone();
    printed_sorted.sort_unstable();
    assert_eq!(
        sorted, printed_sorted,
        "README keys {shown:?}, printed {printed:?}"
    );
    for key in ["Delta(tau->mununu)", "R_trident(heavy)"] {
        assert!(v["not_valid"][key].is_string(), "{key}");
        assert!(example.contains(key), "{key}");
    }
    assert_eq!(v["verdict"]["status"], "allowed");
    assert!(example.contains("\"status\": \"allowed\""));
}

#[test]
fn the_readme_is_for_users() {
    assert!(!README.contains("DESIGN.md"), "users do not have DESIGN.md");
    assert!(README.contains("cargo install --locked"));
    for paper in ["000", "001", "002", "003", "004"] {
        assert!(README.contains(&format!("- paper {paper}: ")), "{paper}");
    }
}
