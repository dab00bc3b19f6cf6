use super::*;
use crate::math::quad::integrate;
use crate::observables::testing::with_point;

fn window(ctx: &Context, id: &str) -> Window {
    Window::new(experiment(id).unwrap(), ctx.sm, ctx.inputs).unwrap()
}

fn ratio(ctx: &Context, id: &str) -> f64 {
    let c = Cevns {
        window: Arc::new(window(ctx, id)),
        events: false,
    };
    c.predict(ctx).unwrap()
}

#[test]
fn shipped_file_is_valid_and_errors_are_named() {
    let f = file().unwrap();
    for id in EXPERIMENTS {
        assert!(f.experiment.iter().any(|e| e.id == *id), "{id}");
    }
    let text = crate::data::file(FILE).unwrap();
    let broken = text.replacen("nucleus = \"Ar40\"", "nucleus = \"Ar41\"", 1);
    let e = parse(&broken, "c.toml").unwrap_err().to_string();
    assert!(e.contains("COHERENT-Ar") && e.contains("Ar41"), "{e}");
    let broken = text.replacen("value = 19.3", "value = -19.3", 1);
    let e = parse(&broken, "c.toml").unwrap_err().to_string();
    assert!(e.contains("COHERENT-CsI") && e.contains("baseline"), "{e}");
}

/// The closed-form flux-averaged kinematic factors against quadrature over the neutrino
/// energy (a second method), and their normalization: K → 1 as T → 0.
#[test]
fn kinematic_factors_against_quadrature() {
    let (m_mu, m_pi, m): (f64, f64, f64) = (0.1056583755, 0.13957039, 123.77);
    for f in [Flavour::DelayedNuE, Flavour::DelayedNuMuBar] {
        let (n, beta) = if f == Flavour::DelayedNuE {
            (192.0, 0.5)
        } else {
            (64.0, 0.75)
        };
        let spectrum = |e: f64| n / m_mu.powi(3) * e * e * (beta - e / m_mu);
        assert!((kinematic_factor(f, 1e-15, m, m_mu, m_pi) - 1.0).abs() < 1e-9);
        for t in [2e-6, 1e-5, 3e-5] {
            let e_min = minimum_energy(t, m);
            let direct = integrate(
                |e| spectrum(e) * (1.0 - t / e - m * t / (2.0 * e * e)),
                e_min,
                0.5 * m_mu,
                1e-12,
            )
            .unwrap();
            let closed = kinematic_factor(f, t, m, m_mu, m_pi);
            assert!(
                (closed / direct - 1.0).abs() < 1e-9,
                "{f:?} {t}: {closed} {direct}"
            );
        }
    }
    // The prompt line ends at 2E²/(M + 2E).
    let e = prompt_energy(m_pi, m_mu);
    assert!((e - 0.0297921).abs() < 1e-7);
    let end = recoil_end_point(e, m);
    assert!(kinematic_factor(Flavour::PromptNuMu, 0.999 * end, m, m_mu, m_pi) > 0.0);
    assert_eq!(
        kinematic_factor(Flavour::PromptNuMu, 1.001 * end, m, m_mu, m_pi),
        0.0
    );
}

