"""A story told in two articles a few days apart, and an unrelated one (made up for the
What's new tests): the second article repeats the first one's background and adds one
development and one quotation."""

from __future__ import annotations

# Monday: the strike begins.
STRIKE = (
    "Dock workers at the port of Marlow walked off the job on Monday, leaving dozens of cargo "
    "ships waiting at anchor outside the harbour. The strike was called by the Harbour Workers "
    "Union after talks on a new pay deal collapsed last week.\n\n"
    "“We will not unload a single ship until the pay offer is fair,” said union leader Karen "
    "Holt, who has led the dock workers for a decade.\n\n"
    "The port handles about a third of the region's imported grain and most of its fuel. "
    "Port authority chief Daniel Reyes said the authority had offered a raise of four percent "
    "and accused the union of refusing to negotiate.\n\n"
    "Shipping companies warned that the walkout could cost millions of pounds a day, and "
    "farmers said feed prices were already rising. The union has about 2,400 members at the "
    "port, and pickets gathered at all four gates of the harbour on Monday morning."
)

# Thursday: the same strike, one new development (the vote to accept) and one new quotation.
DEAL = (
    "Dock workers at the port of Marlow voted on Thursday to accept a raise of seven percent, "
    "ending a strike that had left cargo ships stranded for four days.\n\n"
    "Dock workers at the port of Marlow walked off the job on Monday, leaving dozens of cargo "
    "ships waiting at anchor outside the harbour. The strike was called by the Harbour Workers "
    "Union after talks on a new pay deal collapsed last week.\n\n"
    "“This deal shows what dock workers can win when they stand together,” said union leader "
    "Karen Holt after the count.\n\n"
    "The port handles about a third of the region's imported grain and most of its fuel. "
    "Port authority chief Daniel Reyes said the authority had offered a raise of four percent "
    "and accused the union of refusing to negotiate. The union has about 2,400 members at the "
    "port, and pickets gathered at all four gates of the harbour on Monday morning."
)

# Another story altogether.
ORCHARD = (
    "Farmers at the Saturday market in Lindale say sales of apples doubled this autumn after a "
    "warm summer and an early harvest across the valley.\n\n"
    "“It was the best harvest I can remember,” said grower Peter Novak, who has sold at the "
    "market for thirty years.\n\n"
    "The market will stay open through December, and a new covered hall is planned for next "
    "spring on the old bus station site. The town council said the hall would hold sixty "
    "stalls and a cafe, and that the market had drawn more visitors this year than ever "
    "before. Growers from three counties now travel to Lindale every weekend to sell fruit, "
    "cheese and bread, and the council expects the new hall to bring even more of them."
)
