"""Writing rich output where it goes: wrapped to a terminal's width, whole lines elsewhere.

A pipe or a file is read by a program or pasted somewhere: folding at 80 columns and padding
table cells with spaces would put line breaks and trailing blanks into every line.
"""

from __future__ import annotations

from rich.console import Console, RenderableType

# Wide enough that no line of a brief or digest is ever folded.
UNFOLDED = 100_000


def make_console() -> Console:
    return Console(highlight=False)


def show(console: Console, renderable: RenderableType) -> None:
    """`renderable` on the console: as rich lays it out on a terminal, else one line per line
    without trailing spaces."""
    if console.is_terminal:
        console.print(renderable)
        return
    wide = Console(width=UNFOLDED, color_system=None, highlight=False, force_terminal=False)
    with wide.capture() as captured:
        wide.print(renderable)
    console.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
