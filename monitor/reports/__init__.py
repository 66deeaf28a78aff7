"""Evaluation reports for advocacy: CSV, JSON, XLSX, HTML and PDF from one `Report`."""
from monitor.reports.data import Report, ReportFilters, load_report

__all__ = ["Report", "ReportFilters", "load_report"]
