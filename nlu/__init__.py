"""Natural-language understanding for bcdbot: a client for the Rasa NLU server in this directory."""

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
