"""The bottom layer: the errors and the vocabulary of the sources and the law that every stage shares.

Imports nothing else of lexwatch; crawlers, db, linking, criteria and monitor all build on it.
"""
