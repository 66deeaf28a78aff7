"""`lexwatch documents`: download bill and consultation files, and look at what was read.

    lexwatch documents fetch [--owner bill|consultation] [--bill ID] [--limit N]
    lexwatch documents list [--owner ...] [--kind motives] [--format json]
    lexwatch documents show ID [--format json] [--lines 15]
    lexwatch documents read FILE [--title ...] [--format json]   (a local file, no database)
    lexwatch documents reanalyse [--all] [--format json]        (stored texts, current analysers)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from sqlalchemy import select

from core.documents import DocumentKind, DocumentOwner, DocumentStatus
from core.parliament import label as _label
from db.models import Document
from db.session import open_session
from core.errors import LexwatchError, UsageError
from monitor.commands.output import check_format as _check_format, console, get_by_id
from monitor.commands.options import DbOrUrlOption, FormatOption

documents_app = typer.Typer(help="Bill and consultation files: download, text, classification.",
                            no_args_is_help=True)





def _first_lines(text: str | None, lines: int) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()][:lines]


def document_dict(doc: Document, lines: int = 15) -> dict[str, Any]:
    """The stable JSON form of a stored document (without its full text)."""
    analysis = doc.analysis or {}
    return {
        "id": doc.id,
        "owner_type": doc.owner_type,
        "owner_id": doc.owner_id,
        "url": doc.url,
        "filename": doc.filename,
        "title": doc.title,
        "status": doc.status,
        "note": doc.note,
        "sha256": doc.sha256,
        "size": doc.size,
        "content_type": doc.content_type,
        "storage_path": doc.storage_path,
        "fetched_at": doc.fetched_at.isoformat() if doc.fetched_at else None,
        "extraction_method": doc.extraction_method,
        "extraction_error": doc.extraction_error,
        "is_scanned": doc.is_scanned,
        "pages": doc.pages,
        "chars": len(doc.text or ""),
        "classification": doc.classification,
        "classification_detail": analysis.get("classification"),
        "motives": analysis.get("motives"),
        "spravka": analysis.get("spravka"),
        "impact_assessment": analysis.get("impact_assessment"),
        "amended_laws": analysis.get("amended_laws"),
        "consultation_refs": analysis.get("consultation_refs"),
        "first_lines": _first_lines(doc.text, lines),
    }


@documents_app.command("fetch")
def fetch(
    owner: str = typer.Option("all", "--owner", help="all, bill or consultation"),
    bill: list[int] = typer.Option(None, "--bill", help="Only this bill (L_Act_id); repeatable."),
    consultation: list[int] = typer.Option(None, "--consultation", help="Only this consultation; repeatable."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most this many files."),
    refetch: bool = typer.Option(False, "--refetch", help="Download files that already have a stored version."),
    parliament_base_url: str = typer.Option(None, "--parliament-base-url", help="Instead of https://www.parliament.bg"),
    strategy_base_url: str = typer.Option(None, "--strategy-base-url", help="Instead of https://strategy.bg"),
    store: Path = typer.Option(None, "--store", help="Folder for the files (default: DOCUMENTS_STORE or user data)."),
    url: DbOrUrlOption = None,
) -> None:
    """Download the files the database lists without a stored version, read and classify them."""
    from monitor.commands.crawl import exit_for, loopback_settings, run_spider

    if owner not in ("all", "bill", "consultation"):
        raise UsageError(f"--owner must be all, bill or consultation, not {owner!r}")
    settings: dict[str, Any] = {}
    if parliament_base_url:
        settings["PARLIAMENT_BASE_URL"] = parliament_base_url
    if strategy_base_url:
        settings["STRATEGY_BASE_URL"] = strategy_base_url
    if store:
        settings["DOCUMENTS_STORE"] = str(store)
    # No delay only when every site this run talks to is on this machine (a replay server).
    needed = {"bill": [parliament_base_url], "consultation": [strategy_base_url],
              "all": [parliament_base_url, strategy_base_url]}[owner]
    if all(u and loopback_settings(u) for u in needed):
        settings.update(loopback_settings(needed[0]))
    kwargs = {
        "owner": owner,
        "bill": ",".join(map(str, bill)) if bill else None,
        "consultation": ",".join(map(str, consultation)) if consultation else None,
        "limit": str(limit) if limit else None,
        "refetch": "1" if refetch else None,
    }
    run = run_spider("documents", db_url=url, settings=settings,
                     spider_kwargs={k: v for k, v in kwargs.items() if v is not None})
    # Files stored before an analyser existed get it now, without a new download.
    report = _reanalyse(url, everything=False)
    if report.candidates:
        typer.echo(f"re-analysed {report.updated} stored documents ({report.failed} failed)", err=True)
    exit_for(run)


def _reanalyse(url: str | None, *, everything: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from crawlers.documents.reanalyse import reanalyse

    with open_session(url) as s, Progress(TextColumn("re-analysing documents"), BarColumn(), MofNCompleteColumn(),
                                          console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("reanalyse", total=None)
        return reanalyse(s, everything=everything,
                         progress=lambda done, total: progress.update(task, completed=done, total=total))


@documents_app.command("reanalyse")
def reanalyse_command(
    everything: bool = typer.Option(False, "--all", help="Every readable document, not only those analysed by older analysers."),
    fmt: FormatOption = "table",
    url: DbOrUrlOption = None,
) -> None:
    """Analyse the stored text of documents again with the current analysers (no download).

    Exits 1 when some document could not be analysed (each is logged with its id and URL;
    its earlier analysis is kept)."""
    _check_format(fmt)
    report = _reanalyse(url, everything=everything)
    data = report.to_dict()
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, sort_keys=True))
    else:
        for key in ("candidates", "updated", "failed", "analysis_version"):
            typer.echo(f"{key:17} {data[key]}")
    if report.failed:
        raise typer.Exit(1)


@documents_app.command("list")
def list_documents(
    owner: str = typer.Option(None, "--owner", help="bill or consultation"),
    owner_id: int = typer.Option(None, "--id", help="Only the documents of this bill/consultation id."),
    kind: str = typer.Option(None, "--kind", help="A classification, e.g. motives, impact_assessment_partial."),
    status: str = typer.Option(None, "--status", help="ok, skipped or error"),
    limit: int = typer.Option(100, "--limit", min=1),
    fmt: FormatOption = "table",
    url: DbOrUrlOption = None,
) -> None:
    """Stored documents, newest first."""
    _check_format(fmt)
    with open_session(url) as s:
        query = select(Document).order_by(Document.fetched_at.desc(), Document.id.desc()).limit(limit)
        if owner:
            query = query.where(Document.owner_type == owner)
        if owner_id is not None:
            query = query.where(Document.owner_id == owner_id)
        if kind:
            query = query.where(Document.classification == kind)
        if status:
            query = query.where(Document.status == status)
        rows = [
            {"id": d.id, "owner_type": d.owner_type, "owner_id": d.owner_id, "filename": d.filename,
             "classification": d.classification, "classification_label": _label(DocumentKind, d.classification) if d.classification else None,
             "status": d.status, "pages": d.pages, "is_scanned": d.is_scanned,
             "extraction_method": d.extraction_method, "extraction_error": d.extraction_error,
             "chars": len(d.text or ""), "url": d.url}
            for d in s.scalars(query)
        ]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    # In words, like the other tables: the kinds, states and owners by their Bulgarian labels.
    table = Table(title=f"Документи: {len(rows)}")
    for col in ("№", "към", "файл", "вид", "състояние", "страници", "знаци", "проблем"):
        table.add_column(col, overflow="fold")
    for r in rows:
        problem = r["extraction_error"] or ("сканиран, без текстов слой" if r["is_scanned"] else "")
        table.add_row(str(r["id"]), f"{_label(DocumentOwner, r['owner_type'])} {r['owner_id']}", r["filename"] or "",
                      r["classification_label"] or "", _label(DocumentStatus, r["status"]),
                      "" if r["pages"] is None else str(r["pages"]), str(r["chars"]), problem)
    console().print(table)


def _print_elements(out: Console, elements: list[dict[str, Any]]) -> None:
    for el in elements:
        mark = "✓" if el["present"] else "✗"
        first = el["evidence"][0]["passage"] if el["evidence"] else ""
        out.print(f"  {mark} {el['label']}" + (f" — „{first[:160]}“" if first else ""))


def _print_document(d: dict[str, Any]) -> None:
    out = console(soft_wrap=True)
    out.print(f"[bold]document {d.get('id', '-')}[/bold]  {escape(str(d.get('owner_type') or ''))} {d.get('owner_id') or ''}",
              markup=True)
    meta = Table(show_header=False, box=None)
    meta.add_column(style="dim")
    meta.add_column(overflow="fold")
    for key in ("url", "filename", "title", "status", "note", "size", "content_type", "sha256", "fetched_at",
                "extraction_method", "extraction_error", "pages", "is_scanned", "chars"):
        if key in d and d[key] not in (None, ""):
            meta.add_row(key, Text(str(d[key])))
    cls = d.get("classification_detail") or {}
    if cls:
        meta.add_row("classification", Text(f"{cls.get('kind')} (rule {cls.get('rule')}, from {cls.get('source')}: "
                                            f"„{cls.get('evidence')}“)" if cls.get("rule") else str(cls.get("kind"))))
        if cls.get("contains"):
            meta.add_row("also contains", ", ".join(cls["contains"]))
    out.print(meta)
    # Passages and file descriptions are scraped text: escaped, so a „[/…]“ in them is no Rich markup.
    motives = d.get("motives")
    if motives:
        out.print(f"\n[bold]Motives, ЗНА чл. 28, ал. 2:[/bold] {motives['found']}/{motives['of']} elements", markup=True)
        _print_elements(out, motives["elements"])
    ia = d.get("impact_assessment")
    if ia:
        out.print(f"\n[bold]Impact assessment ({escape(str(ia['form']))} form), IA-04 checklist:[/bold] "
                  f"{ia['found']}/{ia['of']} elements, score {ia['score']}", markup=True)
        _print_elements(out, [el for el in ia["elements"] if el.get("counted", True)])
    spravka = d.get("spravka")
    if spravka:
        out.print(f"\n[bold]Справка:[/bold] {spravka['rejected']} rejected, {spravka['with_reasons']} with reasons, "
                  f"{spravka['accepted']} accepted", markup=True)
    laws = d.get("amended_laws")
    if laws:
        out.print("\n[bold]Other laws amended in the ПЗР:[/bold] " + "; ".join(
            f"{escape(str(a['section']))} {escape(str(a['law_name_normalised']))}" for a in laws), markup=True)
    refs = d.get("consultation_refs")
    if refs and refs.get("mentioned"):
        out.print(f"\n[bold]Consultation mentioned:[/bold] ids {refs['consultation_ids'] or '-'}, "
                  f"old portal ids {refs['old_portal_ids'] or '-'}, dates {refs['dates'] or '-'}, "
                  f"terms {refs['durations_days'] or '-'} days", markup=True)
    if d.get("first_lines"):
        out.print("\n[bold]Text:[/bold]", markup=True)
        for line in d["first_lines"]:
            out.print("  " + line, markup=False, highlight=False)


@documents_app.command("show")
def show(
    document_id: int = typer.Argument(..., help="The document id (see `lexwatch documents list`)."),
    lines: int = typer.Option(15, "--lines", min=0, help="How many first lines of text to show."),
    fmt: FormatOption = "table",
    url: DbOrUrlOption = None,
) -> None:
    """Metadata, classification, analysis and the first lines of text of one document."""
    _check_format(fmt)
    with open_session(url) as s:
        doc = get_by_id(s, Document, document_id)
        if doc is None:
            raise LexwatchError(f"document {document_id}: not found")
        data = document_dict(doc, lines)
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print_document(data)


@documents_app.command("read")
def read(
    path: Path = typer.Argument(..., help="A local file (PDF, DOCX, RTF, ZIP, XLSX, TXT)."),
    title: str = typer.Option(None, "--title", help="The source's description of the file, if known."),
    lines: int = typer.Option(15, "--lines", min=0),
    fmt: FormatOption = "table",
) -> None:
    """Extract, classify and analyse one local file, as `fetch` would (nothing is stored)."""
    from crawlers.documents import ExtractionLimits, extract
    from texts.documents.analyse import analyse_document
    from texts.documents.classify import classify, classify_archive

    _check_format(fmt)
    if not path.is_file():
        raise LexwatchError(f"{path}: no such file")
    extraction = extract(path, path.name, None, ExtractionLimits.from_settings({}))
    if extraction.parts:
        members = [(p.name, classify(p.name, None, p.extraction.text)) for p in extraction.parts]
        classification = classify_archive(path.name, title, members)
    else:
        classification = classify(path.name, title, extraction.text)
    analysis = analyse_document(extraction.text, classification, is_scanned=extraction.is_scanned)
    data = {
        "filename": path.name, "title": title, "size": path.stat().st_size,
        "extraction_method": extraction.method, "extraction_error": extraction.error,
        "is_scanned": extraction.is_scanned, "pages": extraction.pages, "chars": len(extraction.text),
        "extraction": extraction.to_dict(), "classification": classification.kind.value,
        "classification_detail": analysis.get("classification"), "motives": analysis.get("motives"),
        "spravka": analysis.get("spravka"), "impact_assessment": analysis.get("impact_assessment"),
        "amended_laws": analysis.get("amended_laws"),
        "consultation_refs": analysis.get("consultation_refs"), "first_lines": _first_lines(extraction.text, lines),
    }
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print_document(data)
    if extraction.error and not extraction.text:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(documents_app, name="documents")
