use super::*;
use crate::math::quad::integrate;
use crate::observables::testing::with_point;
use crate::observables::{Context, InCoupling};

fn window_of(ctx: &Context, id: &str) -> Window {
    window(experiment(id).unwrap(), ctx.sm, RULE).unwrap()
}

fn observable(ctx: &Context, id: &str, events: bool) -> f64 {
    Cevns {
        window: Arc::new(window_of(ctx, id)),
        events,
    }
    .predict(ctx)
    .unwrap()
}

fn source(sm: &StandardModel) -> Source {
    let f = file().unwrap();
    Source::new(&f.solar, &f.oscillation, sm)
}

#[test]
fn shipped_file_is_valid_and_errors_are_named() {
    let f = file().unwrap();
    for id in EXPERIMENTS {
        assert!(f.experiment.iter().any(|e| e.id == *id), "{id}");
    }
    let text = crate::data::file(FILE).unwrap();
    let broken = text.replacen("unit = \"t yr\"", "unit = \"t\"", 1);
    let e = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(
        e.contains("XENONnT") && e.contains("SR0") && e.contains("exposure"),
        "{e}"
    );
    let broken = text.replacen(
        "recoil_energy = [0.5, 5.0, 0.1]",
        "recoil_energy = [0.5, 5.1, 0.1]",
        1,
    );
    let e = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(e.contains("SR0") && e.contains("efficiency"), "{e}");
    let broken = text.replacen("abundance = 0.26401", "abundance = 0.36401", 1);
    let e = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(e.contains("xenon.isotopes"), "{e}");
}

/// |U|² is doubly stochastic; the survival probability has its two textbook limits (vacuum
/// averaging at low energy, the pure ν₂ state at high energy) and, at 10 MeV, the value SNO
/// measured: P_ee(10 MeV) = 0.317 ± 0.016 ± 0.009 (SNO, Phys. Rev. C 88, 025501 (2013), the
/// c₀ of its survival-probability fit; UNVERIFIED, from memory). Ours: 0.325 (+0.5σ).
#[test]
fn flavour_composition_of_8b_neutrinos() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let src = source(ctx.sm);
        let m = src.mixing;
        let u = m.moduli_squared();
        for (i, row) in u.iter().enumerate() {
            let row: f64 = row.iter().sum();
            let col: f64 = u.iter().map(|r| r[i]).sum();
            assert!((row - 1.0).abs() < 1e-14 && (col - 1.0).abs() < 1e-14);
        }
        let (s12, s13) = (m.sin2_12, m.sin2_13);
        let (c12, c13) = (1.0 - s12, 1.0 - s13);
        let vacuum = c13 * c13 * (1.0 - 2.0 * s12 * c12) + s13 * s13;
        let low = flavour_fractions(&m, 1e-7, src.potential)[0];
        assert!((low - vacuum).abs() < 1e-4, "{low} {vacuum}");
        let high = flavour_fractions(&m, 1e3, src.potential)[0];
        assert!(
            (high - (c13 * c13 * s12 + s13 * s13)).abs() < 1e-4,
            "{high}"
        );
        let p = flavour_fractions(&m, 0.010, src.potential);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-14);
        assert!((p[0] - 0.317).abs() < 0.02, "P_ee(10 MeV) = {}", p[0]);
        // nu_mu and nu_tau share 1 - P_ee almost equally: their difference (what the
        // L_mu - L_tau interference sees) is a few per cent, and vanishes for maximal theta23
        // with cos(delta) = 0 (mu-tau symmetry).
        assert!((p[1] - p[2]).abs() < 0.05, "{p:?}");
        let symmetric = Mixing {
            sin2_23: 0.5,
            delta: 0.5 * PI,
            ..m
        };
        let q = flavour_fractions(&symmetric, 0.010, src.potential);
        assert!((q[1] - q[2]).abs() < 1e-15, "{q:?}");
    });
}

