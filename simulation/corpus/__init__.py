"""Generated corpora for the replay server, the demo and the benchmarks (never real data)."""
