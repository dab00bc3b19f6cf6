//! Tests of K+ -> mu+ nu Z': the |M|^2 against explicit Dirac matrices, Eq. 11 (corrected),
//! gauge invariance, two integration routes, the spectrum, the endpoint and the small-mass
//! double logarithm.

use super::*;
use num_complex::Complex64 as C;

const MK: f64 = 0.493677;
const MMU: f64 = 0.1056583755;
const BR: f64 = 0.6356;

fn kin(mz: f64) -> Kinematics {
    Kinematics { mk: MK, m: MMU, mz }
}

/// A small deterministic generator for test points (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ----------------------------------------------------------------- explicit Dirac algebra
type M4 = [[C; 4]; 4];

fn zero() -> M4 {
    [[C::new(0.0, 0.0); 4]; 4]
}
fn ident() -> M4 {
    let mut m = zero();
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = C::new(1.0, 0.0);
    }
    m
}
fn mul(a: &M4, b: &M4) -> M4 {
    let mut m = zero();
    for i in 0..4 {
        for j in 0..4 {
            for (k, bk) in b.iter().enumerate() {
                m[i][j] += a[i][k] * bk[j];
            }
        }
    }
    m
}
fn add(a: &M4, b: &M4, s: C) -> M4 {
    let mut m = *a;
    for i in 0..4 {
        for j in 0..4 {
            m[i][j] += s * b[i][j];
        }
    }
    m
}
fn scale(a: &M4, s: C) -> M4 {
    add(&zero(), a, s)
}
/// Dirac representation: gamma^0, gamma^1..3, gamma5.
fn gammas() -> ([M4; 4], M4) {
    let i = C::new(0.0, 1.0);
    let o = C::new(1.0, 0.0);
    let z = C::new(0.0, 0.0);
    let sigma: [[[C; 2]; 2]; 3] = [[[z, o], [o, z]], [[z, -i], [i, z]], [[o, z], [z, -o]]];
    let mut g = [zero(); 4];
    g[0] = [[o, z, z, z], [z, o, z, z], [z, z, -o, z], [z, z, z, -o]];
    for (k, s) in sigma.iter().enumerate() {
        for a in 0..2 {
            for b in 0..2 {
                g[k + 1][a][b + 2] = s[a][b];
                g[k + 1][a + 2][b] = -s[a][b];
            }
        }
    }
    let g5 = [[z, z, o, z], [z, z, z, o], [o, z, z, z], [z, o, z, z]];
    (g, g5)
}
fn slash(g: &[M4; 4], p: [f64; 4]) -> M4 {
    let mut m = scale(&g[0], p[0].into());
    for k in 1..4 {
        m = add(&m, &g[k], (-p[k]).into());
    }
    m
}
fn dot(a: [f64; 4], b: [f64; 4]) -> f64 {
    a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]
}
fn plus(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}
/// sigma . p as 2x2.
fn sigma_dot(p: [f64; 4]) -> [[C; 2]; 2] {
    [
        [C::new(p[3], 0.0), C::new(p[1], -p[2])],
        [C::new(p[1], p[2]), C::new(-p[3], 0.0)],
    ]
}
/// Bjorken-Drell spinors u(p, s), v(p, s) for mass m (s = 0, 1).
fn u_spinor(p: [f64; 4], m: f64, s: usize) -> [C; 4] {
    let xi = if s == 0 { [1.0, 0.0] } else { [0.0, 1.0] };
    let n = (p[0] + m).sqrt();
    let sp = sigma_dot(p);
    let low = [
        sp[0][0] * xi[0] + sp[0][1] * xi[1],
        sp[1][0] * xi[0] + sp[1][1] * xi[1],
    ];
    [
        C::new(n * xi[0], 0.0),
        C::new(n * xi[1], 0.0),
        low[0] / n,
        low[1] / n,
    ]
}
fn v_spinor(p: [f64; 4], m: f64, s: usize) -> [C; 4] {
    let eta = if s == 0 { [1.0, 0.0] } else { [0.0, 1.0] };
    let n = (p[0] + m).sqrt();
    let sp = sigma_dot(p);
    let up = [
        sp[0][0] * eta[0] + sp[0][1] * eta[1],
        sp[1][0] * eta[0] + sp[1][1] * eta[1],
    ];
    [
        up[0] / n,
        up[1] / n,
        C::new(n * eta[0], 0.0),
        C::new(n * eta[1], 0.0),
    ]
}
fn sandwich(ubar: &[C; 4], m: &M4, v: &[C; 4]) -> C {
    let mut s = C::new(0.0, 0.0);
    for i in 0..4 {
        for j in 0..4 {
            s += ubar[i] * m[i][j] * v[j];
        }
    }
    s
}

