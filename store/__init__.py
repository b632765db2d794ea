"""Persistence: pseudonymous users, messages, analyses."""

from store.database import create_database_engine, create_schema, session_factory
from store.pseudonym import pseudonymise
from store.repository import HEALTH_WORKER, ROLES, AnalysisResult, CaseSummary, Store

__all__ = [
    "HEALTH_WORKER",
    "ROLES",
    "AnalysisResult",
    "CaseSummary",
    "Store",
    "create_database_engine",
    "create_schema",
    "pseudonymise",
    "session_factory",
]
