"""Reading articles: three real-looking layouts fetched from a local server, then the parts.

Each page carries navigation, ads, related links and a comment section; the article text must
keep none of them. Dates come from JSON-LD, from meta tags only, or from an AP-style dateline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from ipaddress import IPv4Address
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from bot.ingest.addresses import AddressPolicy
from bot.ingest.canonical import canonical_url, clean_url
from bot.ingest.dates import parse_date
from bot.ingest.errors import FetchError, NoReadableArticle
from bot.ingest.fetch import Fetcher, Page
from bot.ingest.published import published_date
from bot.ingest.reader import MIN_WORDS, Article, clean_byline, read_article, trim_furniture

PAGES = Path(__file__).resolve().parent / "pages"
SERVER_IP = "127.0.0.2"
POLICY = AddressPolicy(also_allowed=frozenset({IPv4Address(SERVER_IP)}))
NO_ARTICLE = "The page has no readable article (it may be behind a paywall or need JavaScript)."

STORY = " ".join(
    [
        "The county road crew began repaving the old ferry road on Monday, a job that has",
        "been delayed for three summers by budget fights and a shortage of asphalt.",
        "Crews will work from seven in the morning until five in the afternoon, and drivers",
        "should expect one lane to close near the bridge for about two weeks.",
        "The road carries about four thousand cars a day, most of them commuters heading",
        "to the shipyard, according to the county engineer, who said the new surface should",
        "last at least fifteen years if the drainage ditches are kept clear.",
        "Residents who live along the road said they were glad the work had finally begun.",
    ]
)


@pytest.fixture
async def news_site() -> AsyncIterator[TestServer]:
    async def serve(name: str) -> web.Response:
        body = (PAGES / f"{name}.html").read_bytes()
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    async def harbor(request: web.Request) -> web.Response:
        return await serve("harbor_courier")

    async def valley(request: web.Request) -> web.Response:
        return await serve("valley_tribune")

    async def northfield(request: web.Request) -> web.Response:
        return await serve("northfield_weekly")

    async def short_link(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/news/levy?id=7&utm_campaign=weekend#top")

    app = web.Application()
    app.router.add_get("/harbor/story", harbor)
    app.router.add_get("/health/clinics", valley)
    app.router.add_get("/news/levy", northfield)
    app.router.add_get("/s/levy", short_link)
    server = TestServer(app, host=SERVER_IP)
    await server.start_server(shutdown_timeout=1)
    yield server
    await server.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        contact_url="https://newsroom.example/bot",
        policy=POLICY,
        connect_timeout=1,
        total_timeout=2,
    ) as f:
        yield f


async def fetch_and_read(fetcher: Fetcher, url: str) -> Article:
    return read_article(await fetcher.fetch(url))


def assert_clean(text: str, furniture: list[str]) -> None:
    for phrase in furniture:
        assert phrase not in text, phrase


# --- the three layouts, end to end ------------------------------------------------------------


async def test_json_ld_page(news_site: TestServer, fetcher: Fetcher) -> None:
    base = str(news_site.make_url("/"))
    url = base + "harbor/story?utm_source=twitter&utm_medium=social"
    article = await fetch_and_read(fetcher, url)
    assert article.url == url
    assert article.title == "Port board approves $48 million dredging plan after heated hearing"
    assert article.byline == "Marisol Ortega"
    assert article.site_name == "The Harbor Courier"
    # JSON-LD wins over the printed "Sept. 3, 2024", and keeps the time of day.
    assert article.published == "2024-09-03T18:42:00-04:00"
    # A relative rel=canonical, made absolute against the page's own address.
    assert article.canonical_url == base + "news/2024/09/03/port-board-approves-dredging-plan"
    assert article.text.startswith("SALTMARSH — The Saltmarsh Port Authority voted 5-2")
    assert '"We are not going to keep the cranes busy' in article.text
    assert article.text.rstrip().endswith("early next year.")
    assert_clean(
        article.text,
        [
            "harborwatcher77",
            "hearing was just for show",
            "Bigger ships mean more jobs",
            "Subscribe for $1",
            "High School Sports",
            "Refinance your boat",
            "Ferry fares to rise",
            "We use cookies",
            "morning newsletter",
            "All rights reserved",
        ],
    )
    assert article.word_count > 300


async def test_meta_tags_only_page(news_site: TestServer, fetcher: Fetcher) -> None:
    url = str(news_site.make_url("/health/clinics?fbclid=IwAR3xyz"))
    article = await fetch_and_read(fetcher, url)
    assert article.title == "County closes two rural clinics, citing staff shortage"
    assert article.byline == "Devin Achterberg"
    assert article.site_name == "Valley Tribune"
    # article:published_time, not the update (March 7) nor the masthead's date (March 7).
    assert article.published == "2024-03-05T13:30:00+00:00"
    # The page declares a canonical on valleytribune.example but was served from 127.0.0.2:
    # a page may only speak for its own site, so the cleaned address fetched is kept.
    assert article.canonical_url == url.split("?")[0]
    assert article.text.startswith("Linden County will close its public health clinics")
    assert "That is a shrug." in article.text
    assert_clean(
        article.text,
        [
            "ranchwife_52",
            "mobile van idea is fine",
            "Pay nurses what the hospital pays",
            "Medicare plan",
            "Classifieds",
            "Hay prices climb",
            "Spring tractor sale",
            "Partly cloudy",
            "Posted March 5, 2024",
        ],
    )


async def test_page_without_json_ld_or_meta(news_site: TestServer, fetcher: Fetcher) -> None:
    base = str(news_site.make_url("/"))
    url = base + "news/levy?id=7&utm_source=fb&utm_medium=social&fbclid=IwAR0&gclid=Cj0&mc_eid=42"
    article = await fetch_and_read(fetcher, url)
    assert article.title == "Library levy fails by 212 votes"
    assert article.byline == "Priya Raman"  # "Staff Writer" is a job, not a name
    # The AP-style dateline "Posted Aug. 25, 2024 at 5:12 p.m." (no zone: the date alone);
    # trafilatura alone picks June 2, 2023 from the related-stories box here.
    assert article.published == "2024-08-25"
    # No rel=canonical: the address fetched, without tracking parameters; id=7 stays.
    assert article.canonical_url == base + "news/levy?id=7"
    assert article.text.startswith("NORTHFIELD — Voters turned down a property tax levy")
    assert "Staff Writer" not in article.text
    assert_clean(
        article.text,
        [
            "oldtimer",
            "Shameful result",
            "turning off the lights",
            "Northfield Hardware",
            "E-edition",
            "Family Dentistry",
            "What the library levy would pay for",
            "Sunny, high of 81",
        ],
    )


async def test_redirected_link_keeps_the_pasted_url(
    news_site: TestServer, fetcher: Fetcher
) -> None:
    base = str(news_site.make_url("/"))
    article = await fetch_and_read(fetcher, base + "s/levy")
    assert article.url == base + "s/levy"
    assert article.canonical_url == base + "news/levy?id=7"  # final URL, cleaned


# --- refusals ------------------------------------------------------------------------------


def html_page(body: str, url: str = "https://news.example/story", head: str = "") -> Page:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return Page(url, url, 200, "text/html", html, datetime.now(UTC))


def text_page(text: str, url: str = "https://news.example/notes.txt") -> Page:
    return Page(url, url, 200, "text/plain", text, datetime.now(UTC))


@pytest.mark.parametrize(
    "body",
    [
        "<div class='cookie'>We use cookies to improve your experience. Accept all?</div>",
        "<h1>Council passes budget</h1><p>The council passed its budget on Tuesday after a "
        "long debate over road repairs and school funding.</p><div class='paywall'>Subscribe "
        "to keep reading. Already a subscriber? Log in.</div>",
        "<noscript>Please enable JavaScript to view this site.</noscript><div id='root'></div>",
        "",
    ],
)
def test_too_little_text_is_no_article(body: str) -> None:
    with pytest.raises(NoReadableArticle) as caught:
        read_article(html_page(body))
    assert caught.value.user_message == NO_ARTICLE
    assert isinstance(caught.value, FetchError)


def test_word_threshold_is_eighty() -> None:
    words = STORY.split()
    assert len(words) > MIN_WORDS == 80
    enough = " ".join(words[:80])
    assert read_article(text_page(enough)).word_count == 80
    with pytest.raises(NoReadableArticle) as caught:
        read_article(text_page(" ".join(words[:79])))
    assert "79 words" in str(caught.value)


def test_plain_text_page_is_the_text_itself() -> None:
    page = text_page(STORY + "\n", url="https://news.example/notes.txt?utm_source=x#top")
    article = read_article(page)
    assert article.text == STORY
    assert article.title is None and article.byline is None and article.published is None
    assert article.canonical_url == "https://news.example/notes.txt"


def test_trafilatura_date_is_the_last_resort() -> None:
    """No JSON-LD, no meta tag, no printed date: trafilatura's guess (here from the URL)."""
    page = html_page(f"<article><p>{STORY}</p></article>")
    page = Page(
        "https://news.example/2024/05/17/ferry-road",
        "https://news.example/2024/05/17/ferry-road",
        200,
        "text/html",
        page.text,
        page.fetched_at,
    )
    assert read_article(page).published == "2024-05-17"


