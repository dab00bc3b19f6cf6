//! Regenerate a shipped N_eff table (`data/cosmology/neff_MODEL.toml`) with zprime's own
//! calculation (observables::cosmology), the default input set and the model's widths:
//!
//!     cargo run --release -p zprime --example neff_table -- MODEL > data/cosmology/neff_MODEL.toml
//!     cargo run --release -p zprime --example neff_table -- --explore MODEL MASS [G_MIN G_MAX N]   (N_eff vs g)
//!     cargo run --release -p zprime --example neff_table -- --equilibrium HOST > data/cosmology/equilibrium_HOST.toml
//!
//! The last (HOST nu_mu_tau or plasma) is the model-independent table of a Z' in equilibrium
//! with ν_μ,τ or the plasma, N_eff(m_Z', Γ of the other channel)
//! (observables/cosmology/equilibrium.rs).
//!
//! The grid, the interpolation error at every cell centre (recorded in the file) and the
//! largest deviation from the Standard Model on the heaviest mass are computed here; the
//! rows run on all cores.
use rayon::prelude::*;
use std::collections::BTreeMap;
use zprime::observables::cosmology::equilibrium::{hubble_at_mass, EquilibriumTable, PREFIX};
use zprime::observables::cosmology::table::{log_grid, row, Grid, NeffTable, Segment};
use zprime::observables::cosmology::{
    n_eff_in_equilibrium, n_eff_standard_model, Cosmology, Host, ZpChannels,
};
use zprime::observables::Context;
use zprime::{InputSet, Model, StandardModel};

/// Mass segments (GeV) between the thresholds 2m_e and 2m_μ: (lowest m − threshold, highest
/// m, nodes), uniform in ln(m − threshold). 0.1 MeV to 1 GeV, about 20 nodes per decade
/// below 2m_μ and 10 above (where N_eff is the Standard-Model value within 1e-4).
const SEGMENTS: [(f64, f64, usize); 3] = [(1e-4, 0.0, 21), (1e-6, 0.0, 107), (1e-5, 1.0, 50)];
/// Couplings: 1e-13 to 4π, 12 per decade (the coupling axis of the limit scans, 1e-12 to
/// 4π, inside; 6 per decade left errors up to 0.7 where a light Z' starts to thermalize).
const COUPLING_RANGE: (f64, f64, usize) = (1e-13, 4.0 * std::f64::consts::PI, 170);
/// N_eff is stored with this many decimals (far below the interpolation error).
const DIGITS: usize = 6;

