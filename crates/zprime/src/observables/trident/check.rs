//! Second method for the structure functions: the muon-side Dirac traces evaluated
//! numerically (explicit 4×4 matrices, Dirac representation), contracted with the actual
//! neutrino current and integrated over the full solid angle of the μ⁻ in the pair's rest
//! frame, with complex V and A couplings, against the closed forms of `structure`.

use super::structure::{contracted, structure_functions};
use crate::math::gauss::{composite, gauss_legendre};
use num_complex::Complex64 as C;

type M4 = [[C; 4]; 4];

const Z: C = C::new(0.0, 0.0);
const O: C = C::new(1.0, 0.0);
const I: C = C::new(0.0, 1.0);

fn mul(a: &M4, b: &M4) -> M4 {
    let mut c = [[Z; 4]; 4];
    for i in 0..4 {
        for k in 0..4 {
            if a[i][k] == Z {
                continue;
            }
            for j in 0..4 {
                c[i][j] += a[i][k] * b[k][j];
            }
        }
    }
    c
}

fn add(a: &M4, b: &M4) -> M4 {
    let mut c = *a;
    for i in 0..4 {
        for j in 0..4 {
            c[i][j] += b[i][j];
        }
    }
    c
}

fn scale(a: &M4, s: C) -> M4 {
    a.map(|r| r.map(|x| x * s))
}

fn trace(a: &M4) -> C {
    (0..4).map(|i| a[i][i]).sum()
}

fn ident() -> M4 {
    let mut m = [[Z; 4]; 4];
    for (i, r) in m.iter_mut().enumerate() {
        r[i] = O;
    }
    m
}

/// γ^0..γ^3 and γ5 = iγ⁰γ¹γ²γ³ (Dirac representation).
fn gammas() -> ([M4; 4], M4) {
    let mut g = [[[Z; 4]; 4]; 4];
    g[0] = [[O, Z, Z, Z], [Z, O, Z, Z], [Z, Z, -O, Z], [Z, Z, Z, -O]];
    let sig = [[[Z, O], [O, Z]], [[Z, -I], [I, Z]], [[O, Z], [Z, -O]]];
    for k in 0..3 {
        for i in 0..2 {
            for j in 0..2 {
                g[k + 1][i][j + 2] = sig[k][i][j];
                g[k + 1][i + 2][j] = -sig[k][i][j];
            }
        }
    }
    let g5 = scale(&mul(&mul(&g[0], &g[1]), &mul(&g[2], &g[3])), I);
    (g, g5)
}

const METRIC: [f64; 4] = [1.0, -1.0, -1.0, -1.0];

fn slash(g: &[M4; 4], p: [f64; 4]) -> M4 {
    let mut m = [[Z; 4]; 4];
    for mu in 0..4 {
        m = add(&m, &scale(&g[mu], C::new(METRIC[mu] * p[mu], 0.0)));
    }
    m
}

/// γ⁰ M† γ⁰.
fn bar(g0: &M4, m: &M4) -> M4 {
    let mut d = [[Z; 4]; 4];
    for i in 0..4 {
        for j in 0..4 {
            d[i][j] = m[j][i].conj();
        }
    }
    mul(&mul(g0, &d), g0)
}