# --- the parts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Aug. 25, 2024", "2024-08-25"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("Sep. 3, 2024", "2024-09-03"),
        ("March 5, 2024", "2024-03-05"),
        ("Jan. 2, 2023", "2023-01-02"),
        ("Feb. 29, 2024", "2024-02-29"),
        ("Dec. 31, 1999", "1999-12-31"),
        ("June 7 2024", "2024-06-07"),
        ("25 August 2024", "2024-08-25"),
        ("Published Oct. 9, 2024, updated Oct. 10, 2024", "2024-10-09"),
        ("Aug. 25, 2024 3:45 p.m. EDT", "2024-08-25T15:45:00-04:00"),
        ("Jan. 5, 2024, at 11 a.m. ET", "2024-01-05T11:00:00-05:00"),
        ("Nov. 4, 2024 9:30 p.m.", "2024-11-04"),  # a time without a zone is not stated
        ("2024-09-03T18:42:00-04:00", "2024-09-03T18:42:00-04:00"),
        ("2024-03-05T13:30:00Z", "2024-03-05T13:30:00+00:00"),
        ("2024-03-05", "2024-03-05"),
        ("Tue, 03 Sep 2024 14:05:00 GMT", "2024-09-03T14:05:00+00:00"),
        ("2024/03/05", "2024-03-05"),
    ],
)
def test_dates_as_newsrooms_write_them(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize("nonsense", ["", "   ", "yesterday", "Feb. 30, 2024", "May 32, 2024"])
def test_not_a_date(nonsense: str) -> None:
    assert parse_date(nonsense) is None


def _tree(head: str, body: str = "") -> HtmlElement | None:
    return load_html(f"<html><head>{head}</head><body>{body}</body></html>")


def test_date_sources_in_order_of_trust() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-01-02T10:00:00+00:00"}</script>'
    )
    meta = '<meta property="article:published_time" content="2024-02-03T10:00:00Z">'
    printed = '<p class="dateline">March 4, 2024</p>'
    assert published_date(_tree(ld + meta, printed)) == "2024-01-02T10:00:00+00:00"
    assert published_date(_tree(meta, printed)) == "2024-02-03T10:00:00+00:00"
    assert published_date(_tree("", printed)) == "2024-03-04"
    assert published_date(_tree("", "<p>No date here.</p>")) is None


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="parsely-pub-date" content="2024-04-05T06:07:08Z">',
        '<meta name="sailthru.date" content="2024-04-05 06:07:08 +0000">',
        '<meta property="og:published_time" content="2024-04-05T06:07:08Z">',
        '<meta itemprop="datePublished" content="2024-04-05T06:07:08Z">',
    ],
)
def test_publication_meta_tags(head: str) -> None:
    assert published_date(_tree(head)) == "2024-04-05T06:07:08+00:00"


