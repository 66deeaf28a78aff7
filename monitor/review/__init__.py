"""The staff review UI: `create_app(db_url)` and `lexwatch review serve`."""
from monitor.review.app import create_app

__all__ = ["create_app"]
