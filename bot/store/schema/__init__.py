"""The store's tables. Each module holds one family of tables; importing this package registers
them all on `Base.metadata` (add new modules here)."""

from bot.store.schema.articles import MAX_URL_LENGTH, Article, ArticleUrl, ArticleVersion
from bot.store.schema.base import Base
from bot.store.schema.briefs import BriefRow
from bot.store.schema.channels import ChannelSettingRow
from bot.store.schema.digests import DigestRunRow, DigestScheduleRow, DigestSourceRow
from bot.store.schema.installations import slack_bots, slack_installations, slack_oauth_states
from bot.store.schema.memory import ActorRow, NameKeyRow, SearchDocumentRow, StatementRow
from bot.store.schema.postings import PostingRow
from bot.store.schema.work import AcceptedWorkRow

__all__ = [
    "MAX_URL_LENGTH",
    "AcceptedWorkRow",
    "ActorRow",
    "Article",
    "ArticleUrl",
    "ArticleVersion",
    "Base",
    "BriefRow",
    "ChannelSettingRow",
    "DigestRunRow",
    "DigestScheduleRow",
    "DigestSourceRow",
    "NameKeyRow",
    "PostingRow",
    "SearchDocumentRow",
    "StatementRow",
    "slack_bots",
    "slack_installations",
    "slack_oauth_states",
]
