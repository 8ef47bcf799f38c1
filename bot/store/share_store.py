"""The store's calls that keep what was shared: an article, its link's checks, its brief and
its postings, each alone or together in one transaction (shares.py); Store inherits them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.batches import Batches
from bot.store.records import NewArticle, NewBrief, NewCheck, NewPosting, SavedArticle
from bot.store.sessions import Sessions
from bot.store.shares import Kept, Share, checked_share, keep_shares

# At most this many shares are kept in one transaction.
BATCH = 100


class ShareStore(Sessions):
    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        # Shares that arrive together (a burst of briefs) are kept in one transaction: a
        # reply waits one turn at the database, not one behind each of the others.
        self._keeping: Batches[Share, Kept | Exception] = Batches(self._keep_all, limit=BATCH)

    async def keep(
        self,
        article: NewArticle | int,
        *,
        brief: NewBrief | None = None,
        check: NewCheck | None = None,
        posting: NewPosting | None = None,
    ) -> SavedArticle:
        """Keep the article (or find the stored one by id), then note the check of its link,
        keep its brief with the rows of who said what, and note where it was posted: all in
        one transaction, so a reply waits one turn at the database, and nothing is kept
        half. Returns `(article_id, created)`.

        The article is found by any of its URLs, else by content hash, else inserted; its
        URLs are linked to it. Metadata fills only fields the existing article lacks. With
        `replaces`, a new text is kept as the link's newest version beside the old article,
        and the URLs move to it (see versions.py). A brief of the same summarizer version
        replaces the one before. A posting for a `request` is made once.

        Raises ValueError for a value that cannot be kept, UnknownArticleError when the
        article given by id, or the one replaced, is not stored.
        """
        saved, _ = await self._keep(
            checked_share(article, brief=brief, check=check, posting=posting)
        )
        return saved

    async def save_article(
        self,
        *,
        text: str,
        url: str | None = None,
        canonical_url: str | None = None,
        title: str | None = None,
        byline: str | None = None,
        site_name: str | None = None,
        published_at: datetime | None = None,
        fetched_at: datetime,
        replaces: int | None = None,
    ) -> SavedArticle:
        """Keep an article once (see `keep`); `created` is False when it was there already."""
        return await self.keep(
            NewArticle(
                text=text,
                fetched_at=fetched_at,
                url=url,
                canonical_url=canonical_url,
                title=title,
                byline=byline,
                site_name=site_name,
                published_at=published_at,
                replaces=replaces,
            )
        )

    async def record_link_check(
        self,
        article_id: int,
        urls: Sequence[str | None],
        *,
        checked_at: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Note that a fetch found the article behind `urls` at `checked_at`, with these
        validators (None: the answer gave none); URLs standing for another article are left."""
        await self.keep(
            article_id,
            check=NewCheck(tuple(urls), checked_at, etag=etag, last_modified=last_modified),
        )

    async def save_brief(
        self, article_id: int, brief_json: str, version: str, *, created_at: datetime
    ) -> None:
        """Keep the brief `version` of the summarizer made (see `keep`). Raises
        UnknownArticleError when the article is not stored."""
        await self.keep(article_id, brief=NewBrief(brief_json, version, created_at))

    async def record_posting(
        self,
        article_id: int,
        *,
        platform: str,
        channel: str,
        workspace: str | None = None,
        message_id: str | None = None,
        user_id: str | None = None,
        posted_at: datetime,
        request: str | None = None,
        private: bool = True,
    ) -> int:
        """Note that the article was posted; returns the posting's id. `request`: the
        accepted work it answers; posted for that request already, the posting is not made
        again (work resumed after a crash counts each share once). `private`: shared where
        not everyone in the workspace may read it (a private channel, a direct message, or
        not known to be public): shown back only in that same channel.

        Raises UnknownArticleError when the article is not stored.
        """
        posting = NewPosting(
            platform=platform,
            channel=channel,
            posted_at=posted_at,
            workspace=workspace,
            message_id=message_id,
            user_id=user_id,
            request=request,
            private=private,
        )
        _, posted = await self._keep(checked_share(article_id, posting=posting))
        assert posted is not None  # a posting was asked for
        return posted

    async def _keep(self, share: Share) -> Kept:
        kept = await self._keeping(share)
        if isinstance(kept, Exception):
            raise kept
        return kept

    async def _keep_all(self, shares: list[Share]) -> list[Kept | Exception]:
        """The shares that arrived together, in one transaction; if it fails, each in its own,
        so that one share's failure (its article deleted meanwhile) is its own alone."""
        try:
            return list(await self._write(keep_shares, shares))
        except Exception as failure:
            if len(shares) == 1:
                return [failure]
        outcomes: list[Kept | Exception] = []
        for share in shares:
            try:
                outcomes += await self._write(keep_shares, [share])
            except Exception as failure:
                outcomes.append(failure)
        return outcomes
