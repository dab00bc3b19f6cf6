//! Properties over the whole registry (issue 9): every preset, every shipped input set, every
//! registered observable with every allowed argument value (read from the registry, so that
//! observables added later are covered without editing this file) and every constraint, at
//! masses log-uniform over [MASS_MIN, MASS_MAX] and at and within 1e-12 of every threshold,
//! couplings in [0, COUPLING_MAX], model parameters in their declared ranges:
//!
//! * every prediction is finite (or the observable says it is not applicable to the model);
//! * a branching fraction (a name starting with `BR`) lies in [0, 1];
//! * widths (`Gamma...`) and cross sections (`sigma...`) are >= 0;
//! * every constraint gives a status where it applies;
//! * the coupling intervals of `limits` have g_low <= g_high.
//!
//! And the parsers of every file a user can hand to zprime (model files, input sets,
//! constraint files, limit curves and grids) never panic: arbitrary bytes, truncated and
//! mutated valid files, huge numbers, NaN and inf spelled every way TOML allows, duplicate
//! keys, wrong types, deeply nested tables; every error names the file.
//!
//! CI runs a few thousand cases in debug; `cargo test --release -p zprime --test properties
//! -- --ignored --nocapture` runs 10^6 points and prints the time.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Instant;
use zprime::constraints::limit_curve::{Curve, Table};
use zprime::constraints::limit_grid::Grid;
use zprime::constraints::{specs, Constraint, Spec};
use zprime::model::{preset, preset_names, COUPLING_MAX, MASS_MAX, MASS_MIN};
use zprime::observables::{registry, ArgumentKind, Args, Context, Prepared, Query};
use zprime::{Error, InputSet, Model, StandardModel};

/// One input set with everything prepared for it.
struct Set {
    inputs: InputSet,
    sm: StandardModel,
    observables: Vec<Prepared>,
    constraints: Vec<Constraint>,
    /// Masses where something opens or closes (GeV), in [MASS_MIN, MASS_MAX].
    thresholds: Vec<f64>,
}

/// Everything the properties range over.
struct World {
    models: Vec<Model>,
    sets: Vec<Set>,
}

/// Every registered observable with every allowed argument value: the argument lists
/// `zprime point` evaluates, the defaults, and each value of each `Choice` argument.
fn every_query() -> Vec<Query> {
    let mut out: Vec<Query> = Vec::new();
    let mut push = |q: Query| {
        if !out.contains(&q) {
            out.push(q);
        }
    };
    for o in registry() {
        // required choices at their first value, the rest at their defaults
        let mut base = Args::none();
        for a in o.arguments {
            if let (true, ArgumentKind::Choice(values)) = (a.required, a.kind) {
                base.set(a.name, values[0]);
            }
        }
        if let Ok(q) = Query::new(o.name, base.clone()) {
            push(q);
        }
        for a in o.arguments {
            if let ArgumentKind::Choice(values) = a.kind {
                for v in values {
                    let mut args = base.clone();
                    args.set(a.name, v);
                    push(Query::new(o.name, args).expect("a declared choice is accepted"));
                }
            }
        }
        for text in o.listed.unwrap_or(&[]) {
            push(Query::parse(&format!("{}({text})", o.name)).expect("a listed argument list"));
        }
    }
    out
}

