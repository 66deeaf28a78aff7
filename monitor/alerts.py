"""The digest after each run: new and changed review flags, and source problems.

Delivered by e-mail (when `[smtp]` has a host) and as an entry of an Atom feed file; nothing
is sent or written when there is nothing to say. Flags are marked notified only once every
configured channel took the digest, so a failed delivery is retried by the next run.

Scraped text (bill titles, crawl error messages) reaches the feed only through
ElementTree, which escapes it, after characters that XML 1.0 cannot carry are dropped;
the e-mail is plain text and its headers carry no scraped text at all.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import smtplib
import ssl
import tempfile
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Bill, Initiative, ReviewFlag, utcnow
from monitor.config import Config, FeedConfig, SmtpConfig
from core.errors import LexwatchError
from monitor.health import Problem

log = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM_NS)
# Characters outside XML 1.0's Char production (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class FlagNote:
    flag_id: int
    initiative_id: int
    title: str
    signature: str | None
    url: str | None
    severity: str
    status: str
    reasons: list[str]
    is_new: bool
    updated_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        d = self.__dict__.copy()
        d["updated_at"] = self.updated_at.isoformat(timespec="seconds") + "Z"
        return d


def _reason_text(reason: Any) -> str:
    # Inferred shape: the engine stores criterion ids with verdicts, as strings or small dicts.
    if isinstance(reason, dict):
        cid = reason.get("criterion_id") or reason.get("criterion") or reason.get("id")
        verdict = reason.get("verdict")
        if cid:
            return f"{cid} {verdict}" if verdict else str(cid)
        return ", ".join(f"{k}={v}" for k, v in reason.items())
    return str(reason)


@dataclass
class Digest:
    created_at: dt.datetime
    flags: list[FlagNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    run_id: int | None = None

    @property
    def empty(self) -> bool:
        return not self.flags and not self.problems

    @property
    def new_flags(self) -> list[FlagNote]:
        return [f for f in self.flags if f.is_new]

    @property
    def changed_flags(self) -> list[FlagNote]:
        return [f for f in self.flags if not f.is_new]

    def subject(self) -> str:
        parts = []
        if self.new_flags:
            parts.append(f"{len(self.new_flags)} new review flag{'s' * (len(self.new_flags) != 1)}")
        if self.changed_flags:
            parts.append(f"{len(self.changed_flags)} changed")
        if self.problems:
            parts.append(f"{len(self.problems)} source problem{'s' * (len(self.problems) != 1)}")
        return "lexwatch: " + (", ".join(parts) or "nothing new")

    def text(self) -> str:
        head = f"lexwatch digest, {self.created_at:%Y-%m-%d %H:%M} UTC" + (f" (pipeline run {self.run_id})" if self.run_id else "")
        lines = [head, ""]
        if self.problems:
            lines.append(f"Source problems / Проблеми с източниците ({len(self.problems)}):")
            lines += [f"  - {p}" for p in self.problems]
            lines.append("")
        for label, flags in (
            ("New review flags / Нови сигнали за преглед", self.new_flags),
            ("Changed review flags / Променени сигнали", self.changed_flags),
        ):
            if not flags:
                continue
            lines.append(f"{label} ({len(flags)}):")
            for f in flags:
                lines.append(f"  - [{f.severity}] {f.signature or f'initiative {f.initiative_id}'} {f.title}")
                if f.reasons:
                    lines.append(f"    reasons: {', '.join(f.reasons)}")
                lines.append(f"    flag {f.flag_id}, status {f.status}" + (f", {f.url}" if f.url else ""))
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {
            "created_at": self.created_at.isoformat(timespec="seconds") + "Z",
            "run_id": self.run_id,
            "subject": self.subject(),
            "flags": [f.to_dict() for f in self.flags],
            "problems": [p.to_dict() for p in self.problems],
        }


def pending_flags(session: Session) -> list[FlagNote]:
    """Flags never notified, or changed since they were."""
    rows = session.execute(
        select(ReviewFlag, Initiative, Bill)
        .join(Initiative, ReviewFlag.initiative_id == Initiative.id)
        .outerjoin(Bill, Initiative.bill_id == Bill.id)
        .where(or_(ReviewFlag.notified_at.is_(None), ReviewFlag.updated_at > ReviewFlag.notified_at))
        .order_by(ReviewFlag.id)
    ).all()
    return [
        FlagNote(
            flag_id=flag.id,
            initiative_id=ini.id,
            title=ini.title,
            signature=bill.signature if bill else None,
            url=bill.source_url if bill else None,
            severity=flag.severity,
            status=flag.status,
            reasons=[_reason_text(r) for r in flag.reasons or []],
            is_new=flag.notified_at is None,
            updated_at=flag.updated_at,
        )
        for flag, ini, bill in rows
    ]


def collect_digest(session: Session, problems: list[Problem], run_id: int | None = None) -> Digest:
    return Digest(created_at=utcnow(), flags=pending_flags(session), problems=list(problems), run_id=run_id)


# --------------------------------------------------------------------------- e-mail


def email_message(digest: Digest, smtp: SmtpConfig) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = digest.subject()
    msg["From"] = smtp.sender
    msg["To"] = ", ".join(smtp.to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or None)
    msg.set_content(digest.text(), charset="utf-8")
    return msg


def send_email(digest: Digest, smtp: SmtpConfig) -> None:
    msg = email_message(digest, smtp)
    password = smtp.password()
    where = f"SMTP server {smtp.host}:{smtp.port}"
    try:
        if smtp.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_seconds, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
        with client:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                client.login(smtp.user, password or "")
            client.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise LexwatchError(f"cannot send the digest through {where}: {exc.__class__.__name__}: {exc}") from exc
    log.info("digest e-mailed to %s", ", ".join(smtp.to))


# --------------------------------------------------------------------------- Atom feed


def _q(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _atom_time(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), attrs)
    el.text = xml_safe(text)
    return el


def _entry(digest: Digest) -> ET.Element:
    entry = ET.Element(_q("entry"))
    _text(entry, "id", f"urn:uuid:{uuid.uuid4()}")
    _text(entry, "title", digest.subject())
    _text(entry, "updated", _atom_time(digest.created_at))
    _text(entry, "content", digest.text(), type="text")
    for f in digest.flags:
        ET.SubElement(entry, _q("category"), {"term": xml_safe(f.severity), "label": "flag severity"})
    return entry


def _existing_entries(path: Path) -> list[ET.Element]:
    if not path.exists():
        return []
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        log.warning("the feed file %s is unreadable (%s); starting it afresh", path, exc)
        return []
    return root.findall(_q("entry"))


def write_feed(digest: Digest, feed: FeedConfig) -> Path:
    """Prepend the digest as an entry to the Atom file (at most `max_entries` kept); atomic replace."""
    path = Path(feed.path)
    entries = [_entry(digest), *_existing_entries(path)][: feed.max_entries]
    root = ET.Element(_q("feed"))
    # A stable feed id per file, so readers keep their place when the file is rewritten.
    _text(root, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'lexwatch-digest:' + str(path.resolve()))}")
    _text(root, "title", feed.title)
    _text(root, "updated", _atom_time(digest.created_at))
    author = ET.SubElement(root, _q("author"))
    _text(author, "name", "lexwatch")
    _text(root, "generator", "lexwatch")
    root.extend(entries)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".digest-", suffix=".atom", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            ET.ElementTree(root).write(fh, encoding="utf-8", xml_declaration=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("digest written to the feed %s", path)
    return path


# --------------------------------------------------------------------------- delivery


@dataclass
class Delivery:
    sent: bool  # False: nothing new, nothing sent
    emailed: bool = False
    feed: Path | None = None
    flags_marked: int = 0


def deliver(session: Session, digest: Digest, config: Config) -> Delivery:
    """Send the digest on every configured channel, then mark its flags notified; silent if empty."""
    if digest.empty:
        log.info("nothing new: no digest sent")
        return Delivery(sent=False)
    result = Delivery(sent=True)
    if config.smtp.enabled:
        send_email(digest, config.smtp)
        result.emailed = True
    result.feed = write_feed(digest, config.feed)
    if digest.flags:
        now = utcnow()
        seen = {f.flag_id: f.updated_at for f in digest.flags}
        for flag in session.scalars(select(ReviewFlag).where(ReviewFlag.id.in_(seen))):
            # A flag changed again while the digest was out stays pending for the next one.
            if flag.updated_at == seen[flag.id]:
                flag.notified_at = max(now, flag.updated_at)
                result.flags_marked += 1
    return result