/// ∫dΦ₂ Σ |c_X J·T_X + ...|² split into the (X, Y) = (V,V), (A,A), (V,A)+(A,V) pieces, for
/// unit couplings, at νγ invariant mass² s, neutrino momentum transfer Q² and pair mass² W².
fn traced(s: f64, qsq: f64, w2: f64, m: f64) -> [f64; 3] {
    let (g, g5) = gammas();
    let one = ident();
    let w = w2.sqrt();
    let omega = (w2 + qsq) / (2.0 * w);
    let q = [omega, 0.0, 0.0, omega];
    let big_q = [w - omega, 0.0, 0.0, -omega];
    // Neutrinos: k1·q = s/2, k1·Q = −Q²/2, k1² = 0, k2 = k1 − Q.
    let e1 = (s - qsq) / (2.0 * w);
    let k1z = e1 - s / (2.0 * omega);
    let kt = (e1 * e1 - k1z * k1z).max(0.0).sqrt();
    let k1 = [e1, kt, 0.0, k1z];
    let k2 = [0, 1, 2, 3].map(|i| k1[i] - big_q[i]);
    // The neutrino current J_α (one helicity): L_{αβ} = Tr[k̸2 γ_α P_L k̸1 P_R γ_β] = J_α J_β*.
    let pl = scale(&add(&one, &scale(&g5, -O)), C::new(0.5, 0.0));
    let pr = scale(&add(&one, &g5), C::new(0.5, 0.0));
    let lower = |a: usize| scale(&g[a], C::new(METRIC[a], 0.0));
    let l = |a: usize, b: usize| {
        trace(&mul(
            &mul(&mul(&slash(&g, k2), &lower(a)), &mul(&pl, &slash(&g, k1))),
            &mul(&pr, &lower(b)),
        ))
    };
    let b0 = (0..4)
        .max_by(|&x, &y| l(x, x).re.total_cmp(&l(y, y).re))
        .expect("four indices");
    let norm = l(b0, b0).re.sqrt();
    let j: Vec<C> = (0..4).map(|a| l(a, b0) / norm).collect();
    // J̸ with J_α lowered: Σ_α J_α γ^α.
    let mut jslash = [[Z; 4]; 4];
    for a in 0..4 {
        jslash = add(&jslash, &scale(&g[a], j[a]));
    }
    let currents = [jslash, mul(&jslash, &g5)];
    let beta = (1.0 - 4.0 * m * m / w2).sqrt();
    let p = 0.5 * w * beta;
    // Angles: c = tanh η resolves the collinear peaks; φ by the trapezoid rule (the
    // integrand is a trigonometric polynomial of low degree in φ).
    let eta_max = 0.5 * (2.0 / (1.0 - beta)).ln() + 12.0;
    let (etas, wts) = composite(-eta_max, eta_max, (2.0 * eta_max).ceil() as usize, 8);
    let nphi = 12;
    let mut out = [0.0; 3];
    for (eta, we) in etas.iter().zip(&wts) {
        let c = eta.tanh();
        let st = (1.0 - c * c).sqrt();
        let jac = we * (1.0 - c * c);
        for k in 0..nphi {
            let phi = 2.0 * std::f64::consts::PI * f64::from(k) / f64::from(nphi);
            let p1 = [0.5 * w, p * st * phi.cos(), p * st * phi.sin(), p * c];
            let p2 = [0.5 * w, -p1[1], -p1[2], -p1[3]];
            let d1 = -2.0 * (p1[0] * q[0] - p1[3] * q[3]);
            let d2 = -2.0 * (p2[0] * q[0] - p2[3] * q[3]);
            let s1 = scale(
                &add(
                    &slash(&g, [0, 1, 2, 3].map(|i| p1[i] - q[i])),
                    &scale(&one, C::new(m, 0.0)),
                ),
                C::new(1.0 / d1, 0.0),
            );
            let s2 = scale(
                &add(
                    &slash(&g, [0, 1, 2, 3].map(|i| q[i] - p2[i])),
                    &scale(&one, C::new(m, 0.0)),
                ),
                C::new(1.0 / d2, 0.0),
            );
            let sp1 = add(&slash(&g, p1), &scale(&one, C::new(m, 0.0)));
            let sp2 = add(&slash(&g, p2), &scale(&one, C::new(-m, 0.0)));
            for mu in 0..4 {
                let ops: Vec<M4> = currents
                    .iter()
                    .map(|cur| add(&mul(&mul(&g[mu], &s1), cur), &mul(&mul(cur, &s2), &g[mu])))
                    .collect();
                let left: Vec<M4> = ops.iter().map(|o| mul(&mul(&sp1, o), &sp2)).collect();
                let bars: Vec<M4> = ops.iter().map(|o| bar(&g[0], o)).collect();
                let f = -METRIC[mu] * jac / f64::from(nphi);
                out[0] += f * trace(&mul(&left[0], &bars[0])).re;
                out[1] += f * trace(&mul(&left[1], &bars[1])).re;
                out[2] +=
                    f * (trace(&mul(&left[0], &bars[1])) + trace(&mul(&left[1], &bars[0]))).re;
            }
        }
    }
    // ∫dΦ₂ = β/(8π) ∫dΩ/4π and ∫dΩ/4π = (1/2)∫dc (1/2π)∫dφ.
    out.map(|x| x * beta / (8.0 * std::f64::consts::PI) * 0.5)
}

#[test]
fn closed_forms_match_numerical_traces() {
    let _ = gauss_legendre(2);
    let m = 0.1056583755;
    for (s, qsq, w2) in [
        (5.0, 0.3, 0.5),
        (5.0, 0.01, 0.2),
        (40.0, 2.0, 8.0),
        (1.0, 0.6, 0.06),
        (3.0, 1e-4, 0.1),
    ] {
        let [vv, aa, va] = traced(s, qsq, w2, m);
        let [sv, sa] = structure_functions(qsq, w2, m * m);
        let (cv, ca) = (contracted(sv, s, qsq, w2), contracted(sa, s, qsq, w2));
        assert!(
            (vv / cv - 1.0).abs() < 1e-8,
            "VV at {s},{qsq},{w2}: {vv} vs {cv}"
        );
        assert!(
            (aa / ca - 1.0).abs() < 1e-8,
            "AA at {s},{qsq},{w2}: {aa} vs {ca}"
        );
        assert!(
            va.abs() < 1e-10 * (vv + aa),
            "VA interference {va} at {s},{qsq},{w2}"
        );
    }
}