/// Standard Model: at q → 0 the coherent charge is −Q_W/4 with Q_W = N − (1 − 4s²)Z at tree
/// level, so dσ/dT = (4G_F²M/π) C² (1 − T/E − MT/(2E²)) → G_F² Q_W² M/(4π) (1 − MT/(2E²)).
/// The total cross section for E ≪ 1/R (no form factor) is G_F² Q_W² E²/(4π) (T/E and
/// M T_max/E² terms of order E/M); and the flux-averaged cross section on CsI against
/// COHERENT's Standard-Model value (189 ± 6) × 1e-40 cm².
#[test]
fn standard_model_cross_section() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let sm = ctx.sm;
        let gf2 = sm.g_fermi.powi(2);
        let s2 = sm.sin2_theta_w;
        let (z, n, m) = (55.0, 78.0, 123.7725);
        let qw = n - (1.0 - 4.0 * s2) * z;
        let c_tree = 0.5 * (z * (0.5 - 2.0 * s2) + n * (-0.5));
        assert!((c_tree + qw / 4.0).abs() < 1e-12);
        let dsigma = |t: f64, e: f64| {
            4.0 * gf2 * m / PI * c_tree * c_tree * (1.0 - t / e - m * t / (2.0 * e * e))
        };
        let (t, e) = (1e-9, 0.03);
        let textbook = gf2 * qw * qw * m / (4.0 * PI) * (1.0 - m * t / (2.0 * e * e));
        assert!((dsigma(t, e) / textbook - 1.0).abs() < 1e-6);
        // Total cross section, no form factor, E = 1 MeV.
        let e = 1e-3;
        let total = integrate(|t| dsigma(t, e), 0.0, recoil_end_point(e, m), 1e-12).unwrap();
        let closed = gf2 * qw * qw * e * e / (4.0 * PI);
        assert!(
            (total / closed - 1.0).abs() < 3.0 * e / m,
            "{total} {closed}"
        );

        // Flux-averaged σ on CsI (per nucleus, averaged over the three flavours), with the
        // data file's couplings and Helm form factors.
        let consts = &file().unwrap().constants;
        let m_mu = sm.m_lepton[1];
        let m_pi = ctx.inputs.value("m_pip").unwrap();
        let fm = 1e-15 / sm.hbar_c;
        let s = consts.helm_surface.value * fm;
        let mut sigma = 0.0;
        for id in ["Cs133", "I127"] {
            let nuc = nucleus(id).unwrap();
            let (z, n, m) = (f64::from(nuc.z), f64::from(nuc.n), nuc.mass.value);
            let f = |t: f64| {
                let q = (2.0 * m * t).sqrt();
                let c = 0.5
                    * (z * consts.g_v_proton.value * helm(q, nuc.radius_proton.value * fm, s)
                        + n * consts.g_v_neutron.value * helm(q, nuc.radius_neutron.value * fm, s));
                let k: f64 = [
                    Flavour::PromptNuMu,
                    Flavour::DelayedNuE,
                    Flavour::DelayedNuMuBar,
                ]
                .iter()
                .map(|&fl| kinematic_factor(fl, t, m, m_mu, m_pi))
                .sum();
                4.0 * gf2 * m / PI * c * c * k / 3.0
            };
            let end = recoil_end_point(0.5 * m_mu, m);
            let prompt = recoil_end_point(prompt_energy(m_pi, m_mu), m);
            sigma += 0.5
                * (integrate(f, 0.0, prompt, 1e-10).unwrap()
                    + integrate(f, prompt, end, 1e-10).unwrap());
        }
        let sigma_cm2 = sigma * (sm.hbar_c * 100.0).powi(2) / 1e-40;
        // COHERENT (arXiv:2110.07730, UNVERIFIED): 189 ± 6; ours is 165 (−13%): Helm form
        // factors with R_n = 5.01 fm suppress the rate by 0.69 on average (F² ≈ 0.78 would
        // give 189). The ratio R(CEvNS) does not depend on this normalization.
        assert!((160.0..170.0).contains(&sigma_cm2), "{sigma_cm2}");
    });
}

