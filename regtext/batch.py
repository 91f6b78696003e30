"""Parse and analyse many files at once, on one core, a process pool, or a cluster.

:func:`parse_many` parses a folder (or a list of paths) into Documents, in order;
:func:`map_many` runs any picklable function over each parsed document *where it was parsed*
(so only the results travel back); :func:`frame_many` concatenates per-document DataFrames,
e.g. ``regtext.citations`` over a whole folder.

Work goes to a :class:`concurrent.futures.Executor`: a process pool of ``jobs`` workers by
default, or any executor you pass. Because only ``submit()`` and ``Future.result()`` are
used, an executor that spreads tasks over many machines works unchanged; with Dask::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    docs = regtext.parse_many("laws/", executor=client.get_executor())

Ray offers the same through a ``concurrent.futures`` adapter (any object whose ``submit()``
returns futures with ``result()`` will do). Paths must then be readable on the workers.

Corpus-wide analyses over a folder::

    cites = regtext.frame_many(regtext.citations, "laws/", jobs=4)     # one table, `doc` first
    norms = regtext.frame_many(regtext.obligations, "laws/", jobs=4)
    g = regtext.graph(docs=regtext.parse_many("laws/", jobs=4))       # networkx over the folder

Example:
    >>> import regtext, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.md").write_text("第一条 甲。\\n第二条 乙。", encoding="utf-8")
    >>> _ = (folder / "b.md").write_text("第一条 丙。", encoding="utf-8")
    >>> [len(d.articles) for d in regtext.parse_many(folder)]
    [2, 1]
"""

from __future__ import annotations

import gc
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .text.model import Document

#: File name endings that :func:`paths_in` picks up in a folder.
TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".markdown", ".docx", ".pdf", ".doc")


def skipped_in(folder: str | Path) -> list[tuple[Path, str]]:
    """The files of a folder that :func:`paths_in` leaves out, each with the reason.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "law.md").write_text("第一条 测试。", encoding="utf-8")
        >>> _ = (d / "scan.jpg").write_bytes(b"\\xff\\xd8")
        >>> [(p.name, why[:20]) for p, why in skipped_in(d)]
        [('scan.jpg', 'not a text, .docx or')]
    """
    root = Path(folder)
    if not root.is_dir():
        return []
    out = []
    for p in sorted(root.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(root).parts):
            continue  # hidden files and folders (.git, .DS_Store) are not documents
        if p.name.startswith("~$"):
            out.append((p, "a Word lock file (the document is open in Word), not a document"))
        elif p.suffix.lower() not in TEXT_SUFFIXES:
            out.append((p, f"not a text, .docx or .pdf file ({p.suffix or 'no suffix'}); "
                        f"regtext reads {' '.join(s for s in TEXT_SUFFIXES if s != '.doc')}"))
    return out