/// The flux-averaged kinematic factors (cumulative moments plus the partial segment) against
/// adaptive quadrature over the neutrino energy, and their normalization: Σ_α K_α → 1 as
/// T → 0 (one neutrino, flavour fractions summing to one).
#[test]
fn kinematic_factors_against_quadrature() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let src = source(ctx.sm);
        let m = 122.0;
        let k0 = src.kinematic_factors(1e-15, m);
        assert!((k0.iter().sum::<f64>() - 1.0).abs() < 1e-7, "{k0:?}");
        for t in [3e-7, 1e-6, 2e-6, 3.5e-6] {
            let k = src.kinematic_factors(t, m);
            let e_min = 0.5 * (t + (t * t + 2.0 * m * t).sqrt());
            for (a, ka) in k.iter().enumerate() {
                // Integrate segment by segment (the spectrum has kinks at the knots).
                let mut edges = vec![e_min];
                edges.extend(src.energy.iter().copied().filter(|&e| e > e_min));
                let direct: f64 = edges
                    .windows(2)
                    .map(|w| {
                        integrate(
                            |e| {
                                src.spectrum(e)
                                    * flavour_fractions(&src.mixing, e, src.potential)[a]
                                    * (1.0 - t / e - m * t / (2.0 * e * e))
                            },
                            w[0],
                            w[1],
                            1e-12,
                        )
                        .unwrap()
                    })
                    .sum();
                assert!(
                    (ka / direct - 1.0).abs() < 1e-8,
                    "T {t} flavour {a}: {ka} {direct}"
                );
            }
        }
    });
}

/// The node sums against adaptive quadrature over the recoil energy (a second method) for a
/// light Z' in L_mu - L_tau (the propagator varies most), and a finer rule with panels at
/// every knot of the efficiency tables.
#[test]
fn window_rate_against_adaptive_quadrature() {
    with_point("lmu-ltau", 5e-3, 1e-3, |ctx| {
        let f = file().unwrap();
        let consts = &super::super::file().unwrap().constants;
        let sm = ctx.sm;
        let src = source(sm);
        let xe = natural_xenon(&f.xenon, sm);
        for id in EXPERIMENTS {
            let e = experiment(id).unwrap();
            let w = window_of(ctx, id);
            let poly = w.polynomial(&w.couplings(ctx), ctx.point.mass);
            let with = InCoupling::Polynomial(poly.to_vec())
                .at(ctx.point.coupling())
                .unwrap();
            let resp = response(e, f, &src, &[xe], sm, RULE).unwrap();
            let g_nu: Vec<f64> = (0..3)
                .map(|i| {
                    crate::couplings::chiral(
                        crate::couplings::Fermion::Neutrino(i),
                        ctx.point,
                        sm,
                        0.0,
                    )
                    .0
                    .re
                })
                .collect();
            let fm = 1e-15 / sm.hbar_c;
            let s = consts.helm_surface.value;
            let z = f64::from(f.xenon.z);
            let (a, n, m) = (xe.a, xe.n, xe.mass);
            let c = 1.23 * a.cbrt() - 0.60;
            let r0 = (c * c + (7.0 / 3.0) * PI * PI * 0.52 * 0.52 - 5.0 * s * s).sqrt() * fm;
            let integrand = |t: f64| {
                let q2 = 2.0 * m * t;
                let x = q2.sqrt() * r0;
                let ff = 3.0 * (x.sin() - x * x.cos()) / x.powi(3)
                    * (-0.5 * q2 * (s * fm).powi(2)).exp();
                let at = crate::couplings::CouplingsAt::new(ctx.point, sm, -q2);
                let gu = at.vector_axial(crate::couplings::Fermion::Up(0)).0.re;
                let gd = at.vector_axial(crate::couplings::Fermion::Down(0)).0.re;
                let standard =
                    0.5 * (z * consts.g_v_proton.value + n * consts.g_v_neutron.value) * ff;
                let quark = (z * (2.0 * gu + gd) + n * (gu + 2.0 * gd)) * ff;
                let k = src.kinematic_factors(t, m);
                let rate: f64 = (0..3)
                    .map(|i| {
                        let c = standard
                            + g_nu[i] * quark
                                / (2.0
                                    * std::f64::consts::SQRT_2
                                    * sm.g_fermi
                                    * (ctx.point.mass.powi(2) + q2));
                        k[i] * c * c
                    })
                    .sum();
                resp.at(t * 1e6) * 4.0 * sm.g_fermi.powi(2) * m / PI * rate
            };
            // Every knot of the tables is an edge here (the integrand has kinks there).
            let t_end = super::super::recoil_end_point(src.end_point(), m);
            let mut edges: Vec<f64> = resp.edges();
            for (first, step, values) in &resp.tables {
                edges.extend((0..values.len()).map(|i| first + i as f64 * step));
            }
            edges.sort_by(f64::total_cmp);
            let mut edges: Vec<f64> = edges
                .iter()
                .map(|k| k * 1e-6)
                .filter(|&k| k < t_end)
                .collect();
            edges.push(t_end);
            let direct: f64 = edges
                .windows(2)
                .map(|p| integrate(integrand, p[0], p[1], 1e-10).unwrap())
                .sum();
            assert!(
                (with / direct - 1.0).abs() < 2e-4,
                "{id}: {with} vs {direct}: {}",
                with / direct - 1.0
            );
            let fine = window(
                e,
                sm,
                Rule {
                    width: 0.02,
                    order: 5,
                },
            )
            .unwrap();
            let fine_rate = InCoupling::Polynomial(
                fine.polynomial(&fine.couplings(ctx), ctx.point.mass)
                    .to_vec(),
            )
            .at(ctx.point.coupling())
            .unwrap();
            eprintln!(
                "{id}: {} nodes; against quadrature {:e}, against the fine rule {:e}",
                w.nodes.len(),
                with / direct - 1.0,
                with / fine_rate - 1.0
            );
            assert!(
                (with / fine_rate - 1.0).abs() < 2e-4,
                "{id}: {}",
                with / fine_rate - 1.0
            );
        }
    });
}

