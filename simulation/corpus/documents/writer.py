"""Write a generated world's files under the URL paths the crawled records point to: bills'
`bills/{A_ns_folder}/{FILENAME}` (RTF or PDF as the name says) and consultations'
`/download/{file_id}` (DOCX, or a scanned PDF), with the Content-Disposition the portal sends.
PDFs are rendered in worker processes while the consultations' files are written."""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from simulation.corpus.documents.bill_files import bill_file, order_file
from simulation.corpus.documents.consultation_files import consultation_file, download_name
from simulation.corpus.documents.formats import pdf_font, render_docx, render_pdf, render_rtf
from simulation.corpus.documents.manifest import DocumentsManifest, WrittenFile
from simulation.corpus.documents.wording import file_rng
from simulation.corpus.parliament import bill_payload
from simulation.corpus.vocab import COMMITTEES
from simulation.corpus.model import World
from simulation.replay import path_for


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _meta(path: Path, content_type: str, filename: str) -> None:
    meta = {"content_type": content_type, "headers": {"Content-Disposition": f'attachment; filename="{filename}"'}}
    path.with_name(path.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _served(seed: int, owner: str, owner_id: int, share: float) -> bool:
    return share >= 1.0 or file_rng(seed, owner, owner_id, "share").random() < share


_CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "pdf": "application/pdf", "rtf": "application/rtf"}


def _render_pdf_file(job: tuple[str, tuple[str, ...], dt.date]) -> int:
    path, paragraphs, created = job
    body = render_pdf(paragraphs, created)
    _write(Path(path), body)
    return len(body)


def _pdf_pool(jobs: int, workers: int | None) -> ProcessPoolExecutor | None:
    """Worker processes for the PDFs (fpdf2 spends ~15 ms a file subsetting the font), when
    there are enough of them and the platform forks (workers start without re-importing)."""
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    if workers < 2 or jobs < 24 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    pdf_font()  # cut once, before the fork
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def write_documents(world: World, parliament_root: Path, strategy_root: Path, *, seed: int | None = None,
                    share: float = 1.0, workers: int | None = None) -> DocumentsManifest:
    """Write the files of `world`'s bills under `parliament_root` and of its consultations
    under `strategy_root` (the folders simulation.corpus.parliament / .strategy write_replay
    filled). `share`: the fraction of bills and of consultations whose files are served; the
    others' URLs answer the replay server's HTML shell, like a file gone from the site.
    `workers`: processes for the PDFs (default: the CPUs, at most 4; 1 = none)."""
    seed = world.seed if seed is None else seed
    parliament_root, strategy_root = Path(parliament_root), Path(strategy_root)
    manifest = DocumentsManifest()
    bill_of_consultation = {cons: world.bill(bill_id) for bill_id, (cons, _dec, _k) in world.truth.items() if cons}
    current = max(a[0] for a in world.assemblies)

    # Bills first, PDFs only planned: they are rendered in worker processes while this one
    # writes the consultations' files.
    pdf_jobs: list[tuple[str, tuple[str, ...], dt.date]] = []
    pdf_entries: list[int] = []  # manifest index of each job
    for b in world.bills:
        if not _served(seed, "bill", b.id, share):
            manifest.left_out.append(("bill", b.id))
            continue
        payload = bill_payload(b, current_assembly=current)
        folder = payload["A_ns_folder"]
        for row in payload["file_list"]:
            name = row["FILENAME"]
            paragraphs, info = bill_file(b, seed=seed)
            url_path = f"/bills/{folder}/{name}"
            path = path_for(parliament_root, url_path)
            if name.lower().endswith(".rtf"):
                body = render_rtf(paragraphs)
                _write(path, body)
                manifest.files.append(WrittenFile(url_path, "bill", b.id, "rtf", size=len(body), **info))
            else:
                pdf_jobs.append((str(path), tuple(paragraphs), b.submitted_on))
                pdf_entries.append(len(manifest.files))
                manifest.files.append(WrittenFile(url_path, "bill", b.id, "pdf", **info))
        for row in payload["order"]:
            committees = [(COMMITTEES[b.lead_committee][1], "водеща")]
            committees += [(COMMITTEES[k][1], "участваща") for k in b.other_committees if k in COMMITTEES]
            url_path = f"/bills/{folder}/{row['FILENAME']}"
            pdf_jobs.append((str(path_for(parliament_root, url_path)), tuple(order_file(b, row["RN_DOC"], committees)),
                             b.submitted_on))
            pdf_entries.append(len(manifest.files))
            manifest.files.append(WrittenFile(url_path, "bill", b.id, "pdf", None, title=row["ANOT"]))

    for job in pdf_jobs:
        Path(job[0]).parent.mkdir(parents=True, exist_ok=True)
    pool = _pdf_pool(len(pdf_jobs), workers)
    try:
        sizes = pool.map(_render_pdf_file, pdf_jobs, chunksize=8) if pool else None

        for c in world.consultations:
            if not _served(seed, "consultation", c.id, share):
                manifest.left_out.append(("consultation", c.id))
                continue
            for doc_type, _day, file_id in c.documents:
                cached, paragraphs, table, after, info = consultation_file(
                    c, doc_type, file_id, seed=seed, bill=bill_of_consultation.get(c.id))
                body = cached if cached is not None else render_docx(paragraphs, table, after)
                fmt = "pdf" if cached is not None else "docx"
                url_path = f"/download/{file_id}"
                path = path_for(strategy_root, url_path)
                _write(path, body)
                _meta(path, _CONTENT_TYPES[fmt], download_name(doc_type, c.id, fmt))
                manifest.files.append(WrittenFile(url_path, "consultation", c.id, fmt, title=doc_type,
                                                  size=len(body), **info))

        for index, size in zip(pdf_entries, sizes if sizes is not None else map(_render_pdf_file, pdf_jobs)):
            manifest.files[index] = replace(manifest.files[index], size=size)
    finally:
        if pool:
            pool.shutdown()
    return manifest
