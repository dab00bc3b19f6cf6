"""A zprime scan split into N shards run by Dask workers (here a dask.distributed
LocalCluster; on a cluster, pass the scheduler's address), concatenated and checked.

    python examples/python/dask_scan.py [--shards 8] [--n 4096] [--workers 2] [-o scan.csv]
    python examples/python/dask_scan.py --scheduler tcp://host:8786 ...

Each worker calls zprime.scan(..., shard=(k, N)): the design depends only on the
parameters, method, number of points and seed, so the shards are the N parts of one scan
whatever worker computes them, and their concatenation equals the unsharded scan
(`zprime scan` on one machine). The check: every index 0 ... len-1 exactly once, in order.
"""

from __future__ import annotations

import argparse

import pandas as pd
from dask.distributed import Client, LocalCluster

import zprime

MODEL = "lmu-ltau"
PARAMS = {"mass": "1e-3:1", "g": "1e-5:1e-2"}  # log ranges (the default for mass and g)
OBSERVABLES = ["Delta a_mu", "R_trident(CCFR)"]


def shard(k: int, total: int, n: int, seed: int) -> pd.DataFrame:
    """Shard k of `total` (runs on a worker; the model is built there)."""
    return zprime.scan(MODEL, PARAMS, method="sobol", n=n, seed=seed, shard=(k, total),
                       observables=OBSERVABLES)


def run(client: Client, shards: int, n: int, seed: int) -> pd.DataFrame:
    futures = [client.submit(shard, k, shards, n, seed, pure=False)
               for k in range(1, shards + 1)]
    parts = client.gather(futures)
    table = pd.concat(parts, ignore_index=True)
    # nothing missing, nothing twice: the shards tile the design
    missing = set(range(n)) - set(table["index"])
    if missing or len(table) != n or not table["index"].is_monotonic_increasing:
        raise SystemExit(f"scan incomplete: {len(missing)} of {n} points missing "
                         f"({len(table)} rows)")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--n", type=int, default=4096, help="points of the Sobol design")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("-o", "--output", help="write the table as CSV")
    args = parser.parse_args()
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # one thread per worker process: zprime parallelises inside each shard with rayon
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    with client:
        table = run(client, args.shards, args.n, args.seed)
    excluded = (table.filter(like="status:") == "excluded").any(axis=1).mean()
    print(f"{len(table)} points from {args.shards} shards; excluded by some constraint: "
          f"{excluded:.1%}")
    if args.output:
        table.to_csv(args.output, index=False)
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
