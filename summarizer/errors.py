"""Typed reasons a text cannot be briefed; each carries a sentence fit to show a user."""


class BriefError(ValueError):
    """Base class: the input cannot be briefed. str(err) is a plain sentence for the user."""


class EmptyTextError(BriefError):
    def __init__(self) -> None:
        super().__init__("The text is empty: there is nothing to brief.")


class NoSentencesError(BriefError):
    def __init__(self, *, short: bool = False) -> None:
        super().__init__(
            "That is too short to brief: give Briefbot a whole article."
            if short
            else "The text has no sentences to brief (it looks like a list or a fragment)."
        )


class NotEnglishError(BriefError):
    def __init__(self) -> None:
        super().__init__(
            "The text does not look like English; Briefbot only briefs English articles."
        )


class UndecodableTextError(BriefError):
    def __init__(self) -> None:
        super().__init__(
            "The input is not readable text (it could not be decoded as UTF-8 or Latin-1 text)."
        )


class TextTooLargeError(BriefError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"The text is {size / 1_000_000:.1f} MB; Briefbot reads articles of at most "
            f"{limit / 1_000_000:.0f} MB."
        )
        self.size = size
        self.limit = limit
