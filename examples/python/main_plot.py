"""The main plot of zprime, the L_mu - L_tau constraint plot (`zprime plot --model lmu-ltau`),
drawn with matplotlib through the Python bindings.

    python examples/python/main_plot.py [-o lmu-ltau.png] [--model lmu-ltau] [--inputs default]

The regions, colours, labels and the crowding rule are the CLI's (the same Rust code
assembles the figure); matplotlib draws it, so you can restyle it or add your own curves:
everything drawn is on `ax`, each region with its legend label.
"""

from __future__ import annotations

import argparse
import textwrap

import matplotlib

matplotlib.use("Agg")  # a file, no window

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import LogLocator  # noqa: E402

import zprime  # noqa: E402
from zprime.plot import draw, mathtext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="lmu-ltau.png", help="the figure (PNG, PDF, SVG)")
    parser.add_argument("--model", default="lmu-ltau")
    parser.add_argument("--inputs", default="default")
    args = parser.parse_args()

    model = zprime.Model(args.model, inputs=args.inputs)
    limits = model.limits()  # 300 masses from 1 MeV to 100 GeV, as `zprime plot`

    fig, ax = plt.subplots(figsize=(9.0, 6.75), dpi=150)
    out = draw(ax, limits, title=True)
    ax.yaxis.set_major_locator(LogLocator(numticks=20))  # every decade labelled, as the CLI
    ax.grid(True, which="major", color="0.85", linewidth=0.5)
    ax.legend(*out["legend"], fontsize=6, loc="lower right", ncol=2, framealpha=0.9)
    # the caption: provenance, citations, what is not drawn and not included
    caption = "\n".join(textwrap.fill(mathtext(line), 230) for line in out["caption"])
    fig.text(0.01, 0.01, caption, fontsize=4.5, va="bottom", ha="left")
    lines = caption.count("\n") + 1
    fig.subplots_adjust(left=0.08, right=0.98, top=0.94, bottom=0.09 + 0.0105 * lines)
    fig.savefig(args.output)
    print(f"wrote {args.output} ({len(out['layers'])} layers)")


if __name__ == "__main__":
    main()