/// A random phase-space point: (p_mu, k_nu, q_Z') in the kaon rest frame.
fn event(k: &Kinematics, rng: &mut Rng) -> ([f64; 4], [f64; 4], [f64; 4], f64) {
    let (mz2, m2) = (k.mz * k.mz, k.m * k.m);
    let smax = (k.mk - k.m).powi(2);
    let s12 = mz2 + (smax - mz2) * (0.02 + 0.96 * rng.next());
    let e_mu = (k.mk * k.mk + m2 - s12) / (2.0 * k.mk);
    let pm = (e_mu * e_mu - m2).sqrt();
    let p = [e_mu, 0.0, 0.0, pm];
    let ex = k.mk - e_mu;
    let rs = s12.sqrt();
    let pstar = (s12 - mz2) / (2.0 * rs);
    let ez = (s12 + mz2) / (2.0 * rs);
    let (ct, phi) = (2.0 * rng.next() - 1.0, 2.0 * PI * rng.next());
    let st = (1.0 - ct * ct).sqrt();
    let dir = [st * phi.cos(), st * phi.sin(), ct];
    let (beta, gamma) = (-pm / ex, ex / rs);
    let boost = |e: f64, v: [f64; 3]| -> [f64; 4] {
        [
            gamma * (e + beta * v[2]),
            v[0],
            v[1],
            gamma * (v[2] + beta * e),
        ]
    };
    let q = boost(ez, [pstar * dir[0], pstar * dir[1], pstar * dir[2]]);
    let kk = boost(pstar, [-pstar * dir[0], -pstar * dir[1], -pstar * dir[2]]);
    (p, kk, q, s12)
}

