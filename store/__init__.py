"""Persistence: pseudonymous users, encrypted messages and images, analyses, escalations, risk assessments,
audit, staff."""

from store.crypto import Cipher, EncryptionKeyError, cipher_from_setting
from store.database import (
    create_database_engine,
    create_schema,
    current_revision,
    downgrade_database,
    session_factory,
    upgrade_database,
)
from store.deid import deidentification_seed, deidentify_upload
from store.pseudonym import pseudonymise
from store.repository import HEALTH_WORKER, ROLES, AnalysisResult, CaseSummary, Store, open_store
from store.risk_assessments import RiskAssessmentView

__all__ = [
    "HEALTH_WORKER",
    "ROLES",
    "AnalysisResult",
    "CaseSummary",
    "Cipher",
    "EncryptionKeyError",
    "RiskAssessmentView",
    "Store",
    "cipher_from_setting",
    "create_database_engine",
    "create_schema",
    "current_revision",
    "deidentification_seed",
    "deidentify_upload",
    "downgrade_database",
    "open_store",
    "pseudonymise",
    "session_factory",
    "upgrade_database",
]
