"""Evaluation and benchmarks: development tools that read files, kept out of the pure engine.

Nothing in the engine imports this package; only the entry points `python -m
summarizer.evaluate` and `python -m summarizer.bench` do. One idea per module:

evaluate, bench: the two commands. lexrank_baseline: sumy's LexRank, the bench's yardstick.
hostile: texts shaped to make a brief slow (the bench's `--hostile` worst case; property tests).
brief_cache: every article briefed once, however many scores are computed from it.
spans: one overlap rule and one greedy one-to-one matcher, shared by every quote scorer.
cnn_quotes, rouge: the CNN list. polnear_*: PolNeAR's gold, its quote scorer and its
position scorer, ports of the reference scripts that come with the data set.
"""
