"""tian (提案): the reports Chinese local CPPCC committees (政协) publish on how their key proposals were
handled, as records.

    >>> import tian
    >>> report = tian.parse("2024/综述.docx")          # a dict: exactly tian's JSON record
    >>> for item in tian.parse_many(paths, jobs=4):   # in order; failures are handed over, not raised
    ...     ...
    >>> frames = tian.frames(reports)                 # pandas DataFrames, one a database table

The parser is tian's Rust library (the same one the `tian` command runs), in the extension
`tian._tian`; this module is its small typed face.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Union, cast

from . import _tian
from ._tian import SCHEMA_VERSION, ParseError, __version__

if TYPE_CHECKING:  # pandas is an optional extra
    import pandas

__all__ = ["ParseError", "SCHEMA_VERSION", "__version__", "diff", "frames", "parse", "parse_many"]

#: A document: a path (str or os.PathLike) or its bytes.
Source = Union[str, "os.PathLike[str]", bytes]
#: A record, as `parse` gives it.
Record = Dict[str, Any]


def _path(value: Any, what: str) -> str:
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        return os.fsdecode(path) if isinstance(path, bytes) else path
    raise TypeError(f"{what} must be a path (str or os.PathLike), not {type(value).__name__}")


def _encoding(encoding: Optional[str]) -> Optional[str]:
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str such as 'gb18030', not {type(encoding).__name__}")
    return encoding


def parse(source: Source, *, encoding: Optional[str] = None) -> Record:
    """The record of one document: a text, web page, DOCX or PDF, given by its path or as bytes.

    The dict is exactly tian's JSON record (`tian schema` prints its JSON Schema), with the same
    `schema_version`. `encoding` (a WHATWG label: 'utf-8', 'gb18030', 'big5' …) skips detection.

    Raises ParseError for a document tian cannot read (empty, binary, a scan …), OSError when the file
    cannot be read, TypeError or ValueError for bad arguments.
    """
    encoding = _encoding(encoding)
    if isinstance(source, (bytes, bytearray, memoryview)):
        text = _tian.parse_bytes(bytes(source), encoding)
    else:
        text = _tian.parse_path(_path(source, "source"), encoding)
    return cast(Record, json.loads(text))


def parse_many(
    paths: Iterable[Union[str, "os.PathLike[str]"]], *, jobs: Optional[int] = None
) -> Iterator[Union[Record, ParseError]]:
    """The records of many files, in the order of `paths`, parsed in parallel on `jobs` threads (all
    cores by default) while Python waits with the interpreter released.

    A file that cannot be parsed or read gives its ParseError in its place, handed over, not raised, so
    one bad file does not end the run. `paths` is read a few files a thread ahead, so memory
    stays flat over any number of them: a generator of paths is fine.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("paths must be an iterable of paths; for one file, use tian.parse")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int)):
        raise TypeError(f"jobs must be an int, not {type(jobs).__name__}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    results = _tian.ParseMany((_path(p, "each path") for p in paths), jobs)
    return (json.loads(r) if isinstance(r, str) else r for r in results)


def _record_text(record: Any, what: str) -> str:
    if isinstance(record, dict):
        return json.dumps(record, ensure_ascii=False)
    raise TypeError(f"{what} must be a record (a dict from tian.parse), not {type(record).__name__}")


def diff(old: Record, new: Record, *, threshold: float = 0.25) -> Dict[str, Any]:
    """What changed between two reports (two records from `parse`, e.g. one year's and the next):
    exactly the JSON `tian diff --format json` prints. Proposals are matched by docket number within
    one session, else by title, when their titles share at least `threshold` of their bigrams."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise TypeError(f"threshold must be a number, not {type(threshold).__name__}")
    text = _tian.diff(_record_text(old, "old"), _record_text(new, "new"), float(threshold))
    return cast(Dict[str, Any], json.loads(text))


#: The database's tables, as `tian convert` makes them.
TABLES: List[str] = list(_tian.tables())


def frames(reports: Iterable[Record]) -> Dict[str, "pandas.DataFrame"]:
    """One pandas DataFrame per table of tian's SQLite database (reports, proposals, proposal_numbers,
    proposers, supervisors, units, suggestions, outcomes, diagnostics), with the same columns and keys
    as the database `tian convert` writes: the records are written into one, by the same code, and read
    back. Needs pandas: pip install "tian-cppcc[pandas]".
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError('tian.frames needs pandas: pip install "tian-cppcc[pandas]"') from None
    if isinstance(reports, dict):
        raise TypeError("reports must be an iterable of records; for one, give [record]")
    texts: List[str] = []
    files: List[str] = []
    taken = set()
    for k, record in enumerate(reports):
        texts.append(_record_text(record, "each report"))
        # The database keys a report by its file: the record's path, else its place in the list.
        path = (record.get("source") or {}).get("path")
        file = path if isinstance(path, str) and path not in taken else f"<report {k}>"
        taken.add(file)
        files.append(file)
    with tempfile.TemporaryDirectory(prefix="tian-frames-") as folder:
        db = os.path.join(folder, "proposals.db")
        _tian.write_db(texts, files, db)
        connection = sqlite3.connect(db)
        try:
            return {table: _read(pd, connection, table) for table in TABLES}
        finally:
            connection.close()


def _read(pd: Any, connection: sqlite3.Connection, table: str) -> "pandas.DataFrame":
    query = f'SELECT * FROM "{table}"'
    try:
        # Integers that may be null stay integers (pandas 2).
        frame = pd.read_sql_query(query, connection, dtype_backend="numpy_nullable")
    except TypeError:
        frame = pd.read_sql_query(query, connection)
    return cast("pandas.DataFrame", frame)