/// Σ over spins and the three Z' polarizations of |u(k) Γ v(p)|², and Σ |u(k) q·Γ v(p)|².
fn explicit_sum(
    kn: &Kinematics,
    p: [f64; 4],
    k: [f64; 4],
    q: [f64; 4],
    gnu: C,
    gl: C,
    gr: C,
) -> (f64, f64) {
    let (g, g5) = gammas();
    let pl = scale(&add(&ident(), &g5, (-1.0).into()), 0.5.into());
    let pr = scale(&add(&ident(), &g5, 1.0.into()), 0.5.into());
    let l = plus(plus(p, k), q);
    let s12 = dot(plus(k, q), plus(k, q));
    let s23 = dot(plus(p, q), plus(p, q));
    let m = kn.m;
    let lslash = slash(&g, l);
    let gamma_of = |eps: [f64; 4]| -> M4 {
        let es = slash(&g, eps);
        let nu = mul(&mul(&mul(&es, &slash(&g, plus(k, q))), &lslash), &pl);
        let mu_r = mul(&mul(&lslash, &es), &pr);
        let mu_l = mul(&mul(&mul(&lslash, &slash(&g, plus(p, q))), &es), &pl);
        let a = scale(&nu, gnu / s12);
        let b = add(&scale(&mu_r, gr * m), &mu_l, -gl);
        add(&a, &b, C::new(1.0 / (s23 - m * m), 0.0))
    };
    // Polarizations.
    let qv = [q[1], q[2], q[3]];
    let qa = (qv[0] * qv[0] + qv[1] * qv[1] + qv[2] * qv[2]).sqrt();
    let n = [qv[0] / qa, qv[1] / qa, qv[2] / qa];
    let t = if n[0].abs() < 0.9 {
        [1.0, 0.0, 0.0]
    } else {
        [0.0, 1.0, 0.0]
    };
    let d = t[0] * n[0] + t[1] * n[1] + t[2] * n[2];
    let mut e1 = [t[0] - d * n[0], t[1] - d * n[1], t[2] - d * n[2]];
    let e1n = (e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]).sqrt();
    e1 = [e1[0] / e1n, e1[1] / e1n, e1[2] / e1n];
    let e2 = [
        n[1] * e1[2] - n[2] * e1[1],
        n[2] * e1[0] - n[0] * e1[2],
        n[0] * e1[1] - n[1] * e1[0],
    ];
    let mz = kn.mz;
    let pols = [
        [0.0, e1[0], e1[1], e1[2]],
        [0.0, e2[0], e2[1], e2[2]],
        [
            qa / mz,
            q[0] * n[0] / mz,
            q[0] * n[1] / mz,
            q[0] * n[2] / mz,
        ],
    ];
    let g0 = g[0];
    let bar = |u: [C; 4]| -> [C; 4] {
        let mut r = [C::new(0.0, 0.0); 4];
        for j in 0..4 {
            for i in 0..4 {
                r[j] += u[i].conj() * g0[i][j];
            }
        }
        r
    };
    let mut total = 0.0;
    let mut ward = 0.0;
    let gq = gamma_of(q);
    for s1 in 0..2 {
        let ub = bar(u_spinor(k, 0.0, s1));
        for s2 in 0..2 {
            let v = v_spinor(p, m, s2);
            for eps in pols {
                total += sandwich(&ub, &gamma_of(eps), &v).norm_sqr();
            }
            ward += sandwich(&ub, &gq, &v).norm_sqr();
        }
    }
    (total, ward)
}

#[test]
fn dirac_trace_check() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for &mz in &[0.003, 0.05, 0.2, 0.37] {
        let kn = kin(mz);
        for trial in 0..20 {
            let (p, k, q, s12) = event(&kn, &mut rng);
            // mass shells
            assert!((dot(q, q) / (mz * mz) - 1.0).abs() < 1e-9);
            assert!(dot(k, k).abs() < 1e-12);
            let s23 = dot(plus(p, q), plus(p, q));
            let (gnu, gl, gr) = if trial % 2 == 0 {
                (C::new(1.0, 0.0), C::new(1.0, 0.0), C::new(1.0, 0.0))
            } else {
                let mut c = || C::new(2.0 * rng.next() - 1.0, 2.0 * rng.next() - 1.0);
                (c(), c(), c())
            };
            let (explicit, _) = explicit_sum(&kn, p, k, q, gnu, gl, gr);
            let ours = amplitude_squared(&kn, s12, s23, &Couplings::new(gl, gr, gnu));
            assert!(
                (ours / explicit - 1.0).abs() < 1e-8,
                "mz={mz} trial {trial}: {ours} vs {explicit}"
            );
            // s23 lies inside the App. A range.
            let (um, delta) = u_range(&kn, s12);
            let u = s23 - MMU * MMU;
            assert!(u >= um * (1.0 - 1e-9) && u <= (um + delta) * (1.0 + 1e-9));
        }
    }
}

#[test]
fn ward_identity_for_lmu_ltau_and_not_otherwise() {
    let mut rng = Rng(12345);
    let kn = kin(0.02);
    for _ in 0..10 {
        let (p, k, q, _) = event(&kn, &mut rng);
        let one = C::new(1.0, 0.0);
        let (total, ward) = explicit_sum(&kn, p, k, q, one, one, one);
        assert!(ward < 1e-20 * total, "{ward} vs {total}");
        // No Z' coupling to nu_mu: q.M does not vanish.
        let (total, ward) = explicit_sum(&kn, p, k, q, 0.0.into(), one, one);
        assert!(ward > 1e-6 * total);
    }
}

