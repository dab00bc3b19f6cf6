//! The table of printed numbers (`data/papers/printed.toml`) against its two readers: every
//! entry is asserted by a paper test here or computed by `zprime reproduce`, and `reproduce`
//! computes every entry whose input set ships, each within its tolerance.

use zprime::reproduce::{items, printed::table, run};
use zprime::InputSet;

/// The source of every paper test (this directory), to find the entry ids they name.
fn test_sources() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/papers");
    let mut text = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let is_test = path.extension().is_some_and(|x| x == "rs")
            && path.file_name().is_some_and(|n| n != "table.rs");
        if is_test {
            text += &std::fs::read_to_string(&path).unwrap();
        }
    }
    text
}

#[test]
fn no_dead_entries_every_entry_is_used_by_a_paper_test_or_by_reproduce() {
    let sources = test_sources();
    let computed: Vec<String> = items()
        .unwrap()
        .iter()
        .map(|i| i.number.id.clone())
        .collect();
    let dead: Vec<&str> = table()
        .unwrap()
        .numbers
        .iter()
        .map(|n| n.id.as_str())
        .filter(|id| !sources.contains(&format!("\"{id}\"")) && !computed.iter().any(|c| c == id))
        .collect();
    assert!(dead.is_empty(), "entries nobody reads: {dead:?}");
}

#[test]
fn reproduce_computes_every_entry_with_a_shipped_input_set_within_its_tolerance() {
    let out = run("all").unwrap();
    for n in &table().unwrap().numbers {
        if InputSet::load(&n.inputs).is_ok() {
            assert!(
                out.iter().any(|o| o.id == n.id),
                "{}: not computed by `zprime reproduce`",
                n.id
            );
        }
    }
    for o in &out {
        assert!(
            o.agrees,
            "{}: {:?} fails its check ({})",
            o.id, o.computed, o.check
        );
    }
}