/// Thresholds of an input set: 2 m for every mass of the set, and m_a - m_b, m_a + m_b for
/// every pair (m_K - m_pi, m_K - m_mu, m_B - m_K, ...), the lepton pairs, and the edges of
/// every observable's and constraint's validity.
fn thresholds(inputs: &InputSet, sm: &StandardModel, obs: &[Prepared], cs: &[Constraint]) -> Vec<f64> {
    let mut masses: Vec<f64> = inputs
        .parameters
        .iter()
        .filter(|(k, p)| k.starts_with("m_") && p.value > 0.0)
        .map(|(_, p)| p.value)
        .collect();
    masses.extend(sm.m_lepton);
    let mut t = Vec::new();
    for &a in &masses {
        t.push(a);
        t.push(2.0 * a);
        for &b in &masses {
            t.push(a - b);
            t.push(a + b);
        }
    }
    for v in obs.iter().filter_map(|o| o.validity.clone()) {
        t.extend(v.mass);
    }
    for v in cs.iter().filter_map(Constraint::validity) {
        t.extend(v.mass);
    }
    t.retain(|&m| (MASS_MIN..=MASS_MAX).contains(&m));
    t.sort_by(f64::total_cmp);
    t.dedup();
    t
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let models = preset_names()
            .into_iter()
            .map(|n| preset(n).expect("a preset"))
            .collect();
        let queries = every_query();
        let sets = InputSet::available()
            .into_iter()
            .map(|name| {
                let inputs = InputSet::load(name).expect("a shipped set");
                let sm = StandardModel::from_inputs(&inputs).expect("its constants");
                let observables: Vec<Prepared> = queries
                    .iter()
                    .map(|q| q.prepare(&sm, &inputs).expect("prepares"))
                    .collect();
                let mut constraints = Constraint::for_inputs(&inputs).expect("its constraints");
                for s in specs() {
                    if !constraints.iter().any(|c| c.spec.id == s.id) {
                        if let Ok(c) = Constraint::from_spec(s.clone(), &inputs) {
                            constraints.push(c);
                        }
                    }
                }
                let thresholds = thresholds(&inputs, &sm, &observables, &constraints);
                Set {
                    inputs,
                    sm,
                    observables,
                    constraints,
                    thresholds,
                }
            })
            .collect();
        World { models, sets }
    })
}

/// A mass: log-uniform over the whole range, or a threshold moved by at most 1e-12 relative.
fn mass_strategy() -> impl Strategy<Value = MassChoice> {
    prop_oneof![
        (MASS_MIN.ln()..=MASS_MAX.ln()).prop_map(|l| MassChoice::Anywhere(l.exp())),
        (
            any::<prop::sample::Index>(),
            prop_oneof![
                Just(0.0),
                Just(1e-12),
                Just(-1e-12),
                Just(1e-13),
                Just(-1e-13),
                -1e-12..1e-12
            ]
        )
            .prop_map(|(i, r)| MassChoice::Threshold(i, r)),
        Just(MassChoice::Anywhere(MASS_MIN)),
        Just(MassChoice::Anywhere(MASS_MAX)),
    ]
}

#[derive(Debug, Clone)]
enum MassChoice {
    Anywhere(f64),
    Threshold(prop::sample::Index, f64),
}

/// A coupling in [0, COUPLING_MAX]: uniform, log-uniform down to 1e-12, or an end.
fn coupling_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..=COUPLING_MAX,
        ((1e-12f64).ln()..=COUPLING_MAX.ln()).prop_map(f64::exp),
        Just(0.0),
        Just(COUPLING_MAX),
    ]
}

/// One drawn case: a model, an input set, one observable or constraint, a point.
#[derive(Debug, Clone)]
struct Case {
    model: prop::sample::Index,
    set: prop::sample::Index,
    item: prop::sample::Index,
    mass: MassChoice,
    coupling: f64,
    /// Each parameter's position in its range (0 = min, 1 = max).
    parameters: Vec<f64>,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        mass_strategy(),
        coupling_strategy(),
        prop::collection::vec(
            prop_oneof![Just(0.0), Just(1.0), Just(0.5), 0.0..=1.0f64],
            8,
        ),
    )
        .prop_map(|(model, set, item, mass, coupling, parameters)| Case {
            model,
            set,
            item,
            mass,
            coupling,
            parameters,
        })
}

/// Check the properties for one case; `Err` describes the violation.
fn check(case: &Case) -> Result<(), String> {
    let w = world();
    let set = case.set.get(&w.sets);
    let mass = match &case.mass {
        MassChoice::Anywhere(m) => *m,
        MassChoice::Threshold(i, r) => *i.get(&set.thresholds) * (1.0 + r),
    };
    let n = set.observables.len() + set.constraints.len();
    check_at(
        case.model.get(&w.models),
        set,
        case.item.index(n),
        mass.clamp(MASS_MIN, MASS_MAX),
        case.coupling,
        &case.parameters,
    )
}

