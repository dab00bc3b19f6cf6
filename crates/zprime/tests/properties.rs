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
//! CI runs 3000 cases in debug (~40 s); `cargo test --release -p zprime --test properties
//! -- --ignored --nocapture` runs 10^6 points and prints the time and, per item, how many
//! points it got (N_eff, whose one evaluation integrates the thermal history, is evaluated at
//! one draw in 50 that lands on it: see `expensive`).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Instant;
use zprime::constraints::limit_curve::{Curve, Table};
use zprime::constraints::limit_grid::Grid;
use zprime::constraints::{specs, Constraint, Spec};
use zprime::model::{preset, preset_names, COUPLING_MAX, MASS_MAX, MASS_MIN};
use zprime::observables::{registry, Args, ArgumentKind, Context, Prepared, Query};
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
fn thresholds(
    inputs: &InputSet,
    sm: &StandardModel,
    obs: &[Prepared],
    cs: &[Constraint],
) -> Vec<f64> {
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
    /// Each parameter's position in its range (0 = min, 1 = max); `None`: the defaults.
    parameters: Option<Vec<f64>>,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        mass_strategy(),
        coupling_strategy(),
        prop::option::of(prop::collection::vec(
            prop_oneof![Just(0.0), Just(1.0), Just(0.5), 0.0..=1.0f64],
            8,
        )),
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

/// The item (observable or constraint) a case checks, by index into `set`.
fn item_of(case: &Case) -> (&'static Set, usize) {
    let set = case.set.get(&world().sets);
    let n = set.observables.len() + set.constraints.len();
    (set, case.item.index(n))
}

/// Name of item `k` of `set`: the observable's canonical name or the constraint's id.
fn item_name(set: &Set, k: usize) -> String {
    match set.observables.get(k) {
        Some(o) => o.name.clone(),
        None => set.constraints[k - set.observables.len()].spec.id.clone(),
    }
}

/// Items whose one evaluation integrates the thermal history of the early Universe (N_eff:
/// ~10-100 ms each in release, 1000 times the median item). The random runs evaluate them
/// at one draw in [`EXPENSIVE_EVERY`] that lands on them (the others are counted as skipped
/// and reported); `every_item_at_thresholds` evaluates them at every input set regardless.
fn expensive(set: &Set, k: usize) -> bool {
    match set.observables.get(k) {
        Some(o) => o.name.starts_with("N_eff"),
        None => set.constraints[k - set.observables.len()]
            .observable()
            .starts_with("N_eff"),
    }
}

/// One draw in this many that lands on an [`expensive`] item is evaluated.
const EXPENSIVE_EVERY: u32 = 50;

/// Check the properties for one case; `Err` describes the violation.
fn check(case: &Case) -> Result<(), String> {
    let w = world();
    let (set, k) = item_of(case);
    let mass = match &case.mass {
        MassChoice::Anywhere(m) => *m,
        MassChoice::Threshold(i, r) => *i.get(&set.thresholds) * (1.0 + r),
    };
    check_at(
        case.model.get(&w.models),
        set,
        k,
        mass.clamp(MASS_MIN, MASS_MAX),
        case.coupling,
        case.parameters.as_deref(),
    )
}

/// Check item `k` (an observable, then the constraints) of `set` at one point of `model`.
fn check_at(
    model: &Model,
    set: &Set,
    k: usize,
    mass: f64,
    coupling: f64,
    fractions: Option<&[f64]>,
) -> Result<(), String> {
    let mut params = BTreeMap::new();
    for (spec, x) in model.parameters.iter().zip(fractions.unwrap_or(&[])) {
        params.insert(spec.name.clone(), spec.min + x * (spec.max - spec.min));
    }
    let point = model
        .point(mass, coupling, &params)
        .map_err(|e| format!("the point itself is refused: {e}"))?;
    let ctx = Context {
        sm: &set.sm,
        inputs: &set.inputs,
        point: &point,
        shared: None,
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
            // not defined for the model; or parameters valid one by one but not together (the row of W_u must be a unit
            // vector): refused with the parameters' names and the allowed range
            Err(Error::NotApplicable { .. } | Error::InvalidParameter { .. }) => return Ok(()),
            // documented answers, not failures: the lifetime of a Z' that cannot decay, the
            // branching fractions of a Z' with no open channel
            Err(Error::Numerical { message, .. })
                if message.contains("stable") || message.contains("channel is open") =>
            {
                return Ok(())
            }
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
            if !e.value.is_finite() || e.bound.is_nan() {
                return Err(format!(
                    "{id}: value {} bound {} ({})",
                    e.value,
                    e.bound,
                    where_()
                ));
            }
        }
        Ok(None) if !applies => {}
        Ok(None) => {
            // not applicable to the model: it must say why (`point` lists it under not_applied)
            if c.not_applied_reason(&set.sm, &set.inputs, &point).is_none() {
                return Err(format!(
                    "{id}: neither a status nor a reason ({})",
                    where_()
                ));
            }
        }
        Err(Error::NotApplicable { .. } | Error::InvalidParameter { .. }) => {}
        Err(e) => return Err(format!("{id}: {e} ({})", where_())),
    }
    let limits = match c.limits_at(&set.sm, &set.inputs, &point) {
        Ok(l) => l,
        Err(Error::InvalidParameter { .. }) => return Ok(()),
        Err(e) => return Err(format!("{id} limits: {e} ({})", where_())),
    };
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

/// Evaluations and time per item (observable or constraint id) of one run.
#[derive(Default)]
struct Tally {
    /// name -> (evaluated, skipped, time)
    items: BTreeMap<String, (u32, u32, std::time::Duration)>,
}

impl Tally {
    /// The ten most expensive items and every sampled one, one line each.
    fn summary(&self) -> String {
        let mut rows: Vec<_> = self.items.iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1 .2));
        let mut out = String::from("item: evaluated (skipped) total time\n");
        for (i, (name, (n, skipped, t))) in rows.iter().enumerate() {
            if i < 10 || *skipped > 0 {
                out.push_str(&format!("  {name}: {n} ({skipped}) {t:.2?}\n"));
            }
        }
        out
    }
}

