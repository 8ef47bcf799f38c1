"""Errors the store raises on purpose (bad arguments raise ValueError)."""

from __future__ import annotations


class UnknownArticleError(LookupError):
    """A brief or posting named an article id the store does not hold."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"no article with id {article_id}")
        self.article_id = article_id


class UnknownDigestRunError(LookupError):
    """A digest run id the store does not hold was asked to change."""

    def __init__(self, run_id: int) -> None:
        super().__init__(f"no digest run with id {run_id}")
        self.run_id = run_id
