//! Speed of scans (`scan::table`): the issue-14 target is 10^6 points of `lmu-ltau+b3` over
//! (mass, g, eps) with every listed observable in under 10 s on 2 cores. A criterion sample of
//! 10^6 points would take a quarter of an hour today (about 1.9 ms of CPU per point, 1.3 ms of
//! it N_eff's ODE; 2.4 ms before the per-point store of `observables::shared`), so this times one
//! shard (Sobol, mass 1e-3..1 GeV, g 1e-5..1e-2, eps -1e-3..1e-3) of 10^3 points: multiply by 1000
//! for the scan (10^4 points take about 12 s per sample on 2 cores: too long for criterion).
//! Rows are evaluated (observables and constraint statuses) and dropped; writing CSV or Parquet
//! is the CLI's part (time it with `zprime scan ... -o /tmp/x.parquet`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use zprime::scan::sample::{Design, Method, ParamRange};
use zprime::scan::table::{Columns, Scan};
use zprime::scan::Session;
use zprime::{Error, InputSet, Model};

fn bench(c: &mut Criterion) {
    let session = Session::new(&InputSet::default_set()).unwrap();
    let model = Model::resolve("lmu-ltau+b3").unwrap();
    let params = ["mass=1e-3:1", "g=1e-5:1e-2", "eps=-1e-3:1e-3"]
        .iter()
        .map(|p| ParamRange::parse(p).unwrap())
        .collect();
    let design = Design::new(params, Method::Sobol { n: 1_000_000 }, 0).unwrap();
    let shard = design.shard(1, 1000).unwrap();
    for (label, columns) in [
        ("observables and statuses", Columns::default()),
        (
            "observables only",
            Columns {
                constraints: false,
                ..Columns::default()
            },
        ),
    ] {
        let scan = Scan::new(&session, &model, &BTreeMap::new(), &design, &columns).unwrap();
        c.bench_function(
            &format!("scan lmu-ltau+b3 10^3 of 10^6 Sobol points, {label}"),
            |b| {
                b.iter(|| {
                    let mut rows = 0;
                    scan.run::<Error>(shard.clone(), |batch| {
                        rows += batch.len();
                        Ok(())
                    })
                    .unwrap();
                    rows
                });
            },
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
