"""`make bench`: the real pipeline over corpora of growing size, timed per stage, reported in docs/benchmarks.md."""
