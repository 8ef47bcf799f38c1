"""The blank pipeline keeps enough tokenizer cache for a day of news."""

from summarizer.pipeline import TOKENIZER_CACHE, load_pipeline


def test_blank_pipeline_caches_a_newsroom_vocabulary() -> None:
    # spaCy's default (10,000 strings) overflows within a few articles and re-tokenizes every word.
    assert load_pipeline().tokenizer.max_cache_size == TOKENIZER_CACHE
    assert TOKENIZER_CACHE >= 100_000
