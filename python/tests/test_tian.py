"""The Python package over the golden inputs: the same records as the command, the same tables as its
database, failures as the API says, and many files in order with flat memory.

Run from the project's root, in an environment where the wheel is installed (`.ci/run` makes one):

    python -m pytest python/tests
"""

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import tian

ROOT = Path(__file__).resolve().parents[2]
INPUTS = sorted(p.name for p in (ROOT / "input").iterdir() if p.suffix == ".txt")
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    # The goldens record each input's path as given: relative to the project's root.
    monkeypatch.chdir(ROOT)


def tian_command():
    # Beside this Python, where pip puts a package's commands, whether or not the environment is active.
    beside = Path(sys.executable).parent / "tian"
    command = str(beside) if beside.exists() else shutil.which("tian")
    assert command, "the wheel installs the tian command"
    return command


@pytest.mark.parametrize("name", INPUTS)
def test_parse_gives_the_golden_record(name):
    got = tian.parse(f"input/{name}")
    want = json.loads((ROOT / "output" / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    assert got == want
    assert got["schema_version"] == tian.SCHEMA_VERSION


def test_paths_bytes_and_encodings():
    path = Path("input/gb18030-fuyang-14-4.txt")
    by_path = tian.parse(path)
    by_bytes = tian.parse(path.read_bytes())
    assert by_bytes["source"]["path"] is None
    by_bytes["source"]["path"] = by_path["source"]["path"]
    assert by_bytes == by_path
    assert tian.parse(path, encoding="gb18030")["source"]["encoding"] == "GB18030"
    assert tian.parse(FIXTURES / "office" / "label-variants-gongshu.docx")["source"]["format"] == "docx"


def test_the_command_gives_the_same_record():
    out = subprocess.run(
        [tian_command(), "parse", "--quiet", "input/xiaoshan-15-3-key-proposals.txt"],
        check=True,
        capture_output=True,
    )
    assert json.loads(out.stdout) == tian.parse("input/xiaoshan-15-3-key-proposals.txt")
    usage = subprocess.run([tian_command(), "--help"], check=True, capture_output=True, text=True).stdout
    assert usage.startswith("Turn Chinese CPPCC (政协) key-proposal handling summaries"), usage


def test_failures():
    with pytest.raises(tian.ParseError) as empty:
        tian.parse(FIXTURES / "empty.txt")
    assert empty.value.path == str(FIXTURES / "empty.txt")
    assert empty.value.reason == "empty file (no text at all)"
    with pytest.raises(tian.ParseError, match="NUL byte"):
        tian.parse(FIXTURES / "nul-bytes.txt")
    with pytest.raises(tian.ParseError) as scan:
        tian.parse(FIXTURES / "office" / "scan.pdf")
    assert "no text layer" in scan.value.reason and "OCR" in scan.value.reason
    assert tian.ParseError.__module__ == "tian", "named for the package it is imported from"
    with pytest.raises(tian.ParseError) as bytes_:
        tian.parse(b"")
    assert bytes_.value.path is None
    with pytest.raises(FileNotFoundError) as missing:
        tian.parse("input/no-such-file.txt")
    assert missing.value.filename == "input/no-such-file.txt"
    with pytest.raises(tian.ParseError, match="not a regular file"):
        tian.parse("input")
    with pytest.raises(TypeError):
        tian.parse(42)
    with pytest.raises(ValueError, match="klingon"):
        tian.parse("input/gb18030-fuyang-14-4.txt", encoding="klingon")
    with pytest.raises(TypeError):
        tian.parse_many("input/a.txt")
    with pytest.raises(ValueError):
        tian.parse_many([], jobs=0)
    # An item that is no path ends the run where it stands, after the results before it.
    results = tian.parse_many(["input/gb18030-fuyang-14-4.txt", 42])
    assert isinstance(next(results), dict)
    with pytest.raises(TypeError, match="each path"):
        next(results)
    with pytest.raises(TypeError):
        tian.diff({}, "not a record")
    with pytest.raises(ValueError, match="not a tian record"):
        tian.diff({}, {})


def test_diff_is_the_commands():
    old, new = "input/xiaoshan-15-3-key-proposals.txt", "input/xiaoshan-15-3-key-proposals-revised.txt"
    out = subprocess.run(
        [tian_command(), "diff", "--format", "json", old, new], capture_output=True, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    assert tian.diff(tian.parse(old), tian.parse(new)) == json.loads(out.stdout)


def test_frames_are_the_tables_of_the_database(tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "out"
    subprocess.run([tian_command(), "convert", "input", "--out", str(out), "--quiet"], check=True)
    reports = [tian.parse(f"input/{name}") for name in INPUTS]
    frames = tian.frames(reports)
    assert list(frames) == tian.TABLES
    connection = sqlite3.connect(out / "proposals.db")
    for table, frame in frames.items():
        rows = pd.read_sql_query(f'SELECT * FROM "{table}"', connection)
        assert list(frame.columns) == list(rows.columns), table
        assert len(frame) == len(rows), table
        # Which file and output folder a report came through is the command's to say: the file's
        # resolved path and the folder; a list of records has only the paths they were parsed from.
        columns = [c for c in rows.columns if c not in ("folder", "file")]
        got = frame[columns].astype(object).where(frame[columns].notna(), None).values.tolist()
        want = rows[columns].astype(object).where(rows[columns].notna(), None).values.tolist()
        assert got == want, table
    assert frames["proposals"].groupby("report_id").size().sum() == 203


def test_frames_without_pandas_say_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "tian-cppcc\[pandas\]"'):
        tian.frames([])


def test_parse_many_keeps_order_and_memory_flat(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    kinds = [f"input/{name}" for name in INPUTS] + [str(tmp_path / "empty.txt"), str(tmp_path / "gone.txt")]
    n = 2000
    paths = (kinds[k % len(kinds)] for k in range(n))  # a generator: never a list of 2,000
    peaks = []
    seen = 0
    for k, result in enumerate(tian.parse_many(paths, jobs=2)):
        path = kinds[k % len(kinds)]
        if path.endswith(("empty.txt", "gone.txt")):
            assert isinstance(result, tian.ParseError), path
            assert result.path == path
        else:
            assert isinstance(result, dict), (path, result)
            assert result["source"]["path"] == path
        seen += 1
        if seen in (500, n):
            peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    assert seen == n
    # The 1,500 records after the first 500 (some 40 MB of them) are not held: the peak barely moves.
    grown_mib = (peaks[1] - peaks[0]) / 1024
    assert grown_mib < 16, f"memory grew by {grown_mib:.1f} MiB"
