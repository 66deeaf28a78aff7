"""The simulation: the generated world, its corpus of answers, the replay server and sample documents.

For tests, benchmarks and `lexwatch demo` only; no production module imports it (tests/test_architecture.py).
"""