fn per_g2(model: &Model, sm: &StandardModel, inputs: &InputSet, mass: f64) -> ZpChannels {
    let p = model
        .point(mass, 1.0, &BTreeMap::new())
        .expect("a valid point at coupling 1");
    let ctx = Context {
        sm,
        inputs,
        point: &p,
        shared: None,
    };
    ZpChannels::of_point(&ctx).expect("widths")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).expect("valid inputs");
    let cosmo = Cosmology::from_inputs(&sm, &inputs).expect("G_N");
    if args.first().map(String::as_str) == Some("--explore") {
        let model = Model::resolve(&args[1]).expect("a model");
        let mass: f64 = args[2].parse().expect("a mass in GeV");
        let w = per_g2(&model, &sm, &inputs, mass);
        let range: Vec<f64> = args[3..]
            .iter()
            .map(|a| a.parse().expect("g_min g_max n"))
            .collect();
        let couplings = match range[..] {
            [lo, hi, n] => log_grid(lo, hi, n as usize),
            _ => log_grid(1e-13, 4.0 * std::f64::consts::PI, 29),
        };
        let t = std::time::Instant::now();
        let values = row(&cosmo, &w, &couplings).expect("N_eff");
        let sm_value = n_eff_standard_model(&cosmo).expect("SM");
        println!(
            "# {w:?}\n# SM {sm_value}, {:.1} ms per evaluation",
            t.elapsed().as_secs_f64() * 1e3 / couplings.len() as f64
        );
        for (g, v) in couplings.iter().zip(values) {
            println!("{g:10.3e} {v:.5} {:+.5}", v - sm_value);
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--equilibrium") {
        let host = match args.get(1).map(String::as_str) {
            Some("nu_mu_tau") => Host::NuMuTau,
            Some("plasma") => Host::Plasma,
            _ => panic!("usage: neff_table --equilibrium nu_mu_tau|plasma"),
        };
        equilibrium_table(&inputs, &cosmo, host);
        return;
    }
    let name = args.first().expect("usage: neff_table MODEL");
    let model = Model::resolve(name).expect("a preset model");
    let thresholds = [0.0, 2.0 * sm.m_lepton[0], 2.0 * sm.m_lepton[1]];
    let couplings = log_grid(COUPLING_RANGE.0, COUPLING_RANGE.1, COUPLING_RANGE.2);
    let segment = |k: usize| {
        let (lowest, _, n) = SEGMENTS[k];
        let top = if k + 1 < thresholds.len() {
            thresholds[k + 1]
        } else {
            SEGMENTS[k].1
        };
        let masses: Vec<f64> = log_grid(lowest, top - thresholds[k], n)
            .into_iter()
            .map(|x| x + thresholds[k])
            .collect();
        let widths: Vec<ZpChannels> = masses
            .iter()
            .map(|&m| per_g2(&model, &sm, &inputs, m))
            .collect();
        let rows: Vec<Vec<f64>> = widths
            .par_iter()
            .map(|w| {
                row(&cosmo, w, &couplings)
                    .expect("N_eff on the grid")
                    .into_iter()
                    .map(|v| format!("{v:.DIGITS$}").parse().expect("a number"))
                    .collect()
            })
            .collect();
        Segment {
            threshold: thresholds[k],
            width_nu_e_per_g2: widths.iter().map(|w| w.width_nu_e).collect(),
            width_nu_mu_tau_per_g2: widths.iter().map(|w| w.width_nu_mu_tau).collect(),
            width_plasma_per_g2: widths.iter().map(|w| w.width_plasma).collect(),
            masses,
            n_eff: rows,
        }
    };
    let sm_value = n_eff_standard_model(&cosmo).expect("SM");
    let mut table = NeffTable {
        source: "computed by zprime (observables/cosmology: temperature evolution with energy-transfer rates, M. Escudero, JCAP 02 (2019) 007, arXiv:1812.05605; Z' decays and inverse decays as in M. Escudero, D. Hooper, G. Krnjaic, M. Pierre, JHEP 03 (2019) 071, arXiv:1901.02010)".into(),
        zprime_version: env!("CARGO_PKG_VERSION").into(),
        model: name.clone(),
        input_set: inputs.name.clone(),
        generated_by: format!("cargo run --release -p zprime --example neff_table -- {name}"),
        n_eff_standard_model: sm_value,
        max_interpolation_error: 0.0,
        cosmology: cosmo,
        grid: Grid {
            couplings: couplings.clone(),
            segment: (0..SEGMENTS.len()).map(segment).collect(),
        },
    };
    let masses: Vec<Vec<f64>> = table
        .grid
        .segment
        .iter()
        .map(|s| s.masses.clone())
        .collect();
    // Interpolation error at every cell centre, against the direct calculation.
    let centres_g: Vec<f64> = couplings.windows(2).map(|w| (w[0] * w[1]).sqrt()).collect();
    let centres_m: Vec<f64> = masses
        .iter()
        .zip(&thresholds)
        .flat_map(|(ms, t)| {
            ms.windows(2)
                .map(|w| ((w[0] - t) * (w[1] - t)).sqrt() + t)
                .collect::<Vec<_>>()
        })
        .collect();
    let errors: Vec<(f64, f64, f64)> = centres_m
        .par_iter()
        .map(|&m| {
            let direct = row(&cosmo, &per_g2(&model, &sm, &inputs, m), &centres_g).expect("N_eff");
            let column = table
                .column(&cosmo, m, |mm| Ok(per_g2(&model, &sm, &inputs, mm)))
                .expect("the table applies to its own model");
            centres_g
                .iter()
                .zip(direct)
                .map(|(&g, d)| (m, g, (column.at(g).expect("inside") - d).abs()))
                .fold((m, 0.0, 0.0), |a, b| if b.2 > a.2 { b } else { a })
        })
        .collect();
    let worst = errors
        .iter()
        .fold((0.0, 0.0, 0.0), |a, b| if b.2 > a.2 { *b } else { a });
    for e in &errors {
        if e.2 > 0.01 {
            eprintln!(
                "cell m = {:.4e} GeV: error {:.3e} at g = {:.3e}",
                e.0, e.2, e.1
            );
        }
    }
    eprintln!(
        "largest deviation from the SM at {} GeV: {:.2e}",
        table.heaviest_mass(),
        table.deviation_at_heaviest_mass()
    );
    eprintln!(
        "largest interpolation error {:.2e} at m = {:.3e} GeV, g = {:.3e}",
        worst.2, worst.0, worst.1
    );
    table.max_interpolation_error = worst.2;
    println!(
        "# N_eff(m_Z', g) for the preset model '{name}' with the input set '{}': zprime's own\n\
         # calculation (observables/cosmology), tabulated so that limit scans need no integration.\n\
         # Used only where it applies (same cosmology inputs, same widths per g^2 at the grid\n\
         # masses; see observables/cosmology/table.rs). Regenerate with\n\
         #   {}",
        inputs.name, table.generated_by
    );
    print!("{}", toml::to_string(&table).expect("serializable"));
}

/// The equilibrium table's masses: 0.1 MeV to 1 GeV uniform in ln m, 25 per decade.
const EQUILIBRIUM_MASSES: (f64, f64, usize) = (1e-4, 1.0, 101);
/// Its x = Γ_plasma/H_rad(m), uniform in ln x, 12 per decade (6 per decade left errors of
/// 0.005 at m < 0.4 MeV, x ≈ 0.2, where N_eff rises from 5.6 to 9.1 within two decades). At
/// x₀ = 1e-6 the exchange changes N_eff by < 1e-4 (linear below); at 1e24 a Z' of 10 MeV
/// has not saturated (N_eff 5.9), but L_μ − L_τ at g = 4π reaches only x ≈ 2e16 there.
const EQUILIBRIUM_X: (f64, f64, usize) = (1e-6, 1e24, 361);

