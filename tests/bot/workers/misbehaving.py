"""Brief work for the pool's tests, run in real worker processes: the real summarizer, except
for a text that asks to hang (past any time limit) or to end its worker (as a crash would).

The asking text names a FIFO the job writes its process id into before it misbehaves: the
test's blocking read of it returns only once the work is really running, so no test waits on
the clock.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from bot.workers.jobs import summarize_in_worker
from summarizer import Brief

HANG = "Hang, telling "
EXIT = "Exit, telling "


def summarize_or_misbehave(text: str, title: str | None) -> Brief:
    for ask in (HANG, EXIT):
        if text.startswith(ask):
            Path(text.removeprefix(ask)).write_text(str(os.getpid()))
            if ask == EXIT:
                os._exit(3)
            threading.Event().wait()  # never set: only the pool can end this
    return summarize_in_worker(text, title)
