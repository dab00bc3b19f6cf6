//! Every data file compiled into zprime, in one catalogue: the modules that parse them take
//! their text from here, and `zprime data --file PATH` prints any of them (each entry carries
//! its own citation).

/// `data/inputs/default.toml`: today's parameter set.
pub const INPUTS_DEFAULT: &str = include_str!("../../../data/inputs/default.toml");
/// `data/inputs/ibe2016.toml`: paper 001.
pub const INPUTS_IBE2016: &str = include_str!("../../../data/inputs/ibe2016.toml");
/// `data/inputs/altmannshofer2014.toml`: paper 004.
pub const INPUTS_ALTMANNSHOFER2014: &str =
    include_str!("../../../data/inputs/altmannshofer2014.toml");
/// `data/inputs/fuyuto2014.toml`: paper 000.
pub const INPUTS_FUYUTO2014: &str = include_str!("../../../data/inputs/fuyuto2014.toml");
/// `data/inputs/kang2020.toml`: paper 002.
pub const INPUTS_KANG2020: &str = include_str!("../../../data/inputs/kang2020.toml");
/// `data/inputs/jho2020.toml`: paper 003.
pub const INPUTS_JHO2020: &str = include_str!("../../../data/inputs/jho2020.toml");
/// `data/experiments/measurements.toml`: measurements and limits.
pub const MEASUREMENTS: &str = include_str!("../../../data/experiments/measurements.toml");
/// `data/experiments/constraints.toml`: observable + measurement + rule.
pub const CONSTRAINTS: &str = include_str!("../../../data/experiments/constraints.toml");
/// `data/experiments/single_muon.toml`: the single-muon search bins (paper 001 recast).
pub const SINGLE_MUON: &str = include_str!("../../../data/experiments/single_muon.toml");
/// `data/experiments/trident.toml`: beams and targets of the trident experiments.
pub const TRIDENT: &str = include_str!("../../../data/experiments/trident.toml");
/// `data/experiments/nu_e.toml`: neutrino-electron scattering experiments.
pub const NU_E: &str = include_str!("../../../data/experiments/nu_e.toml");

/// `data/experiments/bands.toml`: measured bands with asymmetric intervals (KOTO-era band).
pub const BANDS: &str = include_str!("../../../data/experiments/bands.toml");

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The preset models from the catalogue: (name = file stem, text), in catalogue order.
pub fn models() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().filter_map(|&(path, text)| {
        let name = path.strip_prefix("data/models/")?.strip_suffix(".toml")?;
        Some((name, text))
    })
}

/// Parse TOML text into `T`; a syntax or schema error becomes `Error::File` naming the file,
/// on one line (the parser's message names the field and what was expected).
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> crate::Result<T> {
    toml::from_str(text).map_err(|e| {
        crate::Error::file(
            file,
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    })
}

/// The text of a shipped data file by its path (or file name).
pub fn file(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(p, _)| *p == path || p.rsplit('/').next() == Some(path))
        .map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_data_file_is_catalogued() {
        // The catalogue must list every file under data/ (the schema checks live with the
        // parsers; this guards against a file that ships but is never listed).
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        for dir in ["inputs", "experiments", "models", "papers", "plot"] {
            for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let name = e.unwrap().file_name().into_string().unwrap();
                if std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                {
                    assert!(
                        super::file(&format!("data/{dir}/{name}")).is_some(),
                        "{dir}/{name} not catalogued"
                    );
                }
            }
        }
    }
}
