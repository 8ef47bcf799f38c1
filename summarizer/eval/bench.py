"""How fast is a brief, and how much memory does it take? One core, honest numbers.

    python -m summarizer.bench FILE.jsonl|FILE.txt|DIR [--limit N] [--repeat R]
                               [--hostile [WORDS ...]]

Load time is measured in a fresh interpreter (import + Summarizer(), the cost a bot
pays at start), then every article is briefed once to warm caches, then timed. Times are
CPU time of this thread, each article's best of R passes: on a shared machine wall-clock
time measures the neighbours. sumy LexRank is timed on the same article right after each
brief, so both see the same load. Memory is measured on a separate pass because
tracemalloc slows everything it watches. The process is pinned to one CPU where the
platform allows it: no parallelism.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.types import Brief

_CHILD = """
import json, time
t0 = time.perf_counter()
from summarizer.briefing import Summarizer
t1 = time.perf_counter()
engine = Summarizer()
t2 = time.perf_counter()
engine.summarize(TEXT)
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "construct": t2 - t1, "first": t3 - t2}))
"""


# A day's digest: about this many shares.
DIGEST_BRIEFS = 30


class BenchInputError(Exception):
    """The input cannot be benchmarked; str(err) says why."""


@dataclass(frozen=True, slots=True)
class LoadTimes:
    """Seconds, measured in a fresh interpreter."""

    process: float  # from launching the interpreter to the first brief done
    load: float  # import + Summarizer()
    first_brief: float  # the first summarize(): lazy word lists and caches


@dataclass(frozen=True, slots=True)
class Timings:
    """Milliseconds per article over all timed runs."""

    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def p95(self) -> float:
        return percentile(self.runs, 95)

    @property
    def per_second(self) -> float:
        total = sum(self.runs)
        return 1000 * len(self.runs) / total if total else 0.0


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def load_texts(path: Path, limit: int | None = None) -> list[str]:
    """Articles from a JSON-lines file ("article" or "text"), a .txt file or a folder of them."""
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise BenchInputError(f"{path} holds no .txt files")
        texts = [_read(f) for f in files[:limit]]
    elif path.suffix == ".jsonl":
        texts = []
        for number, line in enumerate(_read(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise BenchInputError(f"{path}:{number}: not valid JSON ({err.msg})") from None
            text = row.get("article", row.get("text")) if isinstance(row, dict) else None
            if not isinstance(text, str):
                raise BenchInputError(f'{path}:{number}: needs an "article" or "text" string')
            texts.append(text)
            if limit is not None and len(texts) >= limit:
                break
    else:
        texts = [_read(path)]
    if not texts:
        raise BenchInputError(f"{path} holds no articles")
    return texts


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise BenchInputError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise BenchInputError(f"{path}: not UTF-8 text") from None


def measure_load(sample: str) -> LoadTimes:
    """Start a fresh interpreter that imports the engine, builds it and briefs one article."""
    root = Path(__file__).resolve().parents[2]  # the directory holding summarizer/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    code = _CHILD.replace("TEXT", repr(sample))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchInputError(f"the fresh interpreter failed: {done.stderr.strip()[-500:]}")
    child = json.loads(done.stdout.strip().splitlines()[-1])
    return LoadTimes(elapsed, child["import"] + child["construct"], child["first"])


# CPU time of this thread: what neighbours on the core cannot inflate (sleeping, waiting
# for the core); they still slow it a little through shared caches, hence best of R.
_cpu_ns = time.thread_time_ns


def time_runs(
    brief: Callable[[str], object],
    texts: Sequence[str],
    repeat: int,
    yardstick: Callable[[str], object] | None = None,
) -> tuple[Timings, Timings | None]:
    """Each article's best CPU time over `repeat` passes; the yardstick, when given, is timed
    on the same article right after the brief, so the two see the same load."""
    best = [float("inf")] * len(texts)
    other = [float("inf")] * len(texts)
    for _ in range(repeat):
        for k, text in enumerate(texts):
            start = _cpu_ns()
            brief(text)
            middle = _cpu_ns()
            best[k] = min(best[k], (middle - start) / 1e6)
            if yardstick is not None:
                yardstick(text)
                other[k] = min(other[k], (_cpu_ns() - middle) / 1e6)
    return Timings(best), (Timings(other) if yardstick is not None else None)


def ranking_timings(texts: Sequence[str]) -> Timings:
    """select_bullets alone, on the engine's own sentence split: the ranker's share."""
    from summarizer.ranking import select_bullets
    from summarizer.sentences import read_sentences

    runs = []
    for text in texts:
        sentences, quoted = read_sentences(text)
        start = _cpu_ns()
        select_bullets(text, sentences, quoted)
        runs.append((_cpu_ns() - start) / 1e6)
    return Timings(runs)


def digest_timings(briefs: Sequence[Brief], repeat: int = 20) -> Timings:
    """digest() of a day's worth of briefs (one per share), `repeat` times: the digest's cost."""
    from summarizer.stories import digest

    runs = []
    for _ in range(repeat):
        start = _cpu_ns()
        digest(briefs)
        runs.append((_cpu_ns() - start) / 1e6)
    return Timings(runs)


def traced_peak(brief: Callable[[str], object], texts: Sequence[str]) -> float:
    """Largest Python heap growth (MB) while briefing the articles one after another."""
    tracemalloc.start()
    try:
        for text in texts:
            brief(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def max_rss_mb() -> float:
    """Peak resident set of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def _safe(summarize: Callable[[str], object]) -> Callable[[str], object]:
    from summarizer.errors import BriefError

    def brief(text: str) -> object:
        try:
            return summarize(text)
        except BriefError:
            return None  # refused inputs are part of the workload too

    return brief


