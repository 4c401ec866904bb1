"""Run every benchmark module in bench/ (files named bench_*.py): `python -m bench`.

Each module has a `main()` that prints its figures as ratios to a baseline measured
in the same run (a bare Django view, or a trivial document), because these machines
are noisy.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv):
    only = set(argv[1:])
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not module.name.startswith("bench_") or (only and module.name not in only):
            continue
        print(f"== {module.name}")
        importlib.import_module(f"bench.{module.name}").main()


if __name__ == "__main__":
    main(sys.argv)
