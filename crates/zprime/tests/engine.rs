//! The recipes of docs/developing.md, each shown working: an observable with arguments through
//! the one entry point, a constraint added in a user's file, a limit curve (one data file and
//! one entry), and the test statistic every kind provides.

use std::collections::BTreeMap;
use std::path::Path;
use zprime::constraints::{Constraint, Spec};
use zprime::observables::{find, predict};
use zprime::{InputSet, Model, Point, StandardModel};

fn point(mass: f64, g: f64) -> Point {
    Model::resolve("lmu-ltau")
        .unwrap()
        .point(mass, g, &BTreeMap::new())
        .unwrap()
}

fn test_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// "Adding an observable": one name, arguments in the name or given separately, validity
/// from the input set.
#[test]
fn observables_take_arguments_and_know_where_they_hold() {
    let set = InputSet::default_set();
    let p = point(0.3, 1e-3);
    let by_name = predict("R_trident(CHARM-II)", &[], &p, &set).unwrap();
    let by_args = predict("R_trident", &[("experiment", "CHARM-II")], &p, &set).unwrap();
    assert_eq!(by_name, by_args);
    assert!(by_name > 1.0);
    let total = predict("BR(K+->munuZp)", &[], &p.with_mass(0.1), &set).unwrap();
    let window = predict(
        "BR(K+->munuZp)",
        &[("p_min", "0.14"), ("p_max", "0.2")],
        &p.with_mass(0.1),
        &set,
    )
    .unwrap();
    assert!(0.0 < window && window < total);
    let e = predict("R_trident(MINOS)", &[], &p, &set)
        .unwrap_err()
        .to_string();
    assert!(e.contains("CCFR") && e.contains("MINOS"), "{e}");
    // Validity moves with the input set's m_tau.
    let mut heavier = set.clone();
    heavier.set_value("m_tau", 2.0).unwrap();
    let sm = StandardModel::from_inputs(&heavier).unwrap();
    let v = find("Delta(tau->mununu)").unwrap().validity(&sm).unwrap();
    assert_eq!(v.mass[0], 2.0);
    let c = Constraint::load("tau:PDG2024", &heavier).unwrap();
    assert!(!c.valid_at(1.9) && c.valid_at(2.1));
}

/// "Adding a constraint": an entry in a user's file on a shipped measurement behaves as the
/// shipped constraint of the same content.
#[test]
fn a_constraint_from_a_users_file_equals_the_shipped_one() {
    let text = r#"
[[constraint]]
id = "my:CCFR"
label = "CCFR again"
observable = "R_trident(experiment=CCFR)"
kind = "gaussian"
measurement = "R_trident:CCFR"
cl = 0.95
"#;
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let specs = Spec::parse_file(text, "my.toml", None).unwrap();
    let all = Constraint::for_inputs_with(&set, &specs).unwrap();
    let mine = all.iter().find(|c| c.spec.id == "my:CCFR").unwrap();
    let shipped = Constraint::load("trident:CCFR", &set).unwrap();
    for m in [0.01, 0.3, 5.0] {
        let p = point(m, 1e-3);
        assert_eq!(
            mine.limits_at(&sm, &set, &p).unwrap().excluded,
            shipped.limits_at(&sm, &set, &p).unwrap().excluded
        );
    }
    assert_eq!(mine.observable(), "R_trident(CCFR)");
}

/// "Adding a limit curve": one CSV with a citation header and one entry; not applied outside
/// the curve's masses.
#[test]
fn a_limit_curve_is_one_data_file() {
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let specs = Spec::from_path(&test_file("test_constraints.toml")).unwrap();
    let curve = Constraint::from_spec(specs[0].clone(), &set).unwrap();
    let shipped = Constraint::load("K->munuinv:E949-2016", &set).unwrap();
    // The CSV alone is a constraint too (`--constraints e949_flat_curve.csv`): its header
    // names the observable, the CL and the citation; the id is the file name.
    let alone = Spec::from_path(&test_file("e949_flat_curve.csv")).unwrap();
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].id, "e949_flat_curve");
    assert_eq!(alone[0].observable, specs[0].observable);
    let alone = Constraint::from_spec(alone[0].clone(), &set).unwrap();
    for m in [0.001, 0.15] {
        let p = point(m, 1e-3);
        assert_eq!(
            alone.limits_at(&sm, &set, &p).unwrap().excluded,
            curve.limits_at(&sm, &set, &p).unwrap().excluded
        );
    }
    assert_eq!(curve.cl, shipped.cl);
    assert!(curve.reference.contains("E949"));
    let mut limited = 0;
    for m in [0.001, 0.02, 0.15, 0.3] {
        let p = point(m, 1e-3);
        let (a, b) = (
            curve.limits_at(&sm, &set, &p).unwrap(),
            shipped.limits_at(&sm, &set, &p).unwrap(),
        );
        assert!(a.valid && b.valid, "{m}");
        assert_eq!(a.excluded.len(), b.excluded.len(), "{m}");
        for (x, y) in a.excluded.iter().zip(&b.excluded) {
            for k in 0..2 {
                assert!((x[k] / y[k] - 1.0).abs() < 1e-12, "{m}: {x:?} vs {y:?}");
            }
        }
        limited += usize::from(a.upper_limit.is_some());
    }
    assert!(limited >= 2);
    for m in [5e-4, 0.31] {
        let p = point(m, 1e-3);
        let l = curve.limits_at(&sm, &set, &p).unwrap();
        assert!(!l.valid && l.excluded.is_empty(), "{m}");
        assert!(curve.evaluate(&sm, &set, &p).unwrap().is_none());
        assert!(curve
            .not_applied_reason(&sm, &set, &p)
            .unwrap()
            .contains("0.3"));
    }
}

