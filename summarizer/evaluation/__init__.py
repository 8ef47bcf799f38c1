"""The parts of `python -m summarizer.evaluate`, one idea per module (a development tool).

spans: one overlap rule and one greedy one-to-one matcher, shared by every quote scorer.
cnn_quotes, rouge: the CNN list. polnear_*: PolNeAR's gold, its quote scorer and its
position scorer, ports of the reference scripts that come with the data set.
"""
