"""The platform-neutral use cases: brief a link or a pasted text, and keep what was read.

Adapters (the CLI, Slack, Discord) parse their input, call these, then render and post;
nothing here knows a platform. Briefing and reading a page are pure and CPU-bound, so they
run in `BriefWork` (bot/workers/): worker processes with a time limit in the bot, threads in
a one-shot command; a slow article must not stall a chat platform's acknowledgement.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from bot.channels import ChannelRef
from bot.ingest import Article, Fetcher, FetchError, Page, Validators, find_links
from bot.ingest.links import MAX_LINKS
from bot.ingest.politeness import HostLimiter
from bot.intake import Intake
from bot.metrics import Metrics
from bot.store import (
    LinkCheck,
    NewArticle,
    NewBrief,
    NewCheck,
    NewPosting,
    Store,
    StoredArticle,
    content_hash,
)
from bot.whatsnew import DEFAULT_STORY_WINDOW, StoryMemory
from bot.workers import BriefWork, InProcess
from summarizer import VERSION, Brief, BriefError, Summarizer

log = logging.getLogger(__name__)

# A message without a link is briefed as an article only when it is at least this long.
MIN_PASTED_WORDS = 120
# A text file shared in a channel (a Slack snippet, Discord's message.txt) is read up to this.
MAX_FILE_BYTES = 1024 * 1024
FILE_TOO_LARGE = "The file is too large to read (over 1 MB)."
NOT_PLAIN_TEXT = "The file is not plain text."
UNEXPECTED = "Something went wrong while reading that; the team has the details in the log."
# A stored link is asked for again (conditionally) once its last check is this old.
DEFAULT_LINK_REFRESH = timedelta(minutes=60)
# What a brief was made from, as sources are named in replies and counted in the metrics.
PASTED = "pasted text"
LINK = "link"
TEXT = "text"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a request came from, kept as a posting of the article."""

    platform: str
    channel: str
    workspace: str | None = None
    message_id: str | None = None
    user_id: str | None = None
    # The accepted work being answered (Accepted.request): its postings are made once, also
    # when the work is resumed after a crash.
    request: str | None = None
    # Not known to be readable by everyone in the workspace (a private channel, a direct
    # message): what was shared here is only ever shown back here.
    private: bool = True


@dataclass(frozen=True, slots=True)
class TextSource:
    """What is known of a text's origin besides its title (the demo's sample articles say)."""

    url: str | None = None
    site: str | None = None
    published: str | None = None  # an ISO date or time


