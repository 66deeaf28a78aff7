"""Reading downloaded bill and consultation files: format sniffing, text extraction,
normalisation. Analysis of the text lives in `texts.documents`."""
from crawlers.documents.extract import extract
from crawlers.documents.model import ExtractedPart, Extraction, ExtractionLimits
from crawlers.documents.normalize import normalize_text

__all__ = ["extract", "Extraction", "ExtractedPart", "ExtractionLimits", "normalize_text"]
