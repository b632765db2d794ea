"""Natural-language understanding: the Rasa project in this directory and the bot's client for its server.
Imports only clinical (the lexicon the synonyms are written from)."""

from nlu.breaker import CircuitBreaker
from nlu.client import RasaClient
from nlu.errors import NLUCircuitOpen, NLUError, NLUTimeout, NLUUnavailable
from nlu.result import NO_INTENT, Entity, ParseResult

__all__ = [
    "NO_INTENT",
    "CircuitBreaker",
    "Entity",
    "NLUCircuitOpen",
    "NLUError",
    "NLUTimeout",
    "NLUUnavailable",
    "ParseResult",
    "RasaClient",
]
