//! The data flow of the library, checked on its source: inputs + model -> couplings (model,
//! flavour) -> observables -> constraints (with experiments) -> scans. A module may use only
//! modules of a lower layer; modules of the same layer do not use each other. Test code
//! (`#[cfg(test)]` blocks and the test-only files) is exempt: a test may build a whole point.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every top-level module of `crates/zprime/src` and its layer. A new module must be added
/// here: the test fails on a module it does not know.
const LAYERS: &[(&str, u32)] = &[
    ("error", 0),
    ("data", 1),
    ("math", 1),
    ("loops", 2),
    ("inputs", 2),
    ("ckm", 3),
    ("model", 3),
    ("couplings", 4),
    ("flavour", 5),
    ("observables", 6),
    ("experiments", 6),
    ("constraints", 7),
    ("scan", 8),
    ("reproduce", 9),
    ("likelihood", 9),
];

/// The crate-root re-exports (`lib.rs`) and the modules they come from.
const REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("InputSet", "inputs"),
    ("StandardModel", "inputs"),
    ("Model", "model"),
    ("Point", "model"),
];

/// Files that are compiled for tests only.
const TEST_FILES: &[&str] = &["tests.rs", "check.rs"];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a piece of source names as `crate::x` or in `use crate::{x, y::z}`.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // A grouped import: the top-level names at brace depth 0 of the group.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == '_') => {
                        used.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            used.insert(ident(rest));
        }
    }
    used
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let mut violations = vec![];
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let name = rel.file_name().unwrap().to_str().unwrap();
        if TEST_FILES.contains(&name) || rel == Path::new("lib.rs") {
            continue;
        }
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        let own = layer(&top).unwrap_or_else(|| panic!("module `{top}` is not in LAYERS"));
        let text = std::fs::read_to_string(&file).unwrap();
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for used in used_modules(&code) {
            let used = REEXPORTS
                .iter()
                .find(|(name, _)| *name == used)
                .map_or(used.clone(), |(_, module)| (*module).to_string());
            if used == top {
                continue;
            }
            let Some(theirs) = layer(&used) else {
                violations.push(format!("{}: uses unknown module `{used}`", rel.display()));
                continue;
            };
            if theirs >= own {
                violations.push(format!(
                    "{}: `{top}` (layer {own}) uses `{used}` (layer {theirs})",
                    rel.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn grouped_imports_are_read() {
    let used = used_modules("use crate::{error::{Error, Result}, model::Point};\nlet x = crate::math::kallen(1.0, 0.0, 0.0);");
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["error", "math", "model"]
    );
}