/// Every kind gives a test statistic: the Gaussian χ², zero at the best fit.
#[test]
fn kinds_give_a_test_statistic() {
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let c = Constraint::load("trident:CCFR", &set).unwrap();
    let at_sm = c
        .test_statistic(&sm, &set, &point(0.3, 0.0))
        .unwrap()
        .unwrap();
    // R = 1 in the Standard Model: χ² = ((1 − value)/σ)².
    let zprime::experiments::Value::Gaussian { value, uncertainty } =
        zprime::experiments::resolve("R_trident:CCFR", &set).unwrap()
    else {
        panic!("CCFR is a Gaussian measurement")
    };
    let expect = ((1.0 - value) / uncertainty).powi(2);
    assert!((at_sm - expect).abs() < 1e-12, "{at_sm} vs {expect}");
    let big = c
        .test_statistic(&sm, &set, &point(0.3, 3e-3))
        .unwrap()
        .unwrap();
    assert!(big > 3.84);
    let e949 = Constraint::load("K->munuinv:E949-2016", &set).unwrap();
    let t = e949
        .test_statistic(&sm, &set, &point(0.1, 3e-2))
        .unwrap()
        .unwrap();
    assert!(t > 1.2816_f64.powi(2), "{t}");
    // As a function of the coupling at one mass: zero statistic below the limit, rising above.
    let scan = e949
        .test_statistic_scan(&sm, &set, &point(0.1, 1e-3), &[0.0, 1e-3, 3e-2, 1e-1])
        .unwrap()
        .unwrap();
    assert_eq!(scan[0], 0.0);
    assert!(scan[1] < scan[2] && scan[2] < scan[3], "{scan:?}");
    assert_eq!(scan[2], t);
}

/// A limit on a grid in (mass, lifetime): flat, it is the upper limit; cut at short
/// lifetimes, it excludes only couplings large enough for the Z' to decay that fast.
#[test]
fn a_limit_grid_in_mass_and_lifetime() {
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let specs = Spec::from_path(&test_file("test_grid_constraints.toml")).unwrap();
    let all = Constraint::for_inputs_with(&set, &specs).unwrap();
    let get = |id: &str| all.iter().find(|c| c.spec.id == id).unwrap();
    let (flat, short) = (
        get("test:E949-flat-grid"),
        get("test:E949-short-lifetime-grid"),
    );
    let shipped = get("K->munuinv:E949-2016");
    for m in [0.02, 0.1, 0.25] {
        let p = point(m, 1e-3);
        let reference = shipped
            .limits_at(&sm, &set, &p)
            .unwrap()
            .upper_limit
            .unwrap();
        let grid = flat.limits_at(&sm, &set, &p).unwrap().upper_limit.unwrap();
        assert!(
            (grid / reference - 1.0).abs() < 1e-9,
            "{m}: {grid} vs {reference}"
        );
        // cτ ≤ 1e-12 m needs g ≥ sqrt(cτ(g = 1)/1e-12 m).
        let ctau1 = predict("ctau(Zp)", &[], &p.with_coupling(1.0), &set).unwrap();
        let edge = (ctau1 / 1e-12).sqrt();
        let cut = short.limits_at(&sm, &set, &p).unwrap().upper_limit.unwrap();
        let expect = edge.max(reference);
        assert!((cut / expect - 1.0).abs() < 1e-9, "{m}: {cut} vs {expect}");
    }
    let outside = point(0.5, 1e-3);
    assert!(!flat.limits_at(&sm, &set, &outside).unwrap().valid);
    // A long-lived point lies outside the short-lifetime grid: not applied there.
    let long_lived = point(0.1, 1e-4);
    assert!(short
        .not_applied_reason(&sm, &set, &long_lived)
        .unwrap()
        .contains("outside the limit grid"));
}

/// A session specialised to one model gives the same reports as the general one, for points
/// of that model at other masses and couplings, and for another model (it falls back).
#[test]
fn a_session_specialised_to_a_model_changes_no_number() {
    let set = InputSet::default_set();
    let session = zprime::scan::Session::new(&set).unwrap();
    let lmu = Model::resolve("lmu-ltau").unwrap();
    let special = session.for_model(&point(0.1, 1e-3));
    for (model, m, g) in [
        ("lmu-ltau", 0.02, 3e-4),
        ("lmu-ltau", 2.0, 0.05),
        ("b-l-23", 0.1, 1e-3),
    ] {
        let model = Model::resolve(model).unwrap();
        let p = model.point(m, g, &BTreeMap::new()).unwrap();
        let a = serde_json::to_string(&session.evaluate_point(&model, &p).unwrap()).unwrap();
        let b = serde_json::to_string(&special.evaluate_point(&model, &p).unwrap()).unwrap();
        assert_eq!(a, b, "{} {m} {g}", model.name);
    }
    let masses = zprime::scan::log_masses(1e-3, 10.0, 20).unwrap();
    let t = point(1.0, 1e-3);
    let a = serde_json::to_string(&session.limits(&lmu, &t, &masses).unwrap()).unwrap();
    let b = serde_json::to_string(&special.limits(&lmu, &t, &masses).unwrap()).unwrap();
    assert_eq!(a, b);
}
