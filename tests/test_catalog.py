"""The message catalogs: every translation has every English message with the same placeholders, is in its
own script, was made from the current English (fingerprints), and an incomplete one is never spoken."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot import catalog
from bot.catalog import bundles, fingerprints
from bot.catalog.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, Language

TRANSLATIONS = [language for language in Language if language is not DEFAULT_LANGUAGE]
SCRIPTS = {Language.KANNADA: "KANNADA", Language.HINDI: "DEVANAGARI"}
# Latin text a translation keeps on purpose: commands, product and file-format names, units, case ids.
KEPT_IN_LATIN = re.compile(
    r"/[a-z]+|bcdbot|Telegram|\bids?\b|\bID\b|DICOM|JPEG|PNG|MB|bytes|BRCA[12]?|NCI|DCIS|LCIS|\bCC\b|\bMLO\b"
    r"|\.dcm|Breast Cancer Risk Assessment Tool|Gail model|\bPhoto\b|\bFile\b|C-1A2B3C"
    r"|\b(?:PDF|GIF|TIFF|ZIP|gzip|RTF|HEIC|AVIF|WebP|HTML|SVG|BMP|iPhone|Office)\b"
)


class _Words(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.parts.append(node.value)


def words(message: ast.Message) -> str:
    """The message's own text, every variant included (placeholders and references left out)."""
    visitor = _Words()
    visitor.visit(message)
    return " ".join(visitor.parts)


class _Variables(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


class _Variants(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.keys: set[tuple[str, str]] = set()

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            for variant in node.variants:
                key = variant.key
                name = key.name if isinstance(key, ast.Identifier) else key.value
                self.keys.add((node.selector.id.name, name))
        self.generic_visit(node)


# Selectors that choose what is said (a sentence per file format, band, photo problem...), unlike those
# that follow grammar (a relation word, a plural), which a language may merge.
CONTENT_SELECTORS = frozenset(
    {"modality", "format", "band", "sent", "problem", "status", "trained", "answer", "race", "pictured",
     "horizon", "about", "reason"}
)  # fmt: skip


def content_variants(message: ast.Message) -> set[tuple[str, str]]:
    visitor = _Variants()
    visitor.visit(message)
    return {(name, key) for name, key in visitor.keys if name in CONTENT_SELECTORS}


def parsed(language: Language) -> dict[str, ast.Message]:
    messages: dict[str, ast.Message] = {}
    for path in bundles.catalog_files(language):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path}: {junk[0].annotations[0].message}"
        messages.update({entry.id.name: entry for entry in resource.body if isinstance(entry, ast.Message)})
    return messages


def variables(message: ast.Message) -> set[str]:
    visitor = _Variables()
    visitor.visit(message)
    return visitor.names


def formatted(language: Language) -> dict[str, str]:
    english = parsed(DEFAULT_LANGUAGE)
    return {
        mid: catalog.text(language, mid, **dict.fromkeys(variables(english[mid]), "PLACEHOLDER"))
        for mid in sorted(english)
    }


@pytest.mark.parametrize("language", list(Language))
def test_every_catalog_parses_and_formats_every_message(language: Language) -> None:
    assert formatted(language)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_translation_has_every_message_with_the_same_placeholders(language: Language) -> None:
    english, translated = parsed(DEFAULT_LANGUAGE), parsed(language)
    assert sorted(set(english) - set(translated)) == []
    assert sorted(set(translated) - set(english)) == []
    differing = [mid for mid in english if variables(english[mid]) != variables(translated[mid])]
    assert differing == []
    # a variant the code selects (a file format, a band, a photo problem) is never left to the default
    fewer = [mid for mid in english if content_variants(english[mid]) - content_variants(translated[mid])]
    assert fewer == []
    assert catalog.usable(language)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_nothing_left_in_english_by_accident(language: Language) -> None:
    """Every variant of every message (not only the one a default argument selects)."""
    script = SCRIPTS[language]
    for mid, message in parsed(language).items():
        rest = KEPT_IN_LATIN.sub("", words(message))
        assert not re.search(r"[A-Za-z]", rest), f"{language.value} {mid}: Latin letters in {rest!r}"
        # letters, less the letterlike symbols (the info sign)
        letters = [char for char in rest if char.isalpha() and not "\u2100" <= char <= "\u214f"]
        foreign = [char for char in letters if not unicodedata.name(char, "").startswith(script)]
        assert foreign == [], f"{language.value} {mid}: not {script}: {foreign}"
        assert letters or mid.startswith("join-"), f"{language.value} {mid}: no words"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_translation_was_made_from_the_current_english(language: Language) -> None:
    stale = fingerprints.stale_messages(language, catalog.message_ids(language))
    assert stale == [], f"update the translations, then run: bcdbot catalog stamp {language.value}"


def test_a_changed_english_text_makes_its_translations_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = dict(fingerprints.english_fingerprints(), welcome="0000000000000000")
    monkeypatch.setattr(fingerprints, "english_fingerprints", lambda: changed)
    for language in TRANSLATIONS:
        assert fingerprints.stale_messages(language, catalog.message_ids(language)) == ["welcome"]


def test_stamping_records_the_current_english(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr(fingerprints, "fingerprint_path", lambda language: tmp_path / f"{language}.json")  # type: ignore[operator]
    translated = frozenset({"welcome", "help"})
    assert fingerprints.stamp(Language.KANNADA, translated) == 2
    assert fingerprints.stale_messages(Language.KANNADA, translated) == []
    assert fingerprints.stamp(Language.KANNADA, translated) == 0


def test_an_incomplete_catalog_is_never_spoken(monkeypatch: pytest.MonkeyPatch) -> None:
    full = bundles.load(Language.HINDI)
    partial = bundles.Catalog(full.language, full.bundle, full.ids - {"welcome"}, full.status)
    real_load = bundles.load
    monkeypatch.setattr(
        bundles, "load", lambda language: partial if language is Language.HINDI else real_load(language)
    )
    assert not catalog.usable(Language.HINDI)
    assert catalog.text(Language.HINDI, "greeting") == catalog.english("greeting")
    notice = catalog.fallback_notice(Language.HINDI)
    assert notice is not None
    assert "English" in notice
    assert catalog.fallback_notice(Language.KANNADA) is None


def test_english_is_formatted_without_isolation_marks_or_grouping() -> None:
    text = catalog.english("risk-count-range", high=12345)
    assert text == "Please type a number between 0 and 12345, or choose a button."


def test_an_unknown_message_is_a_bug_not_a_silent_blank() -> None:
    with pytest.raises(KeyError, match="no-such-message"):
        catalog.english("no-such-message")


@pytest.mark.parametrize("language", list(Language))
def test_every_catalog_says_who_wrote_it_and_its_review_status(language: Language) -> None:
    status = bundles.load(language).status
    assert status["language"] == language.value
    assert status["written_by"] and status["review"] in {"source", "unreviewed", "reviewed"}
    if language is not DEFAULT_LANGUAGE:
        assert "clinician" in str(status["clinical_review"])
    assert LANGUAGE_NAMES[language]