/// Run `cases` random cases: from a fixed seed (`deterministic`, CI: a failure is
/// reproducible) or from fresh entropy. Returns the cases drawn, the time and the tally.
fn run_cases(cases: u32, deterministic: bool) -> (u32, std::time::Duration, Tally) {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = if deterministic {
        TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::deterministic_rng(config_algorithm()),
        )
    } else {
        TestRunner::new(config)
    };
    let start = Instant::now();
    let tally = std::sync::Mutex::new(Tally::default());
    let expensive_draws = std::sync::atomic::AtomicU32::new(0);
    let result = runner.run(&case_strategy(), |case| {
        let (set, k) = item_of(&case);
        let skip = expensive(set, k)
            && !expensive_draws
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                .is_multiple_of(EXPENSIVE_EVERY);
        let t = Instant::now();
        if !skip {
            check(&case).map_err(TestCaseError::fail)?;
        }
        let mut tally = tally.lock().expect("not poisoned");
        let e = tally.items.entry(item_name(set, k)).or_default();
        if skip {
            e.1 += 1;
        } else {
            e.0 += 1;
            e.2 += t.elapsed();
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (
        cases,
        start.elapsed(),
        tally.into_inner().expect("not poisoned"),
    )
}

/// Every input set, every observable and constraint at one threshold (models, couplings and
/// parameter ends in turn), so that no item depends on the random draw to be visited.
#[test]
fn every_item_at_thresholds() {
    let w = world();
    for (si, set) in w.sets.iter().enumerate() {
        let n = set.observables.len() + set.constraints.len();
        for k in 0..n {
            let model = &w.models[(k + si) % w.models.len()];
            let t = (k * 7 + si * 3) % set.thresholds.len();
            let coupling = [0.0, 1e-3, 1.0, COUPLING_MAX][k % 4];
            let fractions = [[0.0, 1.0, 0.5][k % 3]; 8];
            let fractions = (k % 2 == 0).then_some(fractions.as_slice());
            check_at(model, set, k, set.thresholds[t], coupling, fractions)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn config_algorithm() -> proptest::test_runner::RngAlgorithm {
    proptest::test_runner::RngAlgorithm::ChaCha
}

/// Random cases from a fixed seed (CI, debug build; `ZPRIME_PROPERTY_CASES` for more):
/// 3000 cases take ~40 s in a debug build on the 2-core CI machine (N_eff items sampled one
/// draw in [`EXPENSIVE_EVERY`]: with them at every draw the run would take ~4 min).
#[test]
fn the_registry_holds_over_its_whole_domain() {
    let cases = std::env::var("ZPRIME_PROPERTY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let (n, t, tally) = run_cases(cases, true);
    eprintln!("{n} cases in {t:.2?}\n{}", tally.summary());
}

/// 10^6 points (`cargo test --release -p zprime --test properties -- --ignored --nocapture`).
#[test]
#[ignore = "10^6 points: run in release"]
fn a_million_points() {
    let cases = std::env::var("ZPRIME_PROPERTY_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let (n, t, tally) = run_cases(cases, false);
    eprintln!(
        "{n} cases in {t:.2?} ({:.1} µs per case)\n{}",
        t.as_secs_f64() * 1e6 / f64::from(n),
        tally.summary()
    );
}

// ---------------------------------------------------------------------------------------------
// Input files fuzzed: the parsers of every file a user can hand to zprime never panic, and
// every error names the file, on one line.

/// Valid files to truncate and mutate: every shipped model, input set and constraint file,
/// and the test limit curves and grids.
const SEEDS: &[(&str, &str)] = &[
    ("model", include_str!("../../../data/models/lmu-ltau.toml")),
    ("model", include_str!("../../../data/models/b-l-23.toml")),
    (
        "model",
        include_str!("../../../data/models/lmu-ltau-uvlq.toml"),
    ),
    (
        "model",
        include_str!("../../../data/models/dark-photon.toml"),
    ),
    ("model", include_str!("../../../data/models/fcnc.toml")),
    ("inputs", include_str!("../../../data/inputs/default.toml")),
    ("inputs", include_str!("../../../data/inputs/kang2020.toml")),
    ("inputs", include_str!("../../../data/inputs/ibe2016.toml")),
    // the shipped file only parsed: resolving its every entry (tables) costs seconds per case
    (
        "constraint-specs",
        include_str!("../../../data/experiments/constraints.toml"),
    ),
    ("constraints", include_str!("data/test_constraints.toml")),
    (
        "constraints",
        include_str!("data/test_grid_constraints.toml"),
    ),
    ("curve", include_str!("data/e949_flat_curve.csv")),
    ("grid", include_str!("data/e949_flat_grid.csv")),
    ("grid", include_str!("data/e949_short_lifetime_grid.csv")),
];

/// Values that have broken parsers: NaN and infinities in every TOML spelling, huge and tiny
/// numbers, integers past i64, wrong types, deep nesting.
const NASTY: &[&str] = &[
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "1e400",
    "-1e400",
    "1e-400",
    "0",
    "-0.0",
    "9223372036854775808",
    "-9223372036854775809",
    "1e308",
    "\"nan\"",
    "\"inf\"",
    "\"1/0\"",
    "\"-1/3\"",
    "\"0/0\"",
    "\"\"",
    "\"x\"",
    "true",
    "[]",
    "[[]]",
    "{}",
    "[1, \"a\"]",
    "1979-05-27T07:32:00Z",
    "{ a = { b = { c = { d = 1 } } } }",
    "NaN",
    "Infinity",
    "1e",
    "--1",
    "0x1p3",
    "0xff",
    "1_000",
    "\"\\u0000\"",
];

/// A mutation of a valid file.
#[derive(Debug, Clone)]
enum Mutation {
    /// The first `n` characters.
    Truncate(prop::sample::Index),
    /// One line's value (after `=`, or a CSV field) replaced.
    Value(prop::sample::Index, prop::sample::Index),
    /// One line written twice (a duplicate key).
    Duplicate(prop::sample::Index),
    /// Bytes inserted somewhere.
    Insert(prop::sample::Index, Vec<u8>),
    /// A line deleted.
    Delete(prop::sample::Index),
    /// Tables nested `depth` deep appended.
    Nest(usize),
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(l, v)| Mutation::Value(l, v)),
        any::<prop::sample::Index>().prop_map(Mutation::Duplicate),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..8)
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Delete),
        (1usize..2000).prop_map(Mutation::Nest),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let rejoin = |ls: Vec<String>| ls.join("\n") + "\n";
    match m {
        Mutation::Truncate(i) => {
            let cut = i.index(text.len() + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&c| text.is_char_boundary(c))
                .unwrap_or(0);
            text[..cut].to_string()
        }
        Mutation::Value(l, v) => {
            let k = l.index(lines.len().max(1));
            let nasty = v.get(NASTY);
            rejoin(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| {
                        if i != k {
                            (*line).to_string()
                        } else if let Some((key, _)) = line.split_once('=') {
                            format!("{key}= {nasty}")
                        } else if let Some((a, _)) = line.rsplit_once(',') {
                            format!("{a},{nasty}")
                        } else {
                            format!("{line}{nasty}")
                        }
                    })
                    .collect(),
            )
        }
        Mutation::Duplicate(l) => {
            let k = l.index(lines.len().max(1));
            let mut out: Vec<String> = lines.iter().map(|s| (*s).to_string()).collect();
            if let Some(line) = lines.get(k) {
                out.insert(k, (*line).to_string());
            }
            rejoin(out)
        }
        Mutation::Insert(i, bytes) => {
            let mut b = text.as_bytes().to_vec();
            let at = i.index(b.len() + 1);
            b.splice(at..at, bytes.iter().copied());
            String::from_utf8_lossy(&b).into_owned()
        }
        Mutation::Delete(l) => {
            let k = l.index(lines.len().max(1));
            rejoin(
                lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != k)
                    .map(|(_, s)| (*s).to_string())
                    .collect(),
            )
        }
        Mutation::Nest(depth) => {
            let mut out = text.to_string();
            out.push_str("\nnested = ");
            out.push_str(&"[".repeat(*depth));
            out.push_str(&"]".repeat(*depth));
            out.push_str("\ndeep = ");
            out.push_str(&"{ a = ".repeat(*depth / 4));
            out.push('1');
            out.push_str(&" }".repeat(*depth / 4));
            out.push('\n');
            out
        }
    }
}

/// The directory of the test constraint files (their curves are read from there).
fn test_data() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Parse `text` as a file of `kind` (as the CLI would); `Err` carries the message.
fn parse_as(kind: &str, text: &str, file: &str) -> Result<(), String> {
    let inputs = || InputSet::default_set();
    let r = match kind {
        "model" => Model::from_toml(text, file).map(|_| ()),
        "inputs" => InputSet::from_toml(text, file).map(|_| ()),
        "constraints" => Spec::parse_file(text, file, Some(&test_data())).and_then(|specs| {
            let set = inputs();
            specs
                .into_iter()
                .try_for_each(|s| Constraint::from_spec(s, &set).map(|_| ()))
        }),
        "constraint-specs" => Spec::parse_file(text, file, None).map(|_| ()),
        "curve" => Curve::parse(text, file).map(|_| ()),
        "grid" => Grid::parse(text, file).map(|_| ()),
        _ => Table::parse(text, file).map(|_| ()),
    };
    r.map_err(|e| e.to_string())
}

/// A parse of `text` must not panic; an error must name the file, on one line.
fn parse_never_panics(kind: &str, text: &str) -> Result<(), TestCaseError> {
    let file = format!("fuzzed-{kind}.file");
    if let Err(message) = parse_as(kind, text, &file) {
        // a data file named inside (a limit curve) that cannot be read is named itself
        prop_assert!(
            message.contains(&file) || message.contains("cannot read the data file"),
            "{kind}: the error does not name the file: {message}"
        );
        prop_assert!(
            !message.contains('\n'),
            "{kind}: the error is not one line: {message}"
        );
    }
    Ok(())
}

fn fuzz_cases() -> u32 {
    std::env::var("ZPRIME_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300)
}

/// Valid files truncated and mutated.
#[test]
fn mutated_files_give_errors_that_name_the_file() {
    let mut runner = TestRunner::new(Config {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(any::<prop::sample::Index>(), mutation_strategy()),
            |(seed, m)| {
                let (kind, text) = *seed.get(SEEDS);
                parse_never_panics(kind, &mutate(text, &m))
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Arbitrary bytes (read as the CLI reads a file: lossy UTF-8).
#[test]
fn arbitrary_bytes_give_errors_that_name_the_file() {
    let kinds = ["model", "inputs", "constraints", "curve", "grid"];
    let mut runner = TestRunner::new(Config {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(
                any::<prop::sample::Index>(),
                prop::collection::vec(any::<u8>(), 0..400),
            ),
            |(k, bytes)| {
                parse_never_panics(
                    kinds[k.index(kinds.len())],
                    &String::from_utf8_lossy(&bytes),
                )
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Every nasty value in every line of every seed (deterministic: no value depends on the
/// draw).
#[test]
fn every_nasty_value_in_every_line() {
    for (kind, text) in SEEDS {
        let lines: Vec<&str> = text.lines().collect();
        // the first 40 lines of each file (the shipped constraint file is long; its entries
        // repeat the same fields)
        for (i, line) in lines.iter().enumerate().take(40) {
            if !(line.contains('=') || line.contains(',')) || line.trim_start().starts_with('#') {
                continue;
            }
            for nasty in NASTY {
                let mutated: String = lines
                    .iter()
                    .enumerate()
                    .map(|(j, l)| {
                        if j != i {
                            (*l).to_string()
                        } else if let Some((key, _)) = l.split_once('=') {
                            format!("{key}= {nasty}")
                        } else {
                            let (a, _) = l.rsplit_once(',').unwrap();
                            format!("{a},{nasty}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                parse_never_panics(kind, &mutated).unwrap_or_else(|e| panic!("line {i}: {e}"));
            }
        }
    }
}
