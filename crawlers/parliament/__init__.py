"""parliament.bg: items, payload parsers and status derivation for the bill spider.

Pure code (no Scrapy imports) so it can be tested and reused on stored raw payloads.
"""
