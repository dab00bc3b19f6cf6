//! Speed of the Passarino–Veltman library (issue 4 targets: C0 under 200 ns and the full set
//! C0, C1, C2, C00, C11, C12, C22 under 1 µs at generic kinematics).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use zprime::loops::{b_all, c0, cset, cset_direct};

fn bench(c: &mut Criterion) {
    // generic kinematics, λ > 0: below thresholds (complex-conjugate edge roots) and above
    let below = ([1.0, 2.0, 10.0], [1.5, 2.7, 3.0]);
    let above = ([10.0, 20.0, 80.0], [1.5, 0.7, 3.0]);
    for (name, (p, m)) in [("below thresholds", below), ("above thresholds", above)] {
        c.bench_function(&format!("C0 generic {name}"), |b| {
            b.iter(|| c0(black_box(p[0]), p[1], p[2], m[0], m[1], m[2]).unwrap());
        });
        c.bench_function(&format!("C set generic {name}"), |b| {
            b.iter(|| cset(black_box(p[0]), p[1], p[2], m[0], m[1], m[2], 1.0).unwrap());
        });
    }
    c.bench_function("B0..B11 at once", |b| {
        b.iter(|| b_all(black_box(2.0), 1.5, 2.7, 1.0).unwrap());
    });
    // the small-Gram kinematics of paper 002 (direct Feynman-parameter integration)
    let q2 = 0.1349768_f64.powi(2);
    c.bench_function("C set (0, q2, 0; mW, mt, mt) direct", |b| {
        b.iter(|| cset_direct(0.0, black_box(q2), 0.0, 6460.6, 29846.0, 29846.0, 1.0).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}

fn bench_scan(c: &mut Criterion) {
    use zprime::experiments::bands::band;
    use zprime::scan::wu::{g2_band, scan};
    let inputs = zprime::InputSet::load("kang2020").unwrap();
    let koto = band("KOTO:2019-prelim").unwrap();
    let g2 = g2_band(&inputs).unwrap();
    c.bench_function("scan-wu 1e6 samples (Scenario II, rayon)", |b| {
        b.iter(|| {
            scan(&inputs, black_box(0.14), 1_000_000, 1, koto, &g2)
                .unwrap()
                .n_2sigma
        });
    });
}

fn bench_li2(c: &mut Criterion) {
    use num_complex::Complex64 as C64;
    use zprime::loops::special::{clog, li2};
    let zs = [
        C64::new(0.3, 0.4),
        C64::new(2.5, -1.2),
        C64::new(0.8, 0.3),
        C64::new(-3.0, 0.5),
    ];
    c.bench_function("Li2 complex x4", |b| {
        b.iter(|| {
            zs.iter()
                .map(|&z| li2(black_box(z)))
                .fold(C64::new(0.0, 0.0), |a, x| a + x)
        });
    });
    c.bench_function("clog x4", |b| {
        b.iter(|| {
            zs.iter()
                .map(|&z| clog(black_box(z)))
                .fold(C64::new(0.0, 0.0), |a, x| a + x)
        });
    });
}

/// The g-2 loop functions F_V and F_A together (issue 14 target: under 60 ns per mass):
/// 1000 values of a = m_mu^2/m_Z'^2 log-spaced over 1e-4..1e4 (m_Z' from 1 MeV to 10 GeV,
/// the Python benchmark's range), and one a in each form's range (the root series at its
/// longest, a = 0.2).
fn bench_g2_loops(c: &mut Criterion) {
    use zprime::observables::g_minus_2::loop_functions;
    let a: Vec<f64> = (0..1000)
        .map(|i| 10f64.powf(-4.0 + 8.0 * f64::from(i) / 999.0))
        .collect();
    c.bench_function("g-2 loop functions, 1000 a over 1e-4..1e4", |b| {
        b.iter(|| {
            black_box(&a)
                .iter()
                .map(|&x| {
                    let (v, ax) = loop_functions(x);
                    v + ax
                })
                .sum::<f64>()
        });
    });
    for x in [1e-3, 0.2, 0.25, 0.5, 3.0, 1e3] {
        c.bench_function(&format!("g-2 loop functions at a = {x}"), |b| {
            b.iter(|| loop_functions(black_box(x)));
        });
    }
}

criterion_group! {
    name = g2;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = bench_g2_loops
}

criterion_group! {
    name = special;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = bench_li2
}

criterion_group! {
    name = scans;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = bench_scan
}

criterion_main!(benches, special, scans, g2);