/// Paper 001 Eq. (11) with the lost m_Z'^2 restored (see the module documentation).
fn eq11_corrected(k: &Kinematics, s12: f64, s23: f64, printed: bool) -> f64 {
    let (mk2, m2, mz2) = (k.mk * k.mk, k.m * k.m, k.mz * k.mz);
    let (m4, m6) = (m2 * m2, m2 * m2 * m2);
    let a = s12 + s23;
    let first =
        mk2 * (-s12 * s12 - s23 * s23) + m2 * (a * a + 2.0 * s23 * mk2) - m4 * (2.0 * a + mk2) + m6;
    let second = s23 * (2.0 * mk2 * mk2 - 2.0 * mk2 * a + a * a) - m2 * (a * a + 2.0 * mk2 * mk2)
        + m4 * (2.0 * s12 + s23 + 2.0 * mk2)
        - m6;
    let f = if printed { 1.0 } else { mz2 };
    2.0 * m2 / (s12 * s12 * (s23 - m2).powi(2)) * (f * first + s12 * second)
}

#[test]
fn eq11_with_mz2_restored() {
    let mut rng = Rng(777);
    for &mz in &[1e-3, 0.03, 0.15, 0.3] {
        let kn = kin(mz);
        for _ in 0..20 {
            let (p, _, q, s12) = event(&kn, &mut rng);
            let s23 = dot(plus(p, q), plus(p, q));
            let ours = amplitude_squared(&kn, s12, s23, &Couplings::universal(1.0));
            let paper = eq11_corrected(&kn, s12, s23, false);
            assert!((ours / paper - 1.0).abs() < 1e-9, "{ours} vs {paper}");
            assert!(ours > 0.0);
        }
    }
    // As printed (without m_Z'^2) it is not the squared amplitude.
    let kn = kin(0.1);
    let (um, d) = u_range(&kn, 0.05);
    let s23 = MMU * MMU + um + 0.5 * d;
    let printed = eq11_corrected(&kn, 0.05, s23, true);
    let ours = amplitude_squared(&kn, 0.05, s23, &Couplings::universal(1.0));
    assert!((printed / ours - 1.0).abs() > 0.1, "{printed} {ours}");
}

/// Route 2: the Dalitz integral in the other order (m23^2 outside, m12^2 inside), numerically.
fn br_other_order(kn: &Kinematics, c: &Couplings) -> f64 {
    let (mk2, m2, mz2) = (kn.mk * kn.mk, kn.m * kn.m, kn.mz * kn.mz);
    let inner = |s23: f64| {
        // In the (2,3) rest frame: E2 (Z'), E1 (nu).
        let r = s23.sqrt();
        let e2 = (s23 - m2 + mz2) / (2.0 * r);
        let e1 = (mk2 - s23) / (2.0 * r);
        let p2 = (e2 * e2 - mz2).max(0.0).sqrt();
        let lo = mz2 + 2.0 * e1 * (e2 - p2);
        let hi = mz2 + 2.0 * e1 * (e2 + p2);
        integrate(
            |x: f64| {
                let s12 = x.exp();
                s12 * amplitude_squared(kn, s12, s23, c)
            },
            lo.ln(),
            hi.ln(),
            1e-11,
        )
        .unwrap()
    };
    let lo = (kn.m + kn.mz).powi(2);
    let outer = integrate(
        |x: f64| {
            let u = x.exp();
            u * inner(m2 + u)
        },
        (lo - m2).ln(),
        (mk2 - m2).ln(),
        1e-10,
    )
    .unwrap();
    normalization(kn, BR) * outer
}