fn equilibrium_table(inputs: &InputSet, cosmo: &Cosmology, host: Host) {
    let host_name = match host {
        Host::NuMuTau => "nu_mu_tau",
        Host::Plasma => "plasma",
    };
    let start = std::time::Instant::now();
    let masses = log_grid(
        EQUILIBRIUM_MASSES.0,
        EQUILIBRIUM_MASSES.1,
        EQUILIBRIUM_MASSES.2,
    );
    let xs = log_grid(EQUILIBRIUM_X.0, EQUILIBRIUM_X.1, EQUILIBRIUM_X.2);
    let rounded = |v: f64| -> f64 { format!("{v:.DIGITS$}").parse().expect("a number") };
    let value = |m: f64, x: f64| {
        n_eff_in_equilibrium(cosmo, m, host, x * hubble_at_mass(cosmo, m))
            .expect("N_eff in equilibrium")
    };
    let rows: Vec<(f64, Vec<f64>)> = masses
        .par_iter()
        .map(|&m| {
            (
                rounded(value(m, 0.0)),
                xs.iter().map(|&x| rounded(value(m, x))).collect(),
            )
        })
        .collect();
    let grid_time = start.elapsed().as_secs_f64();
    let mut table = EquilibriumTable {
        source: "computed by zprime (observables/cosmology: temperature evolution with energy-transfer rates, M. Escudero, JCAP 02 (2019) 007, arXiv:1812.05605; a Z' in equilibrium with one sector exchanging heat with another through its decays and inverse decays as in M. Escudero, D. Hooper, G. Krnjaic, M. Pierre, JHEP 03 (2019) 071, arXiv:1901.02010)".into(),
        zprime_version: env!("CARGO_PKG_VERSION").into(),
        input_set: inputs.name.clone(),
        generated_by: format!(
            "cargo run --release -p zprime --example neff_table -- --equilibrium {host_name}"
        ),
        n_eff_standard_model: n_eff_standard_model(cosmo).expect("SM"),
        max_interpolation_error: 0.0,
        host,
        cosmology: *cosmo,
        masses: masses.clone(),
        width_over_hubble: xs.clone(),
        n_eff_without_exchange: rows.iter().map(|r| r.0).collect(),
        n_eff: rows.into_iter().map(|r| r.1).collect(),
    };
    // Interpolation error at every cell centre, and at x0/3 (the linear rule below the grid).
    let centres = |v: &[f64]| -> Vec<f64> { v.windows(2).map(|w| (w[0] * w[1]).sqrt()).collect() };
    let mut centres_x = centres(&xs);
    centres_x.push(xs[0] / 3.0);
    let errors: Vec<(f64, f64, f64)> = centres(&masses)
        .par_iter()
        .map(|&m| {
            centres_x
                .iter()
                .map(|&x| {
                    let e = (table.interpolate(m, x).expect("inside") - value(m, x)).abs();
                    (m, x, e)
                })
                .fold((m, 0.0, 0.0), |a, b| if b.2 > a.2 { b } else { a })
        })
        .collect();
    let worst = errors
        .iter()
        .fold((0.0, 0.0, 0.0), |a, b| if b.2 > a.2 { *b } else { a });
    for e in &errors {
        if e.2 > 0.002 {
            eprintln!(
                "cell m = {:.4e} GeV: error {:.3e} at x = {:.3e}",
                e.0, e.2, e.1
            );
        }
    }
    eprintln!(
        "largest interpolation error {:.2e} at m = {:.3e} GeV, x = {:.3e}; grid {:.1} s, total {:.1} s (wall)",
        worst.2,
        worst.0,
        worst.1,
        grid_time,
        start.elapsed().as_secs_f64()
    );
    table.max_interpolation_error = worst.2;
    let exchange = match host {
        Host::NuMuTau => "with the plasma through Gamma_plasma (Gamma_plasma <= Gamma_nu_mu_tau)",
        Host::Plasma => "with nu_mu,tau through Gamma_nu_mu_tau (Gamma_plasma > Gamma_nu_mu_tau)",
    };
    println!(
        "# N_eff(m_Z', Gamma) for a Z' in equilibrium with {host_name} (no nu_e width), exchanging heat\n\
         # {exchange}, input set '{}': zprime's own calculation\n\
         # (observables/cosmology), tabulated so that scans of models with any such widths need no\n\
         # integration where the Z' is in equilibrium. x = Gamma / H_rad(T = m_Z').\n\
         # See observables/cosmology/equilibrium.rs ({PREFIX}*.toml). Regenerate with\n\
         #   {}",
        inputs.name, table.generated_by
    );
    print!("{}", toml::to_string(&table).expect("serializable"));
}