def paths_in(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files to work on: a folder (searched recursively for text, .docx and .pdf files)
    or a list of paths. :func:`skipped_in` lists what a folder leaves out and why.

    Raises ``FileNotFoundError`` naming the first path that does not exist, before any work
    starts, so a typo does not surface after an hour of parsing.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "x.md").write_text("第一条 测试。", encoding="utf-8")
        >>> [p.name for p in paths_in(d)]
        ['x.md']
    """
    if isinstance(source, (str, os.PathLike)):
        root = Path(source)
        if root.is_dir():
            skipped = {p for p, _ in skipped_in(root)}
            return sorted(p for p in root.rglob("*")
                          if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                          and p not in skipped
                          and not any(x.startswith(".") for x in p.relative_to(root).parts))
        items = [root]
    else:
        items = [Path(p) for p in source]
    for p in items:
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
    return items


def _largest_first(files: list[str], size: int) -> tuple[list[int], list[list[str]]]:
    """Tasks for a pool: runs of ``size`` neighbouring files, the runs with the most bytes
    first; with the positions of the files in ``files``, in task order.

    Largest first (LPT scheduling) leaves only small tasks for the end, so the workers finish
    together: in input order, 16 long judicial interpretations that sort together could keep
    one worker busy for seconds while the others sit idle. Neighbours stay together: in a
    sorted folder they are versions of one law, and a worker that reads them one after the
    other finds the same words in its caches (sorting the files themselves by size cost
    10-20 % more CPU).
    """
    def size_of(f: str) -> int:
        try:
            return os.stat(f).st_size
        except OSError:
            return 0  # gone or unreadable: the worker reports it

    runs = [list(range(i, min(i + size, len(files)))) for i in range(0, len(files), size)]
    weight = [sum(size_of(files[i]) for i in run) for run in runs]
    ranked = sorted(range(len(runs)), key=lambda k: -weight[k])  # stable: ties keep order
    order = [i for k in ranked for i in runs[k]]
    return order, [[files[i] for i in runs[k]] for k in ranked]


#: Young objects the cyclic collector lets pile up while a batch task runs (Python's default
#: is 700), and how rarely it looks at the older generations.
_BATCH_GC_THRESHOLD = (10_000, 50, 100)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Fewer passes of the cyclic garbage collector while a batch task runs.

    Parsing and analysis allocate millions of short-lived objects without cycles (tuples,
    matches, rows), which reference counting frees; with the default thresholds the collector
    ran some 6,000 passes over a corpus and took 5-7 % of its CPU time, most of it re-reading
    the long-lived tables (dictionary, memo caches). The thresholds are restored afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(old, _BATCH_GC_THRESHOLD)))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _work(func: Callable[[Document], Any] | None, paths: list[str]) -> list[Any]:
    """Worker side: parse each path and apply ``func``; an error becomes a message."""
    with _fewer_collections():
        return _work_on(func, paths)


def _work_on(func: Callable[[Document], Any] | None, paths: list[str]) -> list[Any]:
    from .text.parser import read

    out: list[Any] = []
    for p in paths:
        try:
            doc = read(p)
            out.append(("ok", doc if func is None else func(doc)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not sink the batch
            told = str(exc)  # UnreadableFileError names the file and says what to do
            out.append(("error", f"not read {told}" if told.startswith(p)
                        else f"not read {p}: {type(exc).__name__}: {exc}"))
    return out


def map_many(
    func: Callable[[Document], Any] | None,
    paths: str | Path | Iterable[str | Path],
    jobs: int | None = 1,
    executor: Executor | None = None,
    progress: bool = False,
    chunksize: int | None = None,
) -> list[Any]:
    """Parse every file and apply ``func`` to each document in the worker; results in order.

    Args:
        func: a picklable function of one Document (a module-level function, not a lambda,
            when work goes to other processes); ``None`` returns the Documents themselves.
        paths: a folder or a list of file paths.
        jobs: worker processes when no ``executor`` is given; ``1`` runs in this process,
            ``None`` or ``0`` uses every core.
        executor: any :class:`concurrent.futures.Executor` (process pool, Dask, Ray…); it is
            not shut down here.
        progress: show a progress bar (rich) once the run has taken more than a second.
        chunksize: files per task; by default about four tasks per worker, at most 16 files
            (small tasks keep the workers evenly busy to the end).

    A file that fails (a legacy .doc, a scanned PDF…) gives ``None`` in its place and a
    :class:`RuntimeWarning` naming it and what to do; each file a folder leaves out
    (:func:`skipped_in`) gets a :class:`RuntimeWarning` saying why.

    Example:
        >>> import regtext, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.md").write_text("第一条 甲。", encoding="utf-8")
        >>> map_many(regtext.Document.to_frame, d)[0].shape[0]
        2
    """
    if isinstance(paths, (str, os.PathLike)):
        for p, why in skipped_in(paths):
            warnings.warn(f"skipped {p}: {why}", RuntimeWarning, stacklevel=2)
    files = [str(p) for p in paths_in(paths)]
    if not files:
        return []
    workers = (os.cpu_count() or 1) if not jobs else jobs
    own = None
    if executor is None and workers > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor  # lazy: keeps `import regtext` fast

        own = executor = ProcessPoolExecutor(max_workers=workers)
    try:
        if executor is None:
            pieces = [files]
            order = list(range(len(files)))
        else:
            size = chunksize or max(1, min(16, len(files) // (4 * max(workers, 1)) or 1))
            order, pieces = _largest_first(files, size)
        results: list[list[Any] | None] = [None] * len(pieces)
        bar = _Progress(len(files)) if progress else None
        if executor is None:
            for i, piece in enumerate(pieces):
                results[i] = _work(func, piece)
                if bar:
                    bar.advance(len(piece))
        else:
            futures = {executor.submit(_work, func, piece): i for i, piece in enumerate(pieces)}
            done = as_completed(futures) if all(isinstance(f, Future) for f in futures) \
                else list(futures)
            for fut in done:
                i = futures[fut]
                results[i] = fut.result()
                if bar:
                    bar.advance(len(pieces[i]))
        if bar:
            bar.close()
    finally:
        if own is not None:
            own.shutdown()
    done_in_order: list[Any] = [None] * len(files)
    at = 0
    for piece in results:
        for entry in piece or []:
            done_in_order[order[at]] = entry
            at += 1
    out: list[Any] = []
    for status, value in (e or ("ok", None) for e in done_in_order):
        if status == "error":
            warnings.warn(value, RuntimeWarning, stacklevel=2)
            out.append(None)
        else:
            out.append(value)
    return out


def parse_many(
    paths: str | Path | Iterable[str | Path],
    jobs: int | None = 1,
    executor: Executor | None = None,
    progress: bool = False,
) -> list[Document]:
    """Parse a folder or a list of files into Documents, in input order (folders: sorted).

    See :func:`map_many` for ``jobs``, ``executor`` and ``progress``. Each document's ``id`` is
    its file name without the suffix.

    Shipping whole trees back from worker processes costs about as much as parsing them
    (all of lawrefbook: 19 s with ``jobs=1``, 41 s with ``jobs=2`` on two cores). For
    corpus-scale work, send the analysis to the workers instead, so that only its results
    travel: :func:`map_many` / :func:`frame_many`.

    Example:
        >>> import regtext, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> for name in ("b", "a"):
        ...     _ = (d / f"{name}.md").write_text("第一条 测试。", encoding="utf-8")
        >>> [doc.id for doc in regtext.parse_many(d)]
        ['a', 'b']
    """
    return map_many(None, paths, jobs=jobs, executor=executor, progress=progress)


def frame_many(
    func: Callable[[Document], Any],
    paths: str | Path | Iterable[str | Path],
    jobs: int | None = 1,
    executor: Executor | None = None,
    progress: bool = False,
):
    """Run a DataFrame-returning analysis over many files and stack the results.

    A ``doc`` column (the document id) is put first. Use it for corpus-wide tables, e.g.
    ``frame_many(regtext.citations, "laws/", jobs=4)``.

    Example:
        >>> import regtext, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "a.md").write_text("第一条 甲。\\n第二条 乙。", encoding="utf-8")
        >>> frame_many(regtext.Document.to_frame, d).query("kind == 'article'")[["doc", "ref"]]
          doc ref
        0   a   1
        2   a   2
    """
    import pandas as pd

    if not isinstance(paths, (str, os.PathLike)):
        paths = paths_in(paths)  # fail on a missing path before any work starts
    frames = map_many(_Framed(func), paths, jobs=jobs, executor=executor, progress=progress)
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=["doc"])
    return pd.concat(frames, ignore_index=True)


class _Framed:
    """Picklable wrapper: ``func(doc)`` with the document id as a first ``doc`` column."""

    def __init__(self, func: Callable[[Document], Any]) -> None:
        self.func = func

    def __call__(self, doc: Document):
        df = self.func(doc)
        if df is None or not hasattr(df, "insert"):
            return None
        df = df.copy()
        df.insert(0, "doc", doc.id)
        return df


class _Progress:
    """A rich progress bar that only appears once the run has lasted about a second."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.start = time.perf_counter()
        self.bar = None
        self.task = None

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is None and time.perf_counter() - self.start > 1.0:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("parsing", total=self.total, completed=self.done)
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