/// Check item `k` (an observable, then the constraints) of `set` at one point of `model`.
fn check_at(
    model: &Model,
    set: &Set,
    k: usize,
    mass: f64,
    coupling: f64,
    fractions: &[f64],
) -> Result<(), String> {
    let mut params = BTreeMap::new();
    for (spec, x) in model.parameters.iter().zip(fractions) {
        params.insert(spec.name.clone(), spec.min + x * (spec.max - spec.min));
    }
    let point = model
        .point(mass, coupling, &params)
        .map_err(|e| format!("the point itself is refused: {e}"))?;
    let ctx = Context {
        sm: &set.sm,
        inputs: &set.inputs,
        point: &point,
    };
    let where_ = || {
        format!(
            "{} / {} at m = {mass:e} GeV, coupling = {coupling:e}, {params:?}",
            model.name, set.inputs.name
        )
    };
    if let Some(o) = set.observables.get(k) {
        let v = match o.predict(&ctx) {
            Ok(v) => v,
            Err(Error::NotApplicable { .. }) => return Ok(()),
            Err(e) => return Err(format!("{}: {e} ({})", o.name, where_())),
        };
        if !v.is_finite() {
            return Err(format!("{} = {v} ({})", o.name, where_()));
        }
        if o.name.starts_with("BR") && !(0.0..=1.0).contains(&v) {
            return Err(format!("{} = {v} outside [0, 1] ({})", o.name, where_()));
        }
        if (o.name.starts_with("Gamma") || o.name.starts_with("sigma")) && v < 0.0 {
            return Err(format!("{} = {v} < 0 ({})", o.name, where_()));
        }
        return Ok(());
    }
    let c = &set.constraints[k - set.observables.len()];
    let id = &c.spec.id;
    let applies = c.valid_at(mass);
    match c.evaluate(&set.sm, &set.inputs, &point) {
        Ok(Some(e)) => {
            if !(e.value.is_finite() && !e.bound.is_nan()) {
                return Err(format!("{id}: value {} bound {} ({})", e.value, e.bound, where_()));
            }
        }
        Ok(None) if !applies => {}
        Ok(None) => return Err(format!("{id}: no status inside its validity ({})", where_())),
        Err(Error::NotApplicable { .. }) => {}
        Err(e) => return Err(format!("{id}: {e} ({})", where_())),
    }
    let limits = c
        .limits_at(&set.sm, &set.inputs, &point)
        .map_err(|e| format!("{id} limits: {e} ({})", where_()))?;
    let intervals = limits
        .excluded
        .iter()
        .chain(limits.preferred.iter().flatten())
        .chain(&limits.expected);
    for [lo, hi] in intervals {
        if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
            return Err(format!("{id} limits: interval [{lo}, {hi}] ({})", where_()));
        }
    }
    Ok(())
}

fn run_cases(cases: u32) -> (u32, std::time::Duration) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let start = Instant::now();
    let result = runner.run(&case_strategy(), |case| {
        check(&case).map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (cases, start.elapsed())
}

/// Every preset and input set, every observable and constraint at several thresholds, so
/// that no item depends on the random draw to be visited.
#[test]
fn every_item_at_thresholds() {
    let w = world();
    for (mi, model) in w.models.iter().enumerate() {
        for (si, set) in w.sets.iter().enumerate() {
            let n = set.observables.len() + set.constraints.len();
            for k in 0..n {
                for j in 0..3 {
                    let t = (k * 7 + mi * 3 + si + j * 11) % set.thresholds.len();
                    let coupling = [0.0, 1e-3, 1.0, COUPLING_MAX][(k + j) % 4];
                    let fractions = vec![[0.0, 1.0, 0.5][(k + j) % 3]; 8];
                    check_at(model, set, k, set.thresholds[t], coupling, &fractions)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }
}

/// A few thousand random cases (CI, debug build).
#[test]
fn the_registry_holds_over_its_whole_domain() {
    let cases = std::env::var("ZPRIME_PROPERTY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let (n, t) = run_cases(cases);
    eprintln!("{n} cases in {t:.2?}");
}

/// 10^6 points (`cargo test --release -p zprime --test properties -- --ignored --nocapture`).
#[test]
#[ignore = "10^6 points: run in release"]
fn a_million_points() {
    let (n, t) = run_cases(1_000_000);
    eprintln!("{n} cases in {t:.2?} ({:.1} µs per case)", t.as_secs_f64() * 1e6 / f64::from(n));
}
