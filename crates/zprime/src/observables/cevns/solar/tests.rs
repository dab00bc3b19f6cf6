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
fn explore() {
    with_point("lmu-ltau", 0.01, 0.0, |ctx| {
        let src = source(ctx.sm);
        for e in [1e-3, 5e-3, 1e-2, 1.5e-2] {
            eprintln!("E {e}: {:?}", flavour_fractions(&src.mixing, e, src.potential));
        }
        for id in EXPERIMENTS {
            eprintln!("{id}: SM events {}", observable(ctx, id, true));
            eprintln!("{id}: nodes {}", window_of(ctx, id).nodes.len());
        }
    });
    for (m, g) in [(0.001, 1e-4), (0.01, 1e-3), (0.01, 3e-3), (0.1, 1e-2), (0.1, 3e-2), (1.0, 0.1)] {
        with_point("lmu-ltau", m, g, |ctx| {
            eprintln!(
                "m {m} g {g}: R XENONnT {} PandaX {}",
                observable(ctx, "XENONnT", false),
                observable(ctx, "PandaX-4T", false)
            );
        });
    }
}
