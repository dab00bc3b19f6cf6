//! The preset models: the files of `data/models/`, compiled in ([`crate::data::FILES`]) and
//! parsed once. Adding a preset is adding a file there and its line in the catalogue.

use super::{file, Model};
use std::sync::OnceLock;

/// Names of the presets, in the order `zprime models` lists them (the catalogue's order).
pub fn preset_names() -> Vec<&'static str> {
    crate::data::models().map(|(name, _)| name).collect()
}

/// Every preset, parsed once (constant data: the shipped files are checked by the tests, so a
/// file that failed to parse would be missing here, never a panic).
fn parsed() -> &'static [Model] {
    static PRESETS: OnceLock<Vec<Model>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        crate::data::models()
            .filter_map(|(name, text)| file::parse(text, &format!("data/models/{name}.toml")).ok())
            .collect()
    })
}

/// A preset by name.
pub fn preset(name: &str) -> Option<Model> {
    parsed().iter().find(|m| m.name == name).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of data/models is a preset: it parses, its name is its file name, it has a
    /// title, a reference and a list of what is not included. (Adding a preset = one file
    /// and its catalogue line; this test and `data::tests` make sure nothing else is needed.)
    #[test]
    fn every_model_file_loads_as_a_preset() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/models");
        let mut on_disk = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let m = file::parse(&text, &path.display().to_string())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
                assert_eq!(m.name, stem, "{}", path.display());
                assert!(!m.title.is_empty() && m.title != m.name || m.name == "fcnc");
                assert!(!m.reference.is_empty() && !m.description.is_empty());
                assert!(!m.not_included.is_empty(), "{stem}: not_included");
                assert!(m.notes.is_empty(), "{stem}: {:?}", m.notes);
                assert_eq!(
                    preset(&stem).as_ref(),
                    Some(&m),
                    "{stem} not in the catalogue"
                );
                on_disk.push(stem);
            }
        }
        on_disk.sort();
        let mut names: Vec<String> = preset_names()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        names.sort();
        assert_eq!(on_disk, names);
    }

    #[test]
    fn design_md_presets_exist() {
        for n in [
            "lmu-ltau",
            "b-l-23",
            "lmu-ltau+b3",
            "lmu-ltau-vlq",
            "lmu-ltau-uvlq",
            "dark-photon",
            "fcnc",
        ] {
            assert!(preset(n).is_some(), "{n}");
        }
    }
}
