//! zprime's coupling limits as a HEPData submission (the YAML format of hepdata.net), so that
//! they can be submitted with a paper: `submission.yaml` (one document per table) and one
//! table file per constraint, the mass as the independent variable and the edges of the
//! excluded (and preferred) coupling intervals as dependent variables, `'-'` where a mass has
//! none. Returned as (file name, text) pairs: the caller writes them.

use super::LimitsReport;

/// A string as a single-quoted YAML scalar.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A number as HEPData writes it (`'-'` for none).
fn value(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v:e}"),
        _ => "'-'".into(),
    }
}

/// One dependent variable: a header name and one value per mass.
struct Column {
    name: String,
    values: Vec<Option<f64>>,
}

/// The columns of intervals `per_mass[i]` (several per mass): the k-th interval's low and
/// high edges, for k up to the most any mass has.
fn interval_columns(what: &str, coupling: &str, per_mass: &[Vec<[f64; 2]>]) -> Vec<Column> {
    let most = per_mass.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for k in 0..most {
        let numbered = if most > 1 {
            format!("{what} interval {} ", k + 1)
        } else {
            format!("{what} interval ")
        };
        for (edge, i) in [("lower", 0), ("upper", 1)] {
            out.push(Column {
                name: format!("{numbered}{edge} edge ({coupling})"),
                values: per_mass.iter().map(|v| v.get(k).map(|iv| iv[i])).collect(),
            });
        }
    }
    out
}

/// The files of a HEPData submission of `report`: `submission.yaml` first, then one
/// `constraint_N.yaml` per constraint with a limit somewhere on the grid.
pub fn submission(report: &LimitsReport) -> Vec<(String, String)> {
    let coupling = if report.coupling == "eps" {
        "epsilon"
    } else {
        "g'"
    };
    let parameters = report
        .parameters
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut index = format!(
        "comment: {}\n",
        quoted(&format!(
            "Limits on the coupling of the {} Z' computed by zprime {} with the input set '{}'{}; one table per constraint, the edges of the excluded (and preferred) coupling intervals at each mass.",
            report.model,
            env!("CARGO_PKG_VERSION"),
            report.inputs,
            if parameters.is_empty() {
                String::new()
            } else {
                format!(" (fixed parameters: {parameters})")
            }
        ))
    );
    let mut files = Vec::new();
    for (n, c) in report.constraints.iter().enumerate() {
        let excluded: Vec<Vec<[f64; 2]>> = c.limits.iter().map(|l| l.excluded.clone()).collect();
        let mut columns = interval_columns("excluded", coupling, &excluded);
        for (b, sigma) in c.bands.iter().enumerate() {
            let preferred: Vec<Vec<[f64; 2]>> = c
                .limits
                .iter()
                .map(|l| l.preferred.get(b).cloned().unwrap_or_default())
                .collect();
            columns.extend(interval_columns(
                &format!("preferred ({sigma} sigma)"),
                coupling,
                &preferred,
            ));
        }
        if columns.is_empty() {
            continue;
        }
        let file = format!("constraint_{}.yaml", n + 1);
        // The header lines `zprime plot --curve` reads (YAML comments for everyone else).
        let mut table = format!(
            "# label: {}\n# reference: zprime {} ({}, inputs '{}'); measurement: {}\n# coupling: {}\n# cl: {}\n",
            c.label.replace('\n', " "),
            env!("CARGO_PKG_VERSION"),
            report.model,
            report.inputs,
            c.reference.replace('\n', " "),
            if report.coupling == "eps" { "eps" } else { "g" },
            c.cl
        );
        table.push_str(
            "independent_variables:\n- header: {name: '$m_{Z^\\prime}$', units: GeV}\n  values:\n",
        );
        for m in &report.masses {
            table.push_str(&format!("  - {{value: {}}}\n", value(Some(*m))));
        }
        table.push_str("dependent_variables:\n");
        for col in &columns {
            table.push_str(&format!(
                "- header: {{name: {}}}\n  qualifiers:\n  - {{name: constraint, value: {}}}\n  - {{name: CL, value: {}}}\n  - {{name: model, value: {}}}\n  - {{name: inputs, value: {}}}\n  values:\n",
                quoted(&col.name),
                quoted(&c.name),
                quoted(&format!("{}%", c.cl * 100.0)),
                quoted(&report.model),
                quoted(&report.inputs)
            ));
            for v in &col.values {
                table.push_str(&format!("  - {{value: {}}}\n", value(*v)));
            }
        }
        index.push_str(&format!(
            "---\nname: {}\ndescription: {}\nkeywords:\n- {{name: observables, values: [{}]}}\ndata_file: {}\n",
            quoted(&c.label),
            quoted(&format!(
                "{} ({}; {}% CL). Source of the measurement: {}.{}",
                c.label,
                c.observable,
                c.cl * 100.0,
                c.reference,
                c.note
                    .as_ref()
                    .map_or(String::new(), |n| format!(" Note: {n}."))
            )),
            quoted(&c.observable),
            file
        ));
        files.push((file, table));
    }
    let mut out = vec![("submission.yaml".to_string(), index)];
    out.extend(files);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::plane_curves::PlaneCurve;
    use crate::{InputSet, Model};

    #[test]
    fn a_submission_reads_back_as_curves() {
        let model = Model::resolve("lmu-ltau").unwrap();
        let point = model
            .point(0.1, 1e-3, &std::collections::BTreeMap::new())
            .unwrap();
        let inputs = InputSet::default_set();
        let masses = crate::scan::log_masses(1e-3, 1.0, 7).unwrap();
        let report = crate::scan::limits(&model, &point, &inputs, &masses).unwrap();
        let files = submission(&report);
        assert_eq!(files[0].0, "submission.yaml");
        let index = &files[0].1;
        let gm2 = report
            .constraints
            .iter()
            .position(|c| c.name == "g-2:WA2025-WP25")
            .unwrap();
        assert!(index.contains(&format!("data_file: constraint_{}.yaml", gm2 + 1)));
        let (name, text) = files
            .iter()
            .find(|(n, _)| *n == format!("constraint_{}.yaml", gm2 + 1))
            .unwrap();
        let curve = PlaneCurve::parse(text, name).unwrap();
        assert_eq!(curve.mass, report.masses);
        for (l, e) in report.constraints[gm2].limits.iter().zip(&curve.excluded) {
            match l.excluded.first() {
                Some(iv) => assert_eq!(e[0], iv[0]),
                None => assert!(e[0].is_nan()),
            }
        }
        assert!((curve.cl - report.constraints[gm2].cl).abs() < 1e-15);
    }
}
