"""Persistence: pseudonymous users, encrypted messages and images, analyses, escalations, risk assessments,
audit, staff. Sits below every service: imports only settings, imaging and clinical."""

from store.analyses import AnalysisRecord, AnalysisResult, ImageRecord
from store.cases import CaseSummary
from store.crypto import Cipher, EncryptionKeyError, cipher_from_setting
from store.database import (
    create_database_engine,
    create_schema,
    current_revision,
    downgrade_database,
    session_factory,
    upgrade_database,
)
from store.escalations import EscalationRecord
from store.messages import MessageRecord
from store.pseudonym import pseudonymise
from store.repository import Store, open_store
from store.risk_assessments import RiskAssessmentView
from store.roles import HEALTH_WORKER, ROLES

__all__ = [
    "HEALTH_WORKER",
    "ROLES",
    "AnalysisRecord",
    "AnalysisResult",
    "CaseSummary",
    "Cipher",
    "EncryptionKeyError",
    "EscalationRecord",
    "ImageRecord",
    "MessageRecord",
    "RiskAssessmentView",
    "Store",
    "cipher_from_setting",
    "create_database_engine",
    "create_schema",
    "current_revision",
    "downgrade_database",
    "open_store",
    "pseudonymise",
    "session_factory",
    "upgrade_database",
]