#[test]
fn two_integration_routes_agree() {
    for &mz in &[0.002, 0.05, 0.2, 0.38] {
        let kn = kin(mz);
        for c in [
            Couplings::universal(1.0),
            Couplings::new(C::new(0.7, 0.1), C::new(-0.3, 0.0), C::new(0.2, -0.4)),
        ] {
            let a = br_total(&kn, BR, &c).unwrap();
            let b = br_other_order(&kn, &c);
            assert!((a / b - 1.0).abs() < 1e-7, "mz={mz}: {a} vs {b}");
        }
    }
}

#[test]
fn spectrum_integrates_to_the_total_and_windows_add_up() {
    for &mz in &[1e-4, 0.01, 0.1, 0.3] {
        let kn = kin(mz);
        let c = Couplings::universal(1.0);
        let total = br_total(&kn, BR, &c).unwrap();
        let pmax = kn.p_max();
        // Plain p integral of the spectrum, split near the endpoint where it peaks.
        let cuts = [0.0, 0.5 * pmax, 0.9 * pmax, 0.99 * pmax, 0.999 * pmax, pmax];
        let by_p: f64 = cuts
            .windows(2)
            .map(|w| integrate(|p| spectrum_at(&kn, BR, &c, p), w[0], w[1], 1e-10).unwrap())
            .sum();
        assert!(
            (by_p / total - 1.0).abs() < 1e-7,
            "mz={mz}: {by_p} vs {total}"
        );
        let w1 = br_window(&kn, BR, &c, 0.0, 0.13).unwrap();
        let w2 = br_window(&kn, BR, &c, 0.13, 0.16).unwrap();
        let w3 = br_window(&kn, BR, &c, 0.16, 1.0).unwrap();
        assert!(((w1 + w2 + w3) / total - 1.0).abs() < 1e-8);
        assert!(w2 > 0.0 || pmax <= 0.13);
    }
}

#[test]
fn endpoint_is_exactly_zero_and_continuous() {
    let c = Couplings::universal(1e-3);
    let end = MK - MMU;
    for mz in [end, end * (1.0 + 1e-12), 0.5, 3.0] {
        assert_eq!(br_total(&kin(mz), BR, &c).unwrap(), 0.0);
    }
    // Vanishes continuously: BR(end - d) -> 0 and decreases with d.
    let mut prev = f64::INFINITY;
    for d in [1e-2, 1e-3, 1e-4, 1e-5, 1e-7] {
        let b = br_total(&kin(end - d), BR, &c).unwrap();
        assert!(b > 0.0 && b < prev && b.is_finite(), "{d}: {b}");
        prev = b;
    }
    assert!(prev < 1e-14, "{prev}");
    // The spectrum vanishes at p -> 0 and at p_max.
    let kn = kin(0.05);
    let c = Couplings::universal(1.0);
    let pm = kn.p_max();
    assert_eq!(spectrum_at(&kn, BR, &c, pm), 0.0);
    assert!(
        spectrum_at(&kn, BR, &c, pm * (1.0 - 1e-9)) < 1e-5 * spectrum_at(&kn, BR, &c, 0.9 * pm)
    );
    assert!(spectrum_at(&kn, BR, &c, 1e-6) < 1e-9);
}

#[test]
fn small_mass_double_log() {
    // BR/(g^2 BR_munu) = A ln^2 m + B ln m + C + O(m^2 ln^2 m), A = 1/(4 pi^2).
    let c = Couplings::universal(1.0);
    let f = |mz: f64| br_total(&kin(mz), BR, &c).unwrap() / BR;
    let h = 10f64.ln();
    for m0 in [1e-5, 1e-4] {
        let second = f(m0 / 10.0) - 2.0 * f(m0) + f(m0 * 10.0);
        let a = second / (2.0 * h * h);
        let exact = 1.0 / (4.0 * PI * PI);
        assert!((a / exact - 1.0).abs() < 2e-3, "m0={m0}: {a} vs {exact}");
    }
}