/// Natural xenon as one mean nucleus against the sum over its nine isotopes: the
/// Standard-Model rate within 0.5%, R − 1 within 0.5% (light and heavy Z').
#[test]
fn mean_nucleus_against_the_isotopes() {
    for (m, g) in [(1e-3, 1e-3), (0.02, 1.5e-3), (1.0, 5e-2)] {
        with_point("lmu-ltau", m, g, |ctx| {
            let f = file().unwrap();
            let e = experiment("XENONnT").unwrap();
            let mean = window(e, ctx.sm, RULE).unwrap();
            let all = window_of_nuclei(e, ctx.sm, RULE, &isotopes(&f.xenon, ctx.sm)).unwrap();
            let sm_ratio = mean.standard_rate / all.standard_rate;
            let r = |w: Window| {
                Cevns {
                    window: Arc::new(w),
                    events: false,
                }
                .predict(ctx)
                .unwrap()
            };
            let (r_mean, r_all) = (r(mean), r(all));
            eprintln!("m {m}: SM mean/isotopes {sm_ratio}, R {r_mean} vs {r_all}");
            assert!((sm_ratio - 1.0).abs() < 5e-3, "{sm_ratio}");
            assert!(
                ((r_mean - 1.0) / (r_all - 1.0) - 1.0).abs() < 5e-3,
                "{r_mean} {r_all}"
            );
        });
    }
}

/// The Standard-Model counts against the experiments'.
///
/// XENONnT (SR0 + SR1, SNO flux): ours 8.46 events. The paper's abstract gives 37 observed on
/// 26.4 expected background and a measured flux of 4.7e6 against SNO's 5.25e6, so the
/// expectation at SNO's flux is ≈ (37 − 26.4)/(4.7/5.25) = 11.8 events (a counting estimate
/// of what the spectral fit used): ours is 28% lower. The efficiencies are the released
/// templates, so the difference is in the recoil spectrum: the signal comes from the steep
/// end of the ⁸B spectrum (E > 9 MeV for T > 1.3 keV), where a 5% shift in energy changes the
/// rate by ~30%; the ⁸B table (UNVERIFIED which) and the nominal yields are the candidates. The
/// ratio R(CEvNS-8B), which the constraint uses, does not depend on this normalization.
/// The released background templates sum to 26.50 events for SR0 + SR1 (the paper: 26.4
/// +1.4 −1.3) and the released data hold 9 + 28 = 37 events (the paper: 37).
/// PandaX-4T: normalized by construction to the scaled best fit, 2.19 + 46.9 = 49.06.
/// Natural xenon as one mean nucleus changes the Standard-Model count by +0.06% (tests below).
#[test]
fn standard_model_event_counts() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let xe = observable(ctx, "XENONnT", true);
        assert!((xe / 11.8 - 1.0).abs() < 0.35, "XENONnT SM events {xe}");
        assert!((xe - 8.46).abs() < 0.05, "XENONnT SM events {xe}");
        let pandax = observable(ctx, "PandaX-4T", true);
        // (to the quadrature of the combined panels: 1e-7)
        assert!((pandax / 49.0625 - 1.0).abs() < 1e-5, "PandaX-4T {pandax}");
        let e = experiment("XENONnT").unwrap();
        let background: f64 = e.data_set.iter().map(|d| d.background.value).sum();
        let observed: u32 = e.data_set.iter().map(|d| d.observed).sum();
        assert!((background - 26.4).abs() < 0.2, "{background}");
        assert_eq!(observed, 37);
        // The ratio is one in the Standard Model.
        assert!((observable(ctx, "XENONnT", false) - 1.0).abs() < 1e-14);
    });
}

