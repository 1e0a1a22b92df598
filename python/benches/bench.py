"""How fast the package is against the command, side by side in one run (this machine's speed varies
by the hour: quote the ratios).

    python python/benches/bench.py calls [COMMAND]  # tian.parse against `tian parse` in a subprocess
                                                    # (the wheel's command, or COMMAND: the binary)
    python python/benches/bench.py many FOLDER      # tian.parse_many over a folder's files, walked once

Run from the project's root, in an environment where the wheel is installed. For parse_many against
`tian convert --no-db` as whole processes, time `python python/benches/bench.py many FOLDER` and the
command side by side (e.g. with /usr/bin/time -v, or hyperfine).
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import tian


def calls(command: str = "", rounds: int = 5) -> None:
    inputs = sorted(str(p) for p in Path("input").glob("*.txt"))
    if not command:
        command = str(Path(sys.executable).parent / "tian")
        if not os.path.exists(command):
            command = shutil.which("tian") or "tian"
    print(f"command: {command}")
    # In turn, so that a change in the machine's speed falls on both.
    library = process = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for path in inputs:
            tian.parse(path)
        library += time.perf_counter() - start
        start = time.perf_counter()
        for path in inputs:
            subprocess.run([command, "parse", "--quiet", path], capture_output=True, check=True)
        process += time.perf_counter() - start
    n = rounds * len(inputs)
    print(f"tian.parse:            {n / library:8.0f} calls/s")
    print(f"subprocess tian parse: {n / process:8.0f} calls/s")
    print(f"ratio:                 {process / library:8.1f}x")


def many(folder: str) -> None:
    paths = (
        os.path.join(root, name)
        for root, dirs, files in os.walk(folder)
        for name in sorted(files)
        if name.lower().endswith((".txt", ".htm", ".html", ".docx", ".pdf"))
    )
    start = time.perf_counter()
    n = failed = size = 0
    for result in tian.parse_many(paths):
        n += 1
        if isinstance(result, dict):
            size += result["source"]["bytes"]
        else:
            failed += 1
    seconds = time.perf_counter() - start
    print(f"parse_many: {n} files ({failed} failed), {size / 1e6:.1f} MB in {seconds:.2f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["calls"] and len(sys.argv) <= 3:
        calls(*sys.argv[2:])
    elif sys.argv[1:2] == ["many"] and len(sys.argv) == 3:
        many(sys.argv[2])
    else:
        sys.exit(__doc__)
