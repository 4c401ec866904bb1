"""Run the benchmarks in bench/ (files named bench_*.py): `python -m bench [bench_x ...]`.

Each module runs in a process of its own (Django is set up once per process, each
benchmark on its own throw-away database) and prints its figures as ratios to a
baseline measured in the same run: a bare Django view, or a trivial document.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path


def main(argv):
    only = set(argv[1:])
    failed = []
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not module.name.startswith("bench_") or (only and module.name not in only):
            continue
        print(f"== {module.name}", flush=True)
        code = f"import bench.{module.name} as m; m.main()"
        if subprocess.run([sys.executable, "-c", code], check=False).returncode:
            failed.append(module.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv)
