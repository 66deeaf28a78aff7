"""The Atom feed `/public-consultation.rss`: the 100 newest consultations by creation time.

The portal builds it with spatie/laravel-feed (Atom, despite the .rss name) from
`PublicConsultation::toFeedItem` (research notes §1.4: link `/bg/public-consultations/{id}`,
title, summary, updated, author = institution). No real feed answer was available, so only
what spatie's Atom template always writes is read: `entry/link@href`, `entry/id`,
`entry/title`, `entry/updated`.
"""
from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from crawlers.strategy.items import ConsultationStub
from crawlers.strategy.parse import SOURCE
from crawlers.strategy.text import looks_like_html
from core.errors import SourceError

FEED_PATH = "/public-consultation.rss"
ATOM = "{http://www.w3.org/2005/Atom}"
_ID_IN_LINK = re.compile(r"/public-consultations/(\d+)(?:[/?#]|$)")


def _when(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_feed(body: bytes, url: str) -> list[ConsultationStub]:
    if looks_like_html(body):
        raise SourceError(SOURCE, url, "HTML where the Atom feed was expected")
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise SourceError(SOURCE, url, f"the feed is not well-formed XML: {exc}") from exc
    if root.tag != f"{ATOM}feed":
        raise SourceError(SOURCE, url, f"expected an Atom <feed>, got <{etree.QName(root).localname}>")
    stubs: dict[int, ConsultationStub] = {}
    for entry in root.iter(f"{ATOM}entry"):
        hrefs = [link.get("href", "") for link in entry.iter(f"{ATOM}link")]
        hrefs.append(entry.findtext(f"{ATOM}id") or "")
        cid = next((int(m.group(1)) for h in hrefs if (m := _ID_IN_LINK.search(h))), None)
        if cid is None:
            raise SourceError(SOURCE, url, f"a feed entry links to no consultation: {hrefs[0]!r}")
        stubs.setdefault(
            cid,
            ConsultationStub(
                id=cid,
                title=" ".join((entry.findtext(f"{ATOM}title") or "").split()) or None,
                updated=_when(entry.findtext(f"{ATOM}updated")),
            ),
        )
    return list(stubs.values())
