"""Scrapy settings for lexwatch.

Polite by default against the real sites: an honest User-Agent with contact, robots.txt,
AutoThrottle around a 1 s delay, one request at a time per domain, retries with backoff on
429/5xx. Base URLs are settings (LEXWATCH_PARLIAMENT_BASE_URL, ...) so the same spiders run
against the replay server in tests and against the real sites unchanged.

The values lexwatch lets a deployment change ([sources], [crawl] of the config file, or their
LEXWATCH_* variables) are read once here through core.config; `scrapy crawl -s NAME=VALUE`
and the CLI's options still override any of them.
"""
from __future__ import annotations

from core.config import env
from crawlers import config as _config

# Lower-case names: Scrapy takes every upper-case name of this module for a setting.
_sources, _crawl = _config.crawl_sections()

BOT_NAME = "lexwatch"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

LEXWATCH_CONTACT = _crawl.contact
USER_AGENT = f"lexwatch/0.1 (+{LEXWATCH_CONTACT}; civic monitor of the legislative process)"
DEFAULT_REQUEST_HEADERS = {
    "Accept": "application/json, text/html;q=0.9, */*;q=0.5",
    "Accept-Language": "bg,en;q=0.5",
}

# Where the sources live; overridden with -s or the CLI's --base-url.
PARLIAMENT_BASE_URL = _sources.parliament_url or _config.PARLIAMENT_URL
STRATEGY_BASE_URL = _sources.strategy_url or _config.STRATEGY_URL

# Which database the pipelines write to (None: LEXWATCH_DATABASE_URL or the SQLite default).
LEXWATCH_DATABASE_URL = env("LEXWATCH_DATABASE_URL")

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
DOWNLOAD_TIMEOUT = 60

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Scrapy retries immediately; the backoff between attempts comes from AutoThrottle, which
# raises the delay on error answers. 429 additionally honours Retry-After (crawlers.middlewares).

# Development cache (lexwatch crawl --http-cache): replays answers offline. Off in nightly runs,
# where changed pages must be seen.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_IGNORE_HTTP_CODES = [429, 500, 502, 503, 504]

FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = _crawl.log_level

EXTENSIONS = {
    "crawlers.runs.CrawlRunRecorder": 100,
    "crawlers.progress.ProgressReporter": 200,
}
