"""Errors raised by the NLU client.

``NLUError`` is the base; ``NLUUnavailable`` means the NLU server could not answer (the bot should fall
back to a safe default reply); ``NLUTimeout`` and ``NLUCircuitOpen`` are particular cases of it.
"""


class NLUError(Exception):
    """Base class for every NLU client error (also raised for a malformed or rejected response)."""


class NLUUnavailable(NLUError):
    """The NLU server could not be reached or kept failing (connection error, 5xx after a retry)."""


class NLUTimeout(NLUUnavailable):
    """The NLU server did not answer within the timeout, retry included."""


class NLUCircuitOpen(NLUUnavailable):
    """Failing fast: the NLU server failed repeatedly and the circuit breaker is cooling down."""
