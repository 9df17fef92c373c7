"""Table contracts: Pydantic models (one row each) and the Arrow schemas derived from them."""

from schemas.arrow import arrow_schema
from schemas.tables import SCHEMA_VERSION, TABLES, Article, Credit, Place, Quote, Reject

__all__ = ["SCHEMA_VERSION", "TABLES", "Article", "Credit", "Place", "Quote", "Reject", "arrow_schema"]
