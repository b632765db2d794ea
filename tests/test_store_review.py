"""The admin console's queries and workflow on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store.login_throttle import LoginThrottle
from store.review import ConversationFilter, ReviewStore, WorkflowError
from store.staff import StaffStore
from tests.admin_seed import ADMIN_PASSWORD, SEARCH_WORD, seeded_store


def test_filters_search_workflow_and_throttling(database_url: str, tmp_path: Path) -> None:
    store = seeded_store(tmp_path, database_url=database_url)
    review = ReviewStore(store)

    def count(**wanted: object) -> int:
        return review.conversations(ConversationFilter(**wanted), page=1, page_size=100)[1]  # type: ignore[arg-type]

    assert count() == 30
    assert count(text=SEARCH_WORD.upper()) == 1 and count(text="' OR 1=1 --") == 0 and count(text="%") == 0
    assert (count(band="high"), count(band="low"), count(modality="ultrasound")) == (4, 6, 5)
    assert (count(red_flag=True), count(escalated=True), count(escalated=False)) == (2, 2, 28)
    today = datetime.now(UTC).date()
    assert count(date_from=today, date_to=today) == 30
    assert count(date_to=today - timedelta(days=2)) == 0
    rows, total = review.conversations(ConversationFilter(), page=2, page_size=25)
    assert total == 30 and len(rows) == 5
    assert [c.max_probability for c in review.cases()] == []  # no health-worker cases seeded

    first = review.escalations()[0]
    review.acknowledge(first.id, by="bob")
    review.add_note(first.id, by="bob", text="booked an appointment")
    with pytest.raises(WorkflowError):
        review.acknowledge(first.id, by="bob")
    review.close(first.id, by="bob")
    assert [e.id for e in review.escalations()] != [first.id]
    closed = next(e for e in review.escalations(statuses=("closed",)) if e.id == first.id)
    assert closed.notes[0][2] == "booked an appointment" and closed.closed_by == "bob"

    detail = review.conversation(1)
    assert detail is not None and [m.text for m in detail.messages] == ["hello number 0", "Thank you."]
    assert {image.purpose for image in detail.analyses[0].images} == {"upload", "heatmap"}

    staff = StaffStore(store.sessions)
    throttle = LoginThrottle(store.sessions, limit=5, window=timedelta(minutes=15))
    for _ in range(3):
        attempt = throttle.claim(username="alice", client="10.0.0.1")
        assert attempt is not None and staff.authenticate(username="alice", password="nope") is None
        throttle.settle(attempt, succeeded=False)
    assert throttle.failures(username="alice", client="10.0.0.2") == 3
    assert staff.authenticate(username="alice", password=ADMIN_PASSWORD) is not None
    store.engine.dispose()
