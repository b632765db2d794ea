"""Image analyses (queued, then done or failed) and the images kept for them: uploads and heatmaps.

Image bytes go through the `ImageVault` (always encrypted); the rows say which analysis and purpose.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.images import ImageVault
from store.models import Analysis, StoredImage, User
from store.users import user_of

QUEUED: Final = "queued"
UPLOAD: Final = "upload"
HEATMAP: Final = "heatmap"


@dataclass(frozen=True)
class AnalysisResult:
    """What a finished analysis records."""

    status: str
    source_format: str | None = None
    probability: float | None = None
    model_name: str | None = None
    model_version: str | None = None
    model_trained: bool | None = None
    error_kind: str | None = None
    modality: str | None = None
    band: str | None = None
    timings: Mapping[str, float] | None = None
    heatmap_png: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class AnalysisRecord:
    """One analysis as stored: its task, status and, once finished, the model's reading."""

    id: int
    task_id: str
    status: str
    source_format: str | None
    probability: float | None
    model_name: str | None
    model_version: str | None
    model_trained: bool | None
    error_kind: str | None
    modality: str | None
    band: str | None
    timings: dict[str, float]
    created_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class ImageRecord:
    """One kept image (an upload or a heatmap), without its bytes: `Store.image_bytes` reads them."""

    id: int
    analysis_id: int | None
    purpose: str
    media_type: str
    size_bytes: int
    deidentified: bool
    file_name: str | None
    created_at: datetime


def image_record(row: StoredImage) -> ImageRecord:
    return ImageRecord(
        id=row.id,
        analysis_id=row.analysis_id,
        purpose=row.purpose,
        media_type=row.media_type,
        size_bytes=row.size_bytes,
        deidentified=row.deidentified,
        file_name=row.file_name,
        created_at=row.created_at,
    )


def _analysis_of(*, session: Session, task_id: str) -> Analysis | None:
    return session.scalar(select(Analysis).where(Analysis.task_id == task_id))


def _image_id(*, session: Session, analysis_id: int, purpose: str) -> int | None:
    return session.scalar(
        select(StoredImage.id).where(StoredImage.analysis_id == analysis_id, StoredImage.purpose == purpose)
    )


def record_analysis_queued(*, session: Session, pseudonym: str, task_id: str) -> None:
    """Record a queued analysis; idempotent, since a redelivered upload is queued again."""
    if session.scalar(select(Analysis.id).where(Analysis.task_id == task_id)) is not None:
        return
    user = user_of(session=session, pseudonym=pseudonym)
    session.add(Analysis(user_id=user.id, task_id=task_id, status=QUEUED))


def record_analysis_result(
    *, session: Session, vault: ImageVault, task_id: str, result: AnalysisResult
) -> None:
    """Record the finished analysis and keep its heatmap once; an unknown task is ignored."""
    analysis = _analysis_of(session=session, task_id=task_id)
    if analysis is None:
        return
    analysis.status = result.status
    analysis.source_format = result.source_format
    analysis.probability = result.probability
    analysis.model_name = result.model_name
    analysis.model_version = result.model_version
    analysis.model_trained = result.model_trained
    analysis.error_kind = result.error_kind
    analysis.modality = result.modality
    analysis.band = result.band
    analysis.timings = json.dumps(dict(result.timings), sort_keys=True) if result.timings else None
    analysis.completed_at = datetime.now(UTC)
    if result.heatmap_png and not _image_id(session=session, analysis_id=analysis.id, purpose=HEATMAP):
        heatmap = StoredImage(
            user_id=analysis.user_id,
            analysis_id=analysis.id,
            purpose=HEATMAP,
            media_type="image/png",
            size_bytes=len(result.heatmap_png),
            deidentified=False,
        )
        vault.put(heatmap, result.heatmap_png)
        session.add(heatmap)


def keep_upload(
    *,
    session: Session,
    vault: ImageVault,
    pseudonym: str,
    task_id: str,
    data: bytes,
    media_type: str,
    deidentified: bool,
) -> int:
    """Keep the (already de-identified) upload for the analysis `task_id`, once; returns the image id."""
    user = user_of(session=session, pseudonym=pseudonym)
    analysis = _analysis_of(session=session, task_id=task_id)
    if analysis is None:
        analysis = Analysis(user_id=user.id, task_id=task_id, status=QUEUED)
        session.add(analysis)
        session.flush()
    existing = _image_id(session=session, analysis_id=analysis.id, purpose=UPLOAD)
    if existing is not None:
        return existing
    image = StoredImage(
        user_id=user.id,
        analysis_id=analysis.id,
        purpose=UPLOAD,
        media_type=media_type,
        size_bytes=len(data),
        deidentified=deidentified,
    )
    vault.put(image, data)
    session.add(image)
    session.flush()
    return image.id


def image_bytes(*, session: Session, vault: ImageVault, image_id: int) -> bytes:
    """The decrypted bytes of a kept image; FileNotFoundError when it is gone."""
    row = session.get(StoredImage, image_id)
    if row is None:
        raise FileNotFoundError(f"image {image_id} is not stored")
    return vault.read(row)


def images_of(*, session: Session, pseudonym: str) -> list[ImageRecord]:
    """The person's kept images, oldest first."""
    statement = select(StoredImage).join(User, StoredImage.user_id == User.id)
    rows = session.scalars(statement.where(User.pseudonym == pseudonym).order_by(StoredImage.id))
    return [image_record(row) for row in rows]


def analyses_of(*, session: Session, pseudonym: str) -> list[AnalysisRecord]:
    """The person's analyses, oldest first."""
    statement = select(Analysis).join(User).where(User.pseudonym == pseudonym).order_by(Analysis.id)
    return [
        AnalysisRecord(
            id=row.id,
            task_id=row.task_id,
            status=row.status,
            source_format=row.source_format,
            probability=row.probability,
            model_name=row.model_name,
            model_version=row.model_version,
            model_trained=row.model_trained,
            error_kind=row.error_kind,
            modality=row.modality,
            band=row.band,
            timings=json.loads(row.timings) if row.timings else {},
            created_at=row.created_at,
            completed_at=row.completed_at,
        )
        for row in session.scalars(statement)
    ]
