"""Copy the explorer's browser libraries and world basemap from the installed npm packages
(``npm ci`` in this folder) into ``src/whimbrel/web/vendor/``, with their licence files.

Run at install time (``make setup`` does both); the copies are never committed. The map page
says so when they are missing. Natural Earth's 1:110m countries come from the ``world-atlas``
package as TopoJSON; ``d3-geo`` projects and draws them, ``topojson-client`` reads them.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
OUT = HERE.parent / "src" / "whimbrel" / "web" / "vendor"
FILES = {
    "d3-array": ["dist/d3-array.min.js"],
    "d3-geo": ["dist/d3-geo.min.js"],
    "topojson-client": ["dist/topojson-client.min.js"],
    "world-atlas": ["countries-110m.json"],
}


def main() -> int:
    missing = [p for p in FILES if not (MODULES / p).is_dir()]
    if missing:
        print(f"vendor.py: run 'npm ci' in {HERE} first (missing: {', '.join(missing)})", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for package, files in FILES.items():
        for name in files:
            shutil.copyfile(MODULES / package / name, OUT / Path(name).name)
        shutil.copyfile(MODULES / package / "LICENSE", OUT / f"LICENSE.{package}")
    print(f"vendor.py: {sum(map(len, FILES.values()))} files -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