/// The node sums against adaptive quadrature of the same integrand over the recoil energy
/// (a second method), for a light Z' (the propagator varies most) in L_mu - L_tau, and the
/// per-mass polynomial against the direct evaluation.
#[test]
fn window_rate_against_adaptive_quadrature() {
    with_point("lmu-ltau", 5e-3, 8e-4, |ctx| {
        for id in EXPERIMENTS {
            let e = experiment(id).unwrap();
            let nd = window(ctx, id);
            let couplings = nd.couplings(ctx);
            let poly = nd.polynomial(&couplings, ctx.point.mass);
            let with = InCoupling::Polynomial(poly.to_vec())
                .at(ctx.point.coupling())
                .unwrap();
            let sm = ctx.sm;
            let consts = &file().unwrap().constants;
            let (m_mu, m_pi) = (sm.m_lepton[1], ctx.inputs.value("m_pip").unwrap());
            let fm = 1e-15 / sm.hbar_c;
            let s = consts.helm_surface.value * fm;
            let g_nu = crate::couplings::chiral(Fermion::Neutrino(1), ctx.point, sm, 0.0)
                .0
                .re;
            let mut direct = 0.0;
            for target in &e.targets {
                let nuc = nucleus(&target.nucleus).unwrap();
                let (z, n, m) = (f64::from(nuc.z), f64::from(nuc.n), nuc.mass.value);
                let f = |t: f64| {
                    let q = (2.0 * m * t).sqrt();
                    let (fp, fn_) = (
                        helm(q, nuc.radius_proton.value * fm, s),
                        helm(q, nuc.radius_neutron.value * fm, s),
                    );
                    let at = CouplingsAt::new(ctx.point, sm, -q * q);
                    let u = at.vector_axial(Fermion::Up(0)).0.re;
                    let d = at.vector_axial(Fermion::Down(0)).0.re;
                    let standard = 0.5
                        * (z * consts.g_v_proton.value * fp + n * consts.g_v_neutron.value * fn_);
                    let zp = g_nu * (z * (2.0 * u + d) * fp + n * (u + 2.0 * d) * fn_)
                        / (2.0
                            * std::f64::consts::SQRT_2
                            * sm.g_fermi
                            * (ctx.point.mass.powi(2) + q * q));
                    let k_e = kinematic_factor(Flavour::DelayedNuE, t, m, m_mu, m_pi);
                    let k_mu = kinematic_factor(Flavour::PromptNuMu, t, m, m_mu, m_pi)
                        + kinematic_factor(Flavour::DelayedNuMuBar, t, m, m_mu, m_pi);
                    let eff = e.efficiency.at(e.visible(t * 1e6));
                    eff * 4.0 * sm.g_fermi.powi(2) * m / PI
                        * target.per_unit
                        * (k_e * standard * standard + k_mu * (standard + zp).powi(2))
                };
                let end = recoil_end_point(0.5 * m_mu, m).min(e.t_max.value * 1e-6);
                let prompt = recoil_end_point(prompt_energy(m_pi, m_mu), m);
                let lo = e.t_min.value * 1e-6;
                direct += integrate(f, lo, prompt, 1e-9).unwrap()
                    + integrate(f, prompt, end, 1e-9).unwrap();
            }
            // The efficiency's threshold kink is a node edge; the rest is smooth.
            assert!(
                (with / direct - 1.0).abs() < 1e-6,
                "{id}: {with} vs {direct}: {}",
                with / direct - 1.0
            );
            // A finer rule agrees.
            let fine = Window::with_rule(e, sm, ctx.inputs, 16, 8).unwrap();
            let fine_rate = InCoupling::Polynomial(
                fine.polynomial(&fine.couplings(ctx), ctx.point.mass)
                    .to_vec(),
            )
            .at(ctx.point.coupling())
            .unwrap();
            assert!(
                (with / fine_rate - 1.0).abs() < 1e-8,
                "{id}: {}",
                with / fine_rate - 1.0
            );
            // Destructive interference in L_mu - L_tau at this coupling.
            assert!(with < nd.standard_rate, "{id}");
        }
    });
}