@dataclass(frozen=True, slots=True)
class Briefed:
    """A brief and the stored article it belongs to; `new` when the article was first seen.

    `previous_id`: the link's page changed since it was last read, and this is the article of
    the version it replaced (kept, with its brief).
    """

    brief: Brief
    article_id: int
    new: bool
    previous_id: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One source of a message: its brief, or the plain sentence saying why there is none."""

    source: str
    briefed: Briefed | None = None
    problem: str | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


def _published(value: str | None) -> datetime | None:
    """An ISO date or time from the reader as an aware datetime (a bare date is midnight UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _decoded(stored: str | None) -> Brief | None:
    """A brief as the store kept it (its JSON), if it kept one."""
    return Brief.from_dict(json.loads(stored)) if stored is not None else None


class BriefService:
    def __init__(
        self,
        work: BriefWork | Summarizer,
        store: Store,
        fetcher: Fetcher | None = None,
        *,
        now: Callable[[], datetime] = utc_now,
        link_refresh: timedelta = DEFAULT_LINK_REFRESH,
        metrics: Metrics | None = None,
        intake: Intake | None = None,
        story_window: timedelta = DEFAULT_STORY_WINDOW,
    ) -> None:
        """`work` does the briefing and page reading; a bare Summarizer does it in threads.
        `metrics` counts the briefs (a registry of this service's own when not given).
        `intake` keeps the requests adapters accept until answered (on this store).
        `story_window`: how far back What's new looks (0: not at all)."""
        self.work = InProcess(work) if isinstance(work, Summarizer) else work
        self.store = store
        self.fetcher = fetcher
        self.now = now
        self.link_refresh = link_refresh
        self._refreshes = HostLimiter(1)  # a lock per link (keyed by its URL)
        self.metrics = metrics if metrics is not None else Metrics()
        self.intake = intake if intake is not None else Intake(store, now=now)
        self.memory = StoryMemory(store, now=now, window=story_window)

    async def brief_text(
        self,
        text: str,
        *,
        title: str | None = None,
        origin: Origin | None = None,
        source: TextSource | None = None,
    ) -> Briefed:
        """Brief pasted text (with what is known of where it is from), leading with What's
        new in its story when it is shared in a channel."""
        made = await self._brief_text(text, title=title, origin=origin, source=source)
        return await self._told(made, origin)

    async def _brief_text(
        self,
        text: str,
        *,
        title: str | None = None,
        origin: Origin | None = None,
        source: TextSource | None = None,
    ) -> Briefed:
        """Brief pasted text (with what is known of where it is from); the text is stored
        only once it proved briefable."""
        facts = source or TextSource()
        brief = (await self._summarize(text, title)).with_source(
            url=facts.url, site=facts.site, published=facts.published
        )
        saved = await self.store.keep(
            NewArticle(
                text=text,
                fetched_at=self.now(),
                url=facts.url,
                title=title,
                site_name=facts.site,
                published_at=_published(facts.published),
            ),
            brief=self._kept(brief),
            posting=self._posting(origin),
        )
        return Briefed(brief, saved.article_id, saved.created)

    async def brief_url(self, url: str, *, origin: Origin | None = None) -> Briefed:
        """The brief of a link (`_brief_url`), leading with What's new in its story, or
        "Updated" when its page changed, when it is shared in a channel."""
        return await self._told(await self._brief_url(url, origin=origin), origin)

    async def _brief_url(self, url: str, *, origin: Origin | None = None) -> Briefed:
        """Brief the article behind a link: fetched and stored when new; once its last check
        is `link_refresh` old, asked for again only if it changed, and a changed page is
        kept as the link's newest version beside the old one and briefed. A refresh that
        fails leaves the stored brief standing."""
        known = await self.store.article_for_url(url)
        if known is None:
            with self.metrics.fetch_seconds.time():
                page = await self._link_fetcher().fetch(url)
            return await self._brief_page(url, page, await self.work.read(page), origin=origin)
        if self._due(await self.store.link_check(url)):
            # One refresh of a link at a time: those who waited find it checked (and its newest
            # version), rather than each reading the page again.
            async with self._refreshes.slot(url):
                known = await self.store.article_for_url(url) or known
                check = await self.store.link_check(url)
                if check is not None and self._due(check):
                    refreshed = await self._refresh(url, known, check, origin)
                    if refreshed is not None:
                        return refreshed
        return await self._brief_stored(url, known, origin)

    async def brief_message(self, message: str, *, origin: Origin | None = None) -> list[Outcome]:
        """Every link in a chat message (at most five), else the message as an article when it
        is long enough; a failing link never stops the others."""
        links = find_links(message, limit=MAX_LINKS)
        if not links:
            if len(message.split()) < MIN_PASTED_WORDS:
                return []
            return [await self._outcome(PASTED, self.brief_text(message, origin=origin), origin)]
        return [
            await self._outcome(url, self.brief_url(url, origin=origin), origin, kind=LINK)
            for url in links
        ]

    async def brief_request(self, text: str, *, origin: Origin | None = None) -> list[Outcome]:
        """What `/brief TEXT` asks for: each link in it, else the text itself whatever its
        length (asking is the sign it is an article, so short texts are not small talk)."""
        if find_links(text, limit=1):
            return await self.brief_message(text, origin=origin)
        return [await self._outcome(PASTED, self.brief_text(text, origin=origin), origin)]

    async def brief_pasted(
        self, text: str, *, source: str, origin: Origin | None = None
    ) -> list[Outcome]:
        """A long paste that arrived as a file (Slack snippet, Discord message.txt), briefed as
        the article it is, even when it quotes links; too short a file is small talk."""
        if len(text.split()) < MIN_PASTED_WORDS:
            return []
        return [await self._outcome(source, self.brief_text(text, origin=origin), origin)]

    async def brief_file(
        self, url: str, *, name: str, size: int | None = None, origin: Origin | None = None
    ) -> list[Outcome]:
        """A text file shared in a channel (Discord's message.txt for a long paste), read
        through the same guarded fetcher as a link and briefed as pasted text."""
        if size is not None and size > MAX_FILE_BYTES:
            return [Outcome(name, problem=FILE_TOO_LARGE)]
        if self.fetcher is None:
            raise RuntimeError("BriefService has no fetcher for files")
        try:
            page = await self.fetcher.fetch(url)
        except FetchError as e:
            log.info("Could not read the file %s: %s", name, e)
            return [Outcome(name, problem=e.user_message)]
        if page.content_type != "text/plain":
            return [Outcome(name, problem=NOT_PLAIN_TEXT)]
        if len(page.text.encode("utf-8")) > MAX_FILE_BYTES:
            return [Outcome(name, problem=FILE_TOO_LARGE)]
        return await self.brief_pasted(page.text, source=name, origin=origin)

    @staticmethod
    def worth_briefing(text: str) -> bool:
        """A cheap look before anything is read or stored: a link, or enough words to be an
        article (what brief_message would brief)."""
        return bool(find_links(text, limit=1)) or len(text.split()) >= MIN_PASTED_WORDS

    # Channel settings

    async def auto_brief(self, channel: ChannelRef) -> bool:
        """Whether pasted links and texts in the channel are briefed unasked."""
        return await self.store.auto_brief(
            channel.platform, channel.channel, workspace=channel.workspace
        )

    async def set_auto_brief(self, channel: ChannelRef, on: bool) -> None:
        await self.store.set_auto_brief(
            channel.platform,
            channel.channel,
            on,
            workspace=channel.workspace,
            updated_at=self.now(),
        )

    # Links

    def _link_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            raise RuntimeError("BriefService has no fetcher for links")
        return self.fetcher

    def _due(self, check: LinkCheck | None) -> bool:
        """Whether the link's page is to be asked for again (0 minutes: on every paste)."""
        if check is None:
            return False
        if check.checked_at is None or self.link_refresh <= timedelta(0):
            return True
        return self.now() - check.checked_at >= self.link_refresh

    async def _refresh(
        self, url: str, known: StoredArticle, check: LinkCheck, origin: Origin | None
    ) -> Briefed | None:
        """The brief of the link's changed page, or None when the stored version stands: the
        page is unchanged (a 304, or the same text), or could not be read or briefed."""
        validators = Validators.kept(check.etag, check.last_modified)
        try:
            with self.metrics.fetch_seconds.time():
                page = await self._link_fetcher().refetch(url, validators)
            if page is None:
                await self._checked(known.id, [url], validators)
                return None
            article = await self.work.read(page)
            if content_hash(article.text) == known.content_hash:
                await self._checked(known.id, [article.canonical_url, url], page.validators)
                return None
            return await self._brief_page(url, page, article, origin=origin, replaces=known.id)
        except (FetchError, BriefError) as e:
            log.warning(
                "Could not refresh %s, so its stored brief stands (%s: %s)",
                url,
                type(e).__name__,
                e,
            )
            # Counted as a check, so a site that is down costs one wait per refresh period,
            # not one on every paste.
            await self._checked(known.id, [url], validators)
            return None

    async def _checked(
        self, article_id: int, urls: list[str | None], validators: Validators
    ) -> None:
        await self.store.record_link_check(
            article_id,
            urls,
            checked_at=self.now(),
            etag=validators.etag,
            last_modified=validators.last_modified,
        )

    async def _brief_page(
        self,
        url: str,
        page: Page,
        article: Article,
        *,
        origin: Origin | None,
        replaces: int | None = None,
    ) -> Briefed:
        """Store and brief what a fetch of `url` read. A page whose canonical link holds
        another text has changed too (the link was pasted in another form before)."""
        if replaces is None and article.canonical_url and article.canonical_url != url:
            earlier = await self.store.article_for_url(article.canonical_url)
            if earlier is not None and earlier.content_hash != content_hash(article.text):
                replaces = earlier.id
        # The same text may be known already, pasted or under another link; else it is
        # briefed before anything is kept, so a changed page proves briefable before the link
        # moves to its new text.
        made = await self._stored_brief(article.text)
        if made is None:
            made = await self._summarize(article.text, article.title)
        brief = made.with_source(
            title=article.title,
            url=article.canonical_url,
            byline=article.byline,
            published=article.published,
            site=article.site_name,
        )
        validators = page.validators
        saved = await self.store.keep(
            NewArticle(
                text=article.text,
                fetched_at=page.fetched_at,
                url=url,
                canonical_url=article.canonical_url,
                title=article.title,
                byline=article.byline,
                site_name=article.site_name,
                published_at=_published(article.published),
                replaces=replaces,
            ),
            check=NewCheck(
                (article.canonical_url, url),
                self.now(),
                etag=validators.etag,
                last_modified=validators.last_modified,
            ),
            brief=self._kept(brief),
            posting=self._posting(origin),
        )
        return Briefed(brief, saved.article_id, saved.created, previous_id=replaces)

    async def _brief_stored(self, url: str, known: StoredArticle, origin: Origin | None) -> Briefed:
        """The stored version's brief (made from its stored text if this summarizer version
        has none yet)."""
        stored = _decoded(await self.store.brief_for(known.id, VERSION))
        made = stored or await self._summarize(known.text, known.title)
        brief = made.with_source(
            title=known.title,
            url=known.canonical_url or url,
            byline=known.byline,
            published=known.published_at.isoformat() if known.published_at else None,
            site=known.site_name,
        )
        if stored is None or origin is not None:
            await self.store.keep(
                known.id,
                brief=self._kept(brief) if stored is None else None,
                posting=self._posting(origin),
            )
        return Briefed(brief, known.id, False)

    async def _told(self, briefed: Briefed, origin: Origin | None) -> Briefed:
        """The brief with its What's new where it is shared (bot/whatsnew.py); a failure there
        costs the reader only the What's new, never the brief."""
        if origin is None:
            return briefed
        target = ChannelRef(origin.platform, origin.channel, origin.workspace or None)
        try:
            brief = await self.memory.told(
                briefed.brief, briefed.article_id, target, previous_id=briefed.previous_id
            )
        except Exception:
            log.exception("What's new failed for article %s", briefed.article_id)
            return briefed
        return replace(briefed, brief=brief)

    async def _outcome(
        self, source: str, work: Awaitable[Briefed], origin: Origin | None, *, kind: str = TEXT
    ) -> Outcome:
        """`work`'s brief, or the problem to say instead; counted by how it ended."""
        metrics = self.metrics
        metrics.queue_depth.inc()
        try:
            with metrics.brief_seconds.labels(source=kind).time():
                outcome = await self._answer(source, work)
        finally:
            metrics.queue_depth.dec()
        ended = (
            "briefed"
            if outcome.briefed is not None
            else ("failed" if outcome.problem == UNEXPECTED else "problem")
        )
        platform = origin.platform if origin is not None else "none"
        metrics.briefs.labels(outcome=ended, source=kind, platform=platform).inc()
        return outcome

    async def _answer(self, source: str, work: Awaitable[Briefed]) -> Outcome:
        try:
            return Outcome(source, briefed=await work)
        except FetchError as e:
            log.info("Could not brief %s: %s", source, e)
            return Outcome(source, problem=e.user_message)
        except BriefError as e:
            log.info("Could not brief %s: %s", source, e)
            return Outcome(source, problem=str(e))
        except Exception:
            log.exception("Unexpected failure while briefing %s", source)
            return Outcome(source, problem=UNEXPECTED)

    async def _summarize(self, text: str, title: str | None) -> Brief:
        return await self.work.summarize(text, title)

    async def _stored_brief(self, text: str) -> Brief | None:
        """The brief this summarizer version made of the text, if it made one."""
        return _decoded(await self.store.brief_for_text(text, VERSION))

    def _kept(self, brief: Brief) -> NewBrief:
        return NewBrief(brief.to_json(), VERSION, self.now())

    def _posting(self, origin: Origin | None) -> NewPosting | None:
        if origin is None:
            return None
        return NewPosting(
            platform=origin.platform,
            channel=origin.channel,
            posted_at=self.now(),
            workspace=origin.workspace,
            message_id=origin.message_id,
            user_id=origin.user_id,
            request=origin.request,
            private=origin.private,
        )
