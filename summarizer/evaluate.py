"""`python -m summarizer.evaluate`: ROUGE, quote and position scores (summarizer.eval.evaluate).

A thin entry point, so the documented command and `make evaluate` keep their name while the
evaluation's file reading stays in summarizer.eval, which the engine never imports.
"""

import sys

from summarizer.eval.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
