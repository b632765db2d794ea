"""The parsed meaning of one message, as returned by Rasa's ``/model/parse``."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from nlu.errors import NLUError

NO_INTENT: Final = ""
"""``ParseResult.intent`` when there is none (blank text, or Rasa gave no intent)."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One extracted entity.

    ``value`` is Rasa's canonical value after synonym mapping (e.g. "painful" -> "pain", "rigth" ->
    "right"); ``start``/``end`` index the original text. ``confidence`` is 1.0 for extractors that
    report none (e.g. regex or synonym based ones).
    """

    entity: str
    value: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Intent and entities of one message."""

    text: str
    intent: str
    confidence: float
    entities: tuple[Entity, ...] = ()

    def values(self, entity_name: str, *, min_confidence: float = 0.0) -> list[str]:
        """Canonical values of ``entity_name`` in order of appearance, without duplicates."""
        seen: dict[str, None] = {}
        for ent in self.entities:
            if ent.entity == entity_name and ent.confidence >= min_confidence:
                seen.setdefault(ent.value, None)
        return list(seen)

    def first(self, entity_name: str, *, min_confidence: float = 0.0) -> str | None:
        """The first canonical value of ``entity_name``, or None."""
        found = self.values(entity_name, min_confidence=min_confidence)
        return found[0] if found else None

    @classmethod
    def from_rasa(cls, payload: Any, *, text: str) -> "ParseResult":
        """Build from a ``/model/parse`` JSON body; raises ``NLUError`` if it is not of that shape.

        ``text`` is the text that was sent (Rasa echoes it, but the caller's copy is authoritative).
        A missing intent becomes ``NO_INTENT`` with confidence 0.
        """
        if not isinstance(payload, Mapping):
            raise NLUError("NLU response is not a JSON object")
        try:
            intent = payload.get("intent") or {}
            name = intent.get("name") or NO_INTENT
            confidence = float(intent.get("confidence") or 0.0)
            entities = tuple(_entity(raw) for raw in payload.get("entities") or ())
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise NLUError(f"malformed NLU response ({type(exc).__name__})") from None
        if not isinstance(name, str):
            raise NLUError("malformed NLU response (intent name)")
        return cls(text=text, intent=name, confidence=confidence, entities=entities)


def _entity(raw: Mapping[str, Any]) -> Entity:
    confidence = raw.get("confidence_entity", raw.get("confidence"))
    return Entity(
        entity=str(raw["entity"]),
        value=str(raw["value"]),
        start=int(raw["start"]),
        end=int(raw["end"]),
        confidence=1.0 if confidence is None else float(confidence),
    )