#[test]
fn non_conserved_current_grows_as_one_over_mass_squared() {
    // A Z' coupling to the muon but not to nu_mu: the longitudinal mode gives 1/m_Z'^2.
    let c = Couplings::new(1.0.into(), 1.0.into(), 0.0.into());
    let r = br_total(&kin(1e-3), BR, &c).unwrap() / br_total(&kin(2e-3), BR, &c).unwrap();
    assert!((r / 4.0 - 1.0).abs() < 0.05, "{r}");
    // ... while L_mu - L_tau grows only logarithmically.
    let c = Couplings::universal(1.0);
    let r = br_total(&kin(1e-3), BR, &c).unwrap() / br_total(&kin(2e-3), BR, &c).unwrap();
    assert!(r > 1.0 && r < 1.5, "{r}");
}

#[test]
fn no_nan_from_1_kev_to_the_endpoint() {
    let end = MK - MMU;
    let c = Couplings::universal(1e-3);
    let mut mz = 1e-6;
    while mz < end {
        let kn = kin(mz);
        let b = br_total(&kn, BR, &c).unwrap();
        assert!(b.is_finite() && b > 0.0, "{mz}: {b}");
        let pm = kn.p_max();
        for i in 0..=200 {
            let s = spectrum_at(&kn, BR, &c, pm * f64::from(i) / 200.0);
            assert!(s.is_finite() && s >= 0.0, "{mz} {i}: {s}");
        }
        mz *= 1.3;
    }
}

/// Next to the threshold M_K − m_μ the window follows ε^{7/2}(a + bε) (ε the relative gap):
/// finite and positive at and within 1e-12 of it (the quadrature used to fail at ε ~ 1e-8 …
/// 1e-13), equal to the integral where that is accurate (ε = 1e-6), continuous across the
/// switch, and windows still add up.
#[test]
fn threshold_expansion() {
    let top = MK - MMU;
    let couplings = [
        Couplings::universal(1.0),
        Couplings::new(C::new(1.0, 0.0), C::new(0.3, 0.0), C::new(-0.7, 0.0)),
        Couplings::new(C::new(1.0, 0.0), C::new(1.0, 0.0), C::new(0.0, 0.0)),
    ];
    for c in &couplings {
        // exactly at the threshold: closed
        assert_eq!(br_total(&kin(top), BR, c).unwrap(), 0.0);
        for eps in [1e-12, 3e-13, 1e-13, 2e-12, 1e-9, 1e-7] {
            let k = kin(top * (1.0 - eps));
            let v = br_total(&k, BR, c).unwrap();
            assert!(v.is_finite() && v > 0.0, "{eps:e}: {v}");
            // the 7/2 power, against the value at 1e-7
            let e = k.gap() / top;
            let k7 = kin(top * (1.0 - 1e-7));
            let v7 = br_total(&k7, BR, c).unwrap() / (k7.gap() / top).powf(3.5);
            assert!((v / e.powf(3.5) / v7 - 1.0).abs() < 1e-6, "{eps:e}");
        }
        // against the integral at ε = 1e-6
        let k = kin(top * (1.0 - 1e-6));
        let series = br_total(&k, BR, c).unwrap();
        let integral = br_window_integrated(&k, BR, c, 0.0, k.p_max()).unwrap();
        assert!(
            (series / integral - 1.0).abs() < 1e-9,
            "{series} {integral}"
        );
        // continuous across the switch
        let reduced = |f: f64| {
            let k = kin(top * (1.0 - f * THRESHOLD_EXPANSION));
            br_total(&k, BR, c).unwrap() / (k.gap() / top).powf(3.5)
        };
        let (below, above) = (reduced(0.999_999), reduced(1.000_001));
        assert!((below / above - 1.0).abs() < 1e-9, "{below} {above}");
        // windows add up next to the threshold
        let k = kin(top * (1.0 - 1e-12));
        let (pm, total) = (k.p_max(), br_total(&k, BR, c).unwrap());
        let parts = br_window(&k, BR, c, 0.0, 0.3 * pm).unwrap()
            + br_window(&k, BR, c, 0.3 * pm, pm).unwrap();
        assert!((parts / total - 1.0).abs() < 1e-9, "{parts} {total}");
    }
}
