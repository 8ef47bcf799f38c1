"""`python -m summarizer.bench`: time and memory of a brief (the tool is summarizer.eval.bench).

A thin entry point, so the documented command and `make bench` keep their name while the
benchmark's file reading stays in summarizer.eval, which the engine never imports.
"""

import sys

from summarizer.eval.bench import main

if __name__ == "__main__":
    sys.exit(main())
