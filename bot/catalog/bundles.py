"""Loading the Fluent catalogs once, and formatting a message for a language."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax import ast as fluent_ast

from bot.catalog.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, Language

LOCALES = Path(__file__).resolve().parents[1] / "locales"
STATUS_FILE = "catalog.json"


class CatalogError(KeyError):
    """A message id that English does not have, or a message that formats with errors: a bug to fix in the
    caller or in `bot/locales/`."""


@dataclass(frozen=True)
class Catalog:
    language: Language
    bundle: FluentBundle
    ids: frozenset[str]
    status: Mapping[str, object]  # catalog.json: who wrote it and its review status


def catalog_files(language: Language) -> list[Path]:
    return sorted((LOCALES / language.value).glob("*.ftl"))


@cache
def load(language: Language) -> Catalog:
    # use_isolating=False: Unicode isolation marks around every placeholder would reach Telegram as
    # invisible characters; none of these scripts is right-to-left.
    bundle = FluentBundle([language.value], use_isolating=False)
    ids: set[str] = set()
    for path in catalog_files(language):
        resource = FluentResource(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, fluent_ast.Junk)]
        if junk:
            raise CatalogError(f"{path}: cannot parse {(junk[0].content or '').splitlines()[:1]}")
        bundle.add_resource(resource)
        ids.update(entry.id.name for entry in resource.body if isinstance(entry, fluent_ast.Message))
    status = json.loads((LOCALES / language.value / STATUS_FILE).read_text(encoding="utf-8"))
    return Catalog(language, bundle, frozenset(ids), status)


def message_ids(language: Language = DEFAULT_LANGUAGE) -> frozenset[str]:
    return load(language).ids


def usable(language: Language) -> bool:
    """Whether the bot may speak `language`: its catalog has every English message."""
    return load(language).ids >= load(DEFAULT_LANGUAGE).ids


def text(language: Language, message_id: str, /, **args: str | int | date) -> str:
    """The message in `language`, or in English when that catalog is incomplete.

    Numbers are written by the caller (`bot.digits`); an int is shown as it is, without grouping. A date is
    written the language's way (CLDR's medium style: "Dec 4, 2026", "ಡಿಸೆಂ 4, 2026")."""
    catalog = load(language if usable(language) else DEFAULT_LANGUAGE)
    if message_id not in catalog.ids:
        raise CatalogError(f"no message {message_id!r} in bot/locales/{catalog.language.value}/")
    message = catalog.bundle.get_message(message_id)
    if message.value is None:
        raise CatalogError(f"{message_id!r} in {catalog.language.value} has attributes only")
    values = {
        name: fluent_number(value, useGrouping=False) if isinstance(value, int) else value
        for name, value in args.items()
    }
    formatted, errors = catalog.bundle.format_pattern(message.value, values)
    if errors:
        raise CatalogError(f"{message_id!r} in {catalog.language.value}: {errors[0]}")
    return str(formatted)


def english(message_id: str, /, **args: str | int | date) -> str:
    return text(DEFAULT_LANGUAGE, message_id, **args)


def fallback_notice(language: Language) -> str | None:
    """What to say (in English) when `language` was asked for but its catalog is incomplete."""
    if usable(language):
        return None
    return english("catalog-incomplete", language=LANGUAGE_NAMES[language])