/// No neutrino coupling (the dark photon): R = 1. L_mu - L_tau: the interference term is
/// proportional to P_μ − P_τ, so the rate never dips more than (P_μ − P_τ)²/(P_μ + P_τ) ≈ 1e-3
/// below the Standard Model, and rises as g⁴.
#[test]
fn lmu_ltau_rate_barely_dips_and_rises_as_g4() {
    with_point("dark-photon", 0.01, 1e-3, |ctx| {
        assert!((observable(ctx, "XENONnT", false) - 1.0).abs() < 1e-14);
    });
    for m in [1e-3, 1e-2, 0.1, 1.0] {
        with_point("lmu-ltau", m, 1e-3, |ctx| {
            let w = window_of(ctx, "XENONnT");
            let c = Cevns {
                window: Arc::new(w),
                events: false,
            };
            let InCoupling::Polynomial(poly) = c.at_mass(ctx).unwrap() else {
                unreachable!()
            };
            // The Z' amplitude is g (neutrino) × eps (∝ g): only even powers.
            assert!(
                poly[1].abs() < 1e-12 && poly[3].abs() < 1e-12 * poly[4].abs().max(1.0),
                "{poly:?}"
            );
            let minimum = 1.0 - poly[2] * poly[2] / (4.0 * poly[4]);
            assert!(minimum > 0.998, "m {m}: {minimum} {poly:?}");
        });
    }
}

/// A heavy Z' is a contact operator: R(g, m) = R(2g, 2m) up to 2MT/m² and the running of the
/// loop mixing.
#[test]
fn heavy_zprime_is_a_contact_operator() {
    let r = |m: f64, g: f64| with_point("lmu-ltau", m, g, |ctx| observable(ctx, "XENONnT", false));
    let (a, b) = (r(20.0, 1.0), r(40.0, 2.0));
    assert!(
        a > 1.0 && ((a - 1.0) / (b - 1.0) - 1.0).abs() < 2e-3,
        "{a} {b}"
    );
}

/// Cost per mass of the prepared observable (the polynomial at a new mass, node couplings
/// prepared once per model) and of the preparations; run in release:
/// `cargo test --release -p zprime --lib solar::tests::cost -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run in release"]
fn cost_per_mass() {
    with_point("lmu-ltau", 0.01, 1e-3, |ctx| {
        for id in EXPERIMENTS {
            let start = std::time::Instant::now();
            let base = Cevns {
                window: Arc::new(window_of(ctx, id)),
                events: false,
            };
            let prepared = start.elapsed();
            let start = std::time::Instant::now();
            let model = base.for_model(ctx).unwrap();
            let per_model = start.elapsed();
            let n = 10_000;
            let start = std::time::Instant::now();
            let mut sum = 0.0;
            for i in 0..n {
                let p = ctx.point.with_mass(1e-3 * (1.0 + f64::from(i) * 1e-3));
                let c = Context { point: &p, ..*ctx };
                sum += model.at_mass(&c).unwrap().at(1e-3).unwrap();
            }
            let per_mass = start.elapsed() / n;
            eprintln!(
                "{id}: {} nodes; prepare {prepared:?}, per model {per_model:?}, per mass {per_mass:?} ({sum})",
                base.window.nodes.len()
            );
        }
    });
}
