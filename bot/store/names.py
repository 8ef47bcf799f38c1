"""How a name is looked up: one key for "Benjamin Netanyahu", "benjamin  Netanyahu" and
"Benjámin Netanyahu", and the keys an actor of a brief is found by (its name, aliases, role).

Pure: the migration that fills the rows of briefs kept before and the store's writes use the
same keys, and so does the lookup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+")
# Words that never tell one actor from another at the start of a name or role.
_LEADING = frozenset({"the", "a", "an"})


def name_key(text: str | None) -> str:
    """`text` lower case, without accents, punctuation, repeated spaces or a leading article:
    "the Prime Minister" and "prime minister" are one key. Empty when no word is left."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain.casefold())
    while words and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def shorter_keys(key: str) -> list[str]:
    """The key without its first words, one word at a time ("president joe biden" →
    "joe biden", "biden"): a title typed before a name the briefs keep without it."""
    words = key.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def role_keys(role: str | None) -> list[str]:
    """The role's key and its shorter endings of two words or more: "Israeli Prime Minister"
    is found as "israeli prime minister" and "prime minister"."""
    key = name_key(role)
    if not key:
        return []
    words = key.split()
    return [key] + [" ".join(words[i:]) for i in range(1, len(words) - 1)]


# What a key of an actor is: its name, an alias (a surname too), or its role. Names and
# aliases join briefs of one actor; a role only finds them ("the prime minister").
NAME = "name"
ALIAS = "alias"
ROLE = "role"


def actor_keys(
    name: str, *, aliases: Iterable[str] = (), role: str | None = None, kind: str | None = None
) -> list[tuple[str, str]]:
    """Every key an actor is found by, with what it is, in order, each key once: its name,
    its aliases, a person's surname (the last word of a name of two or more), its role."""
    main = name_key(name)
    keys = [(main, NAME), *((name_key(a), ALIAS) for a in aliases)]
    words = main.split()
    if kind == "person" and len(words) > 1:
        keys.append((words[-1], ALIAS))
    keys.extend((k, ROLE) for k in role_keys(role))
    kept: dict[str, str] = {}
    for key, source in keys:
        if key and key not in kept:
            kept[key] = source
    return list(kept.items())
