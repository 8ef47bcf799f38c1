"""The CNN quote list's part of the report: its figures, and every error with --show-errors."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.eval.cnn_quotes import QuoteErrors, QuoteReport
from summarizer.eval.layout import count, share, snippet


def format_quotes(report: QuoteReport, *, show_errors: bool = False) -> str:
    e, t = report.everything, report.top_level
    lines = [
        f"Quotes on {count(report.articles, 'article')} ({e.listed} listed, {e.found} found)",
        f"{'':18}{'P':>7}{'R':>7}{'F1':>7}{'Speaker':>9}{'Matched':>9}",
    ]
    for name, tally in (("all quotations", e), ("without nested", t)):
        lines.append(
            f"{name:18}{tally.precision:7.3f}{tally.recall:7.3f}{tally.f1:7.3f}"
            f"{tally.speaker_accuracy:9.3f}{tally.matched:>5}/{tally.listed:<3}"
        )
    wrong = sum(len(err.wrong_speaker) for err in report.errors)
    if wrong:
        kinds = report.wrong_by_kind.most_common()
        spread = ", ".join(f"{kind} {n}" for kind, n in kinds)
        lines.append(
            f"Wrong speakers: {wrong} (by the listed mention: {spread}; "
            f"no cue {report.wrong_no_cue}; no speaker found {report.wrong_found_none})"
        )
    lines.append(
        f"First five quotes of each brief that are listed quotations: "
        f"{share(report.first_real, report.first_shown)}"
    )
    if report.unbriefed:
        lines.append(f"Could not be briefed: {', '.join(report.unbriefed)}")
    if show_errors:
        lines.extend(_error_lines(report.errors))
    return "\n".join(lines)


def _error_lines(errors: Sequence[QuoteErrors]) -> list[str]:
    """Per article: missed, spurious and wrong-speaker quotes with what was expected and got."""
    lines: list[str] = []
    for err in errors:
        lines.append("")
        lines.append(
            f"== {err.article_id}: {len(err.missed)} missed, {len(err.spurious)} spurious, "
            f"{len(err.wrong_speaker)} wrong speaker"
        )
        for q in err.missed:
            tag = " (nested)" if q.nested else ""
            lines.append(
                f'  MISSED   {q.start}-{q.end}{tag} "{snippet(q.text)}"  expected '
                f"{q.speaker!r} (mention {q.speaker_in_text!r}, cue {q.cue!r})"
            )
        for f in err.spurious:
            lines.append(
                f'  SPURIOUS {f.start}-{f.end} "{snippet(f.text)}"  '
                f"got {f.speaker!r} (cue {f.cue!r})"
            )
        for q, f in err.wrong_speaker:
            lines.append(
                f'  SPEAKER  {q.start}-{q.end} "{snippet(q.text)}"  expected {q.speaker!r} '
                f"(mention {q.speaker_in_text!r}, cue {q.cue!r})  got {f.speaker!r} (cue {f.cue!r})"
            )
    return lines