/// The Standard Model gives R = 1; a model without a neutrino coupling (the dark photon)
/// too; b-l-23 (no first-generation charge, loop mixing renormalized to ε(0) = 0) barely
/// changes the rate.
#[test]
fn no_effect_without_a_neutrino_or_quark_coupling() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        assert!((ratio(ctx, "COHERENT-CsI") - 1.0).abs() < 1e-14);
    });
    with_point("dark-photon", 0.01, 1e-3, |ctx| {
        assert!((ratio(ctx, "COHERENT-Ar") - 1.0).abs() < 1e-14);
    });
    with_point("b-l-23", 0.01, 1e-3, |ctx| {
        let r = ratio(ctx, "COHERENT-CsI");
        assert!((r - 1.0).abs() < 1e-3, "{r}");
    });
}

/// A heavy Z' is a contact operator: the rate depends on g²/m² only (R(g, m) = R(2g, 2m) up
/// to 2MT/m² and the running of the loop mixing), and R − 1 matches the contact formula
/// C → C + g_ν g_q/(2√2 G_F m²) with the couplings at q² = 0.
#[test]
fn heavy_zprime_is_a_contact_operator() {
    let r = |m: f64, g: f64| with_point("lmu-ltau", m, g, |ctx| ratio(ctx, "COHERENT-CsI"));
    let (a, b) = (r(20.0, 0.5), r(40.0, 1.0));
    assert!(
        a < 1.0 && ((a - 1.0) / (b - 1.0) - 1.0).abs() < 1e-3,
        "{a} {b}"
    );
    with_point("lmu-ltau", 20.0, 0.5, |ctx| {
        let nd = window(ctx, "COHERENT-CsI");
        let at = CouplingsAt::new(ctx.point, ctx.sm, 0.0);
        let u = at.vector_axial(Fermion::Up(0)).0.re;
        let d = at.vector_axial(Fermion::Down(0)).0.re;
        let g_nu = crate::couplings::chiral(Fermion::Neutrino(1), ctx.point, ctx.sm, 0.0)
            .0
            .re;
        let contact = g_nu / (nd.norm * ctx.point.mass.powi(2));
        let with: f64 = nd
            .nodes
            .iter()
            .map(|n| {
                let zp = contact * ((2.0 * u + d) * n.z_fp + (u + 2.0 * d) * n.n_fn);
                n.weights[0] * n.standard.powi(2) + n.weights[1] * (n.standard + zp).powi(2)
            })
            .sum();
        let expected = with / nd.standard_rate;
        let got = ratio(ctx, "COHERENT-CsI");
        assert!(
            ((got - 1.0) / (expected - 1.0) - 1.0).abs() < 1e-2,
            "{got} {expected}"
        );
    });
}

/// The Standard-Model event counts from the data file's exposure, against the collaboration's
/// predictions: CENNS-10 Analysis A 128 ± 17 (arXiv:2006.12659; ours 119, −7%). CsI: the full data set's
/// prediction is not in our files; the count is checked to be in the range of the
/// published fits (306 ± 20 fitted events, UNVERIFIED), loosely (ours 329).
#[test]
fn standard_model_event_counts() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let events = |id: &str| {
            Cevns {
                window: Arc::new(window(ctx, id)),
                events: true,
            }
            .predict(ctx)
            .unwrap()
        };
        let ar = events("COHERENT-Ar");
        let csi = events("COHERENT-CsI");
        eprintln!("SM events: Ar {ar}, CsI {csi}");
        assert!((ar / 128.0 - 1.0).abs() < 0.25, "Ar: {ar}");
        assert!((250.0..450.0).contains(&csi), "CsI: {csi}");
    });
}

/// Cost per mass of the prepared observable (the polynomial at a new mass, couplings at the
/// nodes prepared once per model) and of the per-model preparation; run in release:
/// `cargo test --release -p zprime --lib cevns::tests::cost -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run in release"]
fn cost_per_mass() {
    with_point("lmu-ltau", 0.01, 1e-3, |ctx| {
        for id in EXPERIMENTS {
            let start = std::time::Instant::now();
            let base = Cevns {
                window: Arc::new(window(ctx, id)),
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