def run(path: Path, limit: int | None, repeat: int, hostile: Sequence[int] = ()) -> str:
    texts = load_texts(path, limit)
    load = measure_load(texts[0])
    from summarizer.briefing import Summarizer

    brief = _safe(Summarizer().summarize)
    lexrank = _lexrank()
    for text in texts:  # warm: lazy word lists, regex caches, the allocator
        brief(text)
        if lexrank is not None:
            lexrank(text)
    timings, yardstick = time_runs(brief, texts, repeat, lexrank)
    ranking = ranking_timings(texts)
    from summarizer.types import Brief

    day = [b for b in (brief(t) for t in texts[:DIGEST_BRIEFS]) if isinstance(b, Brief)]
    digests = digest_timings(day)
    peak = traced_peak(brief, texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    lexrank_lines = _lexrank_lines(timings, yardstick)
    worst = hostile_lines(brief, texts, hostile) if hostile else []
    return "\n".join(
        [
            f"Bench: {len(texts)} article{'s' if len(texts) != 1 else ''} from {path} "
            f"(mean {words:,.0f} words), one core, "
            f"{repeat} timed pass{'es' if repeat > 1 else ''} after one warm-up pass; "
            f"CPU time, each article's best pass",
            f"{'load: import + Summarizer() (fresh process)':46}{load.load * 1000:9.0f} ms",
            f"{'first brief in that process':46}{load.first_brief * 1000:9.1f} ms",
            f"{'interpreter launch to first brief done':46}{load.process * 1000:9.0f} ms",
            f"{'summarize(): median per article':46}{timings.median:9.2f} ms",
            f"{'summarize(): p95 per article':46}{timings.p95:9.2f} ms",
            f"{'summarize(): articles per second':46}{timings.per_second:9.1f}",
            f"{'ranking alone (select_bullets): median':46}{ranking.median:9.2f} ms",
            f"{'ranking alone (select_bullets): p95':46}{ranking.p95:9.2f} ms",
            f"{f'digest() of {len(day)} briefs: median':46}{digests.median:9.2f} ms",
            f"{'peak traced Python memory during a pass':46}{peak:9.1f} MB",
            f"{'max RSS of this process':46}{max_rss_mb():9.1f} MB",
            *lexrank_lines,
            *worst,
        ]
    )


def hostile_lines(
    brief: Callable[[str], object], texts: Sequence[str], sizes: Sequence[int]
) -> list[str]:
    """The worst case: each hostile shape at each size, beside ordinary news of that length
    (the articles joined), one brief each after a warm-up, in CPU time."""
    from summarizer.eval.hostile import SHAPES, ordinary

    lines = [f"worst case, CPU ms of one brief each{'':10}" + "".join(f"{n:>9,}w" for n in sizes)]
    cases = {"ordinary articles": lambda n, _seed: ordinary(list(texts), n), **SHAPES}
    for name, make in cases.items():
        cells = []
        for n in sizes:
            text = make(n, 0)
            start = time.thread_time_ns()  # CPU time: what neighbours on the core cannot inflate
            brief(text)
            cells.append(f"{(time.thread_time_ns() - start) / 1e6:10.0f}")
        lines.append(f"{'  ' + name:46}" + "".join(cells))
    return lines


def _lexrank() -> Callable[[str], object] | None:
    try:
        from summarizer.eval.lexrank_baseline import lexrank_summarizer

        return lexrank_summarizer()
    except ImportError:  # sumy is a dev extra
        return None


def _lexrank_lines(briefs: Timings, lexrank: Timings | None) -> list[str]:
    """sumy LexRank on the same articles, and the whole brief's time as a share of it."""
    if lexrank is None:
        return ["sumy LexRank: not installed (pip install -e '.[dev]')"]
    return [
        f"{'sumy LexRank, 3 sentences: median':46}{lexrank.median:9.2f} ms",
        f"{'brief median / LexRank median':46}{briefs.median / lexrank.median:9.2f}",
    ]


def pin_to_one_core() -> None:
    """Run on one CPU (children inherit it), so BLAS or spaCy threads cannot flatter the figures."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.bench", description="Time and memory of summarize()."
    )
    parser.add_argument("path", type=Path, help=".jsonl (article/text), .txt, or a folder of .txt")
    parser.add_argument("--limit", type=_positive, help="only the first N articles")
    parser.add_argument("--repeat", type=_positive, default=1, help="timed passes (default 1)")
    parser.add_argument(
        "--hostile",
        type=_positive,
        nargs="*",
        metavar="WORDS",
        help="also time the hostile shapes (summarizer/eval/hostile.py) beside ordinary news "
        "of the same length (default sizes: 5000 50000)",
    )
    args = parser.parse_args(argv)
    hostile = (args.hostile or [5_000, 50_000]) if args.hostile is not None else []
    pin_to_one_core()
    try:
        print(run(args.path, args.limit, args.repeat, hostile))
    except BenchInputError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
