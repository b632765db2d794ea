"""Persistence: pseudonymous users, messages, analyses."""

from store.database import create_database_engine, create_schema, session_factory
from store.pseudonym import pseudonymise
from store.repository import AnalysisResult, Store

__all__ = [
    "AnalysisResult",
    "Store",
    "create_database_engine",
    "create_schema",
    "pseudonymise",
    "session_factory",
]