def test_json_ld_graph_prefers_the_article() -> None:
    ld = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "datePublished": "2020-01-01"},'
        '{"@type": ["NewsArticle"], "datePublished": "Aug. 25, 2024"}]}</script>'
        '<script type="application/ld+json">{not json</script>'
    )
    assert published_date(_tree(ld)) == "2024-08-25"


def test_dates_outside_the_article_are_ignored() -> None:
    body = (
        '<div class="masthead-date">Thursday, March 7, 2024</div>'
        '<div class="comments"><span class="comment-date">Aug. 26, 2024</span></div>'
        '<p class="byline">By Sam Reyes | Aug. 25, 2024</p>'
    )
    assert published_date(_tree("", body)) == "2024-08-25"


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        (
            "https://a.example/s?utm_source=x&id=3&utm_campaign=y#frag",
            "https://a.example/s?id=3",
        ),
        ("https://a.example/s?fbclid=1&gclid=2&mc_eid=3&UTM_Medium=4", "https://a.example/s"),
        ("https://a.example/s?page=2&ref=home", "https://a.example/s?page=2&ref=home"),
        ("https://a.example/s#comments", "https://a.example/s"),
    ],
)
def test_tracking_parameters_and_fragment_removed(url: str, clean: str) -> None:
    assert clean_url(url) == clean


