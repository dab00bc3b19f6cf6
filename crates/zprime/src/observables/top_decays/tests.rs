use super::*;
use crate::inputs::{InputSet, StandardModel};
use crate::model::preset;
use num_complex::Complex64 as C64;
use std::collections::BTreeMap;

type M4 = [[C64; 4]; 4];

fn zero() -> M4 {
    [[C64::new(0.0, 0.0); 4]; 4]
}

fn mul(a: &M4, b: &M4) -> M4 {
    let mut out = zero();
    for i in 0..4 {
        for j in 0..4 {
            out[i][j] = (0..4).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    out
}

fn lin(terms: &[(C64, &M4)]) -> M4 {
    let mut out = zero();
    for (c, m) in terms {
        for i in 0..4 {
            for j in 0..4 {
                out[i][j] += c * m[i][j];
            }
        }
    }
    out
}

/// The Dirac matrices γ⁰ … γ³ and γ₅ (Dirac representation).
fn gammas() -> ([M4; 4], M4) {
    let (o, l, i) = (C64::new(0.0, 0.0), C64::new(1.0, 0.0), C64::new(0.0, 1.0));
    let sigma = [[[o, l], [l, o]], [[o, -i], [i, o]], [[l, o], [o, -l]]];
    let mut g = [zero(); 4];
    for k in 0..2 {
        g[0][k][k] = l;
        g[0][k + 2][k + 2] = -l;
    }
    for (n, s) in sigma.iter().enumerate() {
        for a in 0..2 {
            for b in 0..2 {
                g[n + 1][a][b + 2] = s[a][b];
                g[n + 1][a + 2][b] = -s[a][b];
            }
        }
    }
    let mut g5 = zero();
    for k in 0..2 {
        g5[k][k + 2] = l;
        g5[k + 2][k] = l;
    }
    (g, g5)
}

/// p̸ for a real or complex four-vector (upper indices).
fn slash(g: &[M4; 4], p: [C64; 4]) -> M4 {
    lin(&[
        (p[0], &g[0]),
        (-p[1], &g[1]),
        (-p[2], &g[2]),
        (-p[3], &g[3]),
    ])
}

/// Σ_spins Σ_pol |ū(k) ε̸* (a P_L + b P_R) u(p)|² by traces with explicit matrices and the
/// three explicit polarization vectors of the Z' (moving along z in the top rest frame).
fn explicit_spin_sum(a: C64, b: C64, m_t: f64, m_q: f64, m_v: f64) -> f64 {
    let (g, g5) = gammas();
    let mut one = zero();
    for (k, row) in one.iter_mut().enumerate() {
        row[k] = C64::new(1.0, 0.0);
    }
    let pl = lin(&[(C64::new(0.5, 0.0), &one), (C64::new(-0.5, 0.0), &g5)]);
    let pr = lin(&[(C64::new(0.5, 0.0), &one), (C64::new(0.5, 0.0), &g5)]);
    let q = kallen(m_t * m_t, m_q * m_q, m_v * m_v).sqrt() / (2.0 * m_t);
    let e_v = (q * q + m_v * m_v).sqrt();
    let e_q = (q * q + m_q * m_q).sqrt();
    let c = |x: f64| C64::new(x, 0.0);
    let p = [c(m_t), c(0.0), c(0.0), c(0.0)];
    let k = [c(e_q), c(0.0), c(0.0), c(-q)];
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let pols = [
        [c(0.0), c(s), C64::new(0.0, s), c(0.0)],
        [c(0.0), c(s), C64::new(0.0, -s), c(0.0)],
        [c(q / m_v), c(0.0), c(0.0), c(e_v / m_v)],
    ];
    let kslash = lin(&[(c(1.0), &slash(&g, k)), (c(m_q), &one)]);
    let pslash = lin(&[(c(1.0), &slash(&g, p)), (c(m_t), &one)]);
    let mut total = 0.0;
    for eps in pols {
        let conj = eps.map(|x| x.conj());
        // Γ = ε̸* (a P_L + b P_R); Γ̄ = γ⁰ Γ† γ⁰ = (a* P_R + b* P_L) ε̸
        let gamma = mul(&slash(&g, conj), &lin(&[(a, &pl), (b, &pr)]));
        let bar = mul(&lin(&[(a.conj(), &pr), (b.conj(), &pl)]), &slash(&g, eps));
        let t = mul(&mul(&kslash, &gamma), &mul(&pslash, &bar));
        total += (0..4).map(|i| t[i][i]).sum::<C64>().re;
    }
    total
}

/// The closed form against the explicit Dirac and polarization sum, with both chiralities,
/// a massive final quark and a heavy and a light Z'.
#[test]
fn width_matches_an_explicit_spin_and_polarization_sum() {
    let (m_t, m_q) = (172.57, 1.27);
    for (a, b) in [
        (C64::new(1e-3, 2e-4), C64::new(0.0, 0.0)),
        (C64::new(3e-4, -1e-4), C64::new(-2e-4, 5e-4)),
    ] {
        for m_v in [0.1, 20.0, 120.0] {
            let sum = explicit_spin_sum(a, b, m_t, m_q, m_v);
            let q = kallen(m_t * m_t, m_q * m_q, m_v * m_v).sqrt() / (2.0 * m_t);
            let explicit = q / (8.0 * PI * m_t * m_t) * 0.5 * sum;
            let closed = t_to_q_width(a, b, m_t, m_q, m_v);
            assert!(
                (closed / explicit - 1.0).abs() < 1e-10,
                "{m_v}: {closed:e} vs {explicit:e}"
            );
        }
    }
}

/// The same formula is the Standard-Model t → bW width at m_b = 0 with a = g₂/√2, and for a
/// light Z' the Goldstone-boson width |a|² m_t³/(32π m_Z'²); closed when m_Z' + m_q ≥ m_t.
#[test]
fn limits_of_the_width() {
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let m_t = 172.57;
    let g2 = (4.0 * std::f64::consts::SQRT_2 * sm.g_fermi).sqrt() * sm.m_w;
    let x = (sm.m_w / m_t).powi(2);
    let sm_width = sm.g_fermi * m_t.powi(3) / (8.0 * std::f64::consts::SQRT_2 * PI)
        * (1.0 - x).powi(2)
        * (1.0 + 2.0 * x);
    let w = t_to_q_width(
        C64::new(g2 / 2f64.sqrt(), 0.0),
        C64::new(0.0, 0.0),
        m_t,
        0.0,
        sm.m_w,
    );
    assert!((w / sm_width - 1.0).abs() < 1e-12, "{w} {sm_width}");
    assert!(w > 1.4 && w < 1.6); // ≈ 1.5 GeV at leading order
    let a = C64::new(1e-6, 0.0);
    let light = t_to_q_width(a, C64::new(0.0, 0.0), m_t, 0.0, 1e-3);
    let goldstone = 1e-12 * m_t.powi(3) / (32.0 * PI * 1e-6);
    assert!((light / goldstone - 1.0).abs() < 1e-8);
    assert_eq!(t_to_q_width(a, a, m_t, 1.27, m_t - 1.27), 0.0);
}

/// Paper 004 Eq. (24) against the width: with its couplings (Eq. 8, 13) and
/// Re(Y_Qt Y*_Qc)/(2m_Q²) = 1/(35 TeV)², v_Φ = 1.8 TeV ("we find branching ratios of at most
/// few × 10⁻⁷"), the printed form gives 3.0e-7 with v = 246 GeV, 4 times Γ(t → cZ')/Γ(t → bW)
/// from the Lagrangian (7.4e-8).
#[test]
fn paper_004_eq_24_is_four_times_the_width() {
    let set = InputSet::load("altmannshofer2014").unwrap();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let (m_t, v_phi, g) = (set.value("m_t").unwrap(), 1800.0, 1e-3);
    let m_zp = g * v_phi;
    let yy_over_2mq2 = 1.0 / 35_000f64.powi(2);
    let a = C64::new(g * v_phi * v_phi * yy_over_2mq2, 0.0);
    let g2 = (4.0 * std::f64::consts::SQRT_2 * sm.g_fermi).sqrt() * sm.m_w;
    let w_bw = t_to_q_width(
        C64::new(g2 / 2f64.sqrt(), 0.0),
        C64::new(0.0, 0.0),
        m_t,
        0.0,
        sm.m_w,
    );
    let ours = t_to_q_width(a, C64::new(0.0, 0.0), m_t, 0.0, m_zp) / w_bw;
    let (x, xp) = ((sm.m_w / m_t).powi(2), (m_zp / m_t).powi(2));
    let v = sm.vev();
    let printed = 2.0 * (1.0 - xp).powi(2) * (1.0 + 2.0 * xp)
        / ((1.0 - x).powi(2) * (1.0 + 2.0 * x))
        * yy_over_2mq2.powi(2)
        * v
        * v
        * v_phi
        * v_phi;
    assert!((v - 246.22).abs() < 0.1);
    assert!((printed / ours - 4.0).abs() < 1e-9, "{printed:e} {ours:e}");
    assert!(
        printed > 2.9e-7 && printed < 3.1e-7 && ours > 7.3e-8 && ours < 7.6e-8,
        "{printed:e} {ours:e}"
    );
}

/// The observables: the third-generation preset's tree-level g_ct (paper 003 Eq. 4.19) gives
/// BR(t → cZ'); a model without up-type flavour change gives 0; fcnc's given couplings give
/// the width directly.
#[test]
fn branching_fractions_of_the_presets() {
    let set = InputSet::default_set();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let ctx_value =
        |name: &str, params: &[(&str, f64)], mass: f64, g: f64, f: fn(&Context) -> Result<f64>| {
            let p: BTreeMap<String, f64> =
                params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            let pt = preset(name).unwrap().point(mass, g, &p).unwrap();
            let ctx = Context {
                sm: &sm,
                inputs: &set,
                point: &pt,
                shared: None,
            };
            f(&ctx).unwrap()
        };
    assert_eq!(ctx_value("lmu-ltau", &[], 0.1, 1e-3, br_t_to_c), 0.0);
    let b3 = ctx_value("lmu-ltau+b3", &[("eps", 1.0)], 1.0, 1e-2, br_t_to_c);
    let v = crate::ckm::from_inputs(&set).unwrap();
    let g_ct = (1e-2 / 3.0 * v[1][2] * v[2][2].conj()).norm();
    let m_t = set.value("m_t").unwrap();
    let expected = t_to_q_width(
        C64::new(g_ct, 0.0),
        C64::new(0.0, 0.0),
        m_t,
        sm.m_up[1],
        1.0,
    );
    let expected = expected / (set.value("Gamma_t").unwrap() + expected);
    assert!((b3 / expected - 1.0).abs() < 1e-3, "{b3:e} {expected:e}");
    let given = ctx_value("fcnc", &[("Re_gR_ut", 1e-4)], 2.0, 1.0, br_t_to_u);
    let w = t_to_q_width(
        C64::new(0.0, 0.0),
        C64::new(1e-4, 0.0),
        m_t,
        sm.m_up[0],
        2.0,
    );
    assert!((given / (w / (set.value("Gamma_t").unwrap() + w)) - 1.0).abs() < 1e-12);
    assert_eq!(
        ctx_value("fcnc", &[("Re_gR_ut", 1e-4)], 2.0, 1.0, br_t_to_c),
        0.0
    );
}
