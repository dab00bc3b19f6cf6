"""Speed of the vectorized observable from Python: `Delta a_mu` of lmu-ltau at 10^6 masses
(1 MeV to 10 GeV, g = 1e-3), best of N runs (time.perf_counter), and the best CPU time of
the process over a run (time.process_time, all threads: on a loaded machine, where wall
time measures the neighbours, CPU time / threads is what the call would take alone). Compare
with the Rust loop
`cargo bench -p zprime-py --bench observable_loop` (the issue: under 0.1 s, within 2x of
Rust). A benchmark, not a test: run it on an idle machine with a release build
(`pip install ./crates/zprime-py`).

    python crates/zprime-py/benches/bench_observable.py [--n 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import zprime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--observable", default="Delta a_mu")
    args = parser.parse_args()
    model = zprime.Model("lmu-ltau")
    masses = np.logspace(-3, 1, args.n)
    model.observable(args.observable, mass=masses[:1000], g=1e-3)  # warm up the thread pool
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        t, cpu = time.perf_counter(), time.process_time()
        values = model.observable(args.observable, mass=masses, g=1e-3)
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    assert values.shape == masses.shape and np.isfinite(values).all()
    threads = os.environ.get("RAYON_NUM_THREADS", f"{os.cpu_count()} (all cores)")
    print(f"{args.observable}: {args.n} masses in {best:.4f} s (best of {args.repeat}), "
          f"{best / args.n * 1e9:.0f} ns per mass, rayon threads {threads}; "
          f"CPU time {best_cpu:.4f} s ({best_cpu / args.n * 1e9:.0f} ns per mass)")


if __name__ == "__main__":
    main()
