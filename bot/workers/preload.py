"""Imported once by the fork server the workers are forked from, and by nothing else: loading
the blank English pipeline, the gazetteer and the reader here means every worker, the first
and each one replacing a stopped worker, starts with them in memory instead of spending one to
two seconds of its own (measured under load) before it can take a brief."""

from bot.ingest.reader import warm_up
from summarizer.gazetteer import warm_gazetteer
from summarizer.pipeline import load_pipeline

load_pipeline(None)
warm_gazetteer()
warm_up()
