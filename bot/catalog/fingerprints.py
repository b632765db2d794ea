"""Which English text each translation was made from: a short hash of every English message, stored per
catalog in `bot/locales/<lang>/fingerprints.json`. When the English of a message changes, its stored
fingerprint no longer matches and the translation is stale until a translator updates it and stamps it
again (`bcdbot catalog stamp LANG`)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fluent.syntax import FluentParser, FluentSerializer, ast

from bot.catalog.bundles import LOCALES, catalog_files
from bot.catalog.languages import DEFAULT_LANGUAGE, Language

FINGERPRINT_FILE = "fingerprints.json"


@cache
def english_fingerprints() -> dict[str, str]:
    """Message id -> the first 16 hex digits of the SHA-256 of its English source (as Fluent writes it)."""
    serializer = FluentSerializer()
    found: dict[str, str] = {}
    for path in catalog_files(DEFAULT_LANGUAGE):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message):
                entry.comment = None  # a translator's note is not the text
                digest = hashlib.sha256(serializer.serialize_entry(entry).encode("utf-8")).hexdigest()
                found[entry.id.name] = digest[:16]
    return found


def fingerprint_path(language: Language) -> Path:
    return LOCALES / language.value / FINGERPRINT_FILE


def stored_fingerprints(language: Language) -> dict[str, str]:
    path = fingerprint_path(language)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def stale_messages(language: Language, translated: frozenset[str]) -> list[str]:
    """The translated messages whose English changed (or was never stamped) since they were translated."""
    current, stored = english_fingerprints(), stored_fingerprints(language)
    return sorted(mid for mid in translated if mid in current and stored.get(mid) != current[mid])


def stamp(language: Language, translated: frozenset[str]) -> int:
    """Record the current English fingerprint of every translated message; returns how many changed."""
    current, stored = english_fingerprints(), stored_fingerprints(language)
    updated = {mid: current[mid] for mid in sorted(translated) if mid in current}
    fingerprint_path(language).write_text(json.dumps(updated, indent=1, sort_keys=True) + "\n", "utf-8")
    return sum(1 for mid, digest in updated.items() if stored.get(mid) != digest)