def test_canonical_link_made_absolute_and_only_web() -> None:
    base = "https://www.news.example/section/story?utm_source=x"
    rel = _tree('<link rel="canonical" href="../world/story-1">')
    assert canonical_url(rel, base) == "https://www.news.example/world/story-1"
    odd = _tree('<link rel="canonical" href="javascript:void(0)">')
    assert canonical_url(odd, base) == "https://www.news.example/section/story"
    tracked = _tree('<link rel="Canonical" href="https://news.example/s?utm_medium=rss">')
    assert canonical_url(tracked, base) == "https://news.example/s"


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Priya Raman; Staff Writer", "Priya Raman"),
        ("Priya Raman; Tom Ellery", "Priya Raman and Tom Ellery"),
        ("A. One; B. Two; C. Three; Senior Correspondent", "A. One, B. Two and C. Three"),
        ("Staff Reporter", None),
        (None, None),
    ],
)
def test_bylines(author: str | None, byline: str | None) -> None:
    assert clean_byline(author) == byline


def test_leading_headline_byline_and_date_lines_dropped() -> None:
    text = (
        "Library levy fails\nBy Priya Raman\nPosted Aug. 25, 2024 at 5:12 p.m.\n"
        "Updated: Monday, Aug. 26, 2024\nVoters said no on Aug. 25, 2024.\nBy the way."
    )
    assert trim_furniture(text, "Library levy fails", "Priya Raman") == (
        "Voters said no on Aug. 25, 2024.\nBy the way."
    )
    assert trim_furniture("By Sam Reyes, Staff Writer\nText.", None, None) == "Text."
    lede = "By noon, the polls had closed.\nText."
    assert trim_furniture(lede, None, None) == lede


def test_a_canonical_on_another_site_is_not_believed() -> None:
    """A hostile page must not file its text under another site's address."""
    from trafilatura.utils import load_html

    from bot.ingest.canonical import canonical_url

    tree = load_html(
        '<html><head><link rel="canonical" href="https://www.reuters.com/world/real">'
        "</head><body><p>x</p></body></html>"
    )
    assert canonical_url(tree, "https://evil.example/story?utm_source=x") == (
        "https://evil.example/story"
    )
    same = load_html('<html><head><link rel="canonical" href="https://news.example/a"></head>')
    assert canonical_url(same, "https://amp.news.example/a?id=1") == "https://news.example/a"
    uk = load_html('<html><head><link rel="canonical" href="https://www.bbc.co.uk/n/1"></head>')
    assert canonical_url(uk, "https://evil.co.uk/n/1") == "https://evil.co.uk/n/1"
    assert canonical_url(uk, "https://m.bbc.co.uk/n/1") == "https://www.bbc.co.uk/n/1"
