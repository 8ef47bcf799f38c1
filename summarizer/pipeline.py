"""The spaCy pipeline: blank English by default, a trained pipeline when one is installed.

Trained pipelines cannot be downloaded on every machine, so the rules must stand on
tokens alone; a trained pipeline only adds entities and a parse for them to use.
"""

from __future__ import annotations

import logging
from functools import cache

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

TOKENIZER_CACHE = 100_000


@cache
def load_pipeline(model: str | None = None) -> Language:
    """`model` names an installed trained pipeline; when absent or not installed, blank English."""
    if model:
        try:
            return spacy.load(model, exclude=["lemmatizer", "textcat"])
        except OSError:
            log.warning("spaCy pipeline %r is not installed; using blank English and rules", model)
    nlp = spacy.blank("en")
    # News repeats its words across articles; the default cache of 10,000 strings
    # overflows within a few articles and then tokenizes every word again.
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    return nlp


def has_entities(nlp: Language) -> bool:
    return "ner" in nlp.pipe_names
