"""The risk questionnaire's answers as the conversation keeps them (JSON), and what the model reads from them.

Each field is None until asked. "I don't know" is stored as ``"unknown"`` and reaches the model as its own
unknown code (``clinical.UNKNOWN``, ``Hyperplasia.UNKNOWN``, and race code 4, "Native American or
other/unknown", whose rates are the ones the NCI tool uses for an unknown race).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Final

from clinical import UNKNOWN, EligibilityAnswers, Hyperplasia, Race, RiskInputs, Unknown
from clinical.bcrat_model import FIVE_YEARS
from clinical.bcrat_recode import MAX_AGE

YES: Final = "yes"
NO: Final = "no"
NO_BIRTHS: Final = "none"
BREAST_CANCER: Final = "breast_cancer"
IN_SITU: Final = "dcis_lcis"
UNKNOWN_RACE: Final = Race.NATIVE_AMERICAN  # "Native American or other/unknown"

HISTORY_VALUES: Final = (BREAST_CANCER, IN_SITU, NO, UNKNOWN)
YES_NO_VALUES: Final = (YES, NO, UNKNOWN)


@dataclass
class RiskAnswers:
    """What the person has answered so far (None: not asked yet).

    history: breast_cancer, dcis_lcis, no or unknown. chest_radiation, brca, hyperplasia: yes, no or
    unknown. race: a model race code (1-11) or unknown. menarche: an age or unknown. first_birth: an age,
    none (no live births) or unknown. relatives, biopsies: a count or unknown. male: known from the intake.
    """

    age: float | None = None
    history: str | None = None
    chest_radiation: str | None = None
    brca: str | None = None
    race: int | str | None = None
    menarche: float | str | None = None
    first_birth: float | str | None = None
    relatives: int | str | None = None
    biopsies: int | str | None = None
    hyperplasia: str | None = None
    male: bool = False

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: object) -> RiskAnswers:
        """Answers from stored JSON; a value of the wrong type is dropped (its question is asked again)."""
        if not isinstance(data, dict):
            return cls()
        answers = cls()
        for spec in fields(cls):
            value = data.get(spec.name)
            if _valid(spec.name, value):
                setattr(answers, spec.name, value)
        return answers

    def eligibility(self) -> EligibilityAnswers:
        """The eligibility questions; "I don't know" does not block (the reply says what it would mean)."""
        return EligibilityAnswers(
            age=float(self.age if self.age is not None else 0),
            had_breast_cancer=self.history == BREAST_CANCER,
            had_dcis_or_lcis=self.history == IN_SITU,
            had_chest_radiation=self.chest_radiation == YES,
            has_brca_mutation=self.brca == YES,
            is_male=self.male,
        )

    def unsure_about(self) -> list[str]:
        """The eligibility questions answered "I don't know": history, chest_radiation, brca."""
        return [name for name in ("history", "chest_radiation", "brca") if getattr(self, name) == UNKNOWN]

    def race_of(self) -> Race:
        return Race(self.race) if isinstance(self.race, int) else UNKNOWN_RACE

    def inputs(self) -> RiskInputs:
        """The model's inputs (every question answered); the projection runs 5 years, or to 90."""
        assert self.age is not None, "the age is asked first"
        return RiskInputs(
            age=self.age,
            projection_end_age=min(self.age + FIVE_YEARS, MAX_AGE),
            age_at_menarche=_number_or_unknown(self.menarche),
            age_at_first_birth=(
                None if self.first_birth == NO_BIRTHS else _number_or_unknown(self.first_birth)
            ),
            first_degree_relatives=_count_or_unknown(self.relatives),
            biopsies=_count_or_unknown(self.biopsies),
            atypical_hyperplasia=Hyperplasia(self.hyperplasia or UNKNOWN),
            race=self.race_of(),
        )

    def record(self) -> dict[str, Any]:
        """The answers as stored with the assessment (those given, "unknown" included)."""
        return {key: value for key, value in asdict(self).items() if value is not None and value is not False}


def _number_or_unknown(value: float | str | None) -> float | Unknown:
    return value if isinstance(value, int | float) else UNKNOWN


def _count_or_unknown(value: int | str | None) -> int | Unknown:
    return value if isinstance(value, int) else UNKNOWN


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _valid(name: str, value: object) -> bool:
    """Whether `value` may be stored in the field `name` (None always may)."""
    if value is None:
        return True
    checks: dict[str, bool] = {
        "age": _is_number(value),
        "history": value in HISTORY_VALUES,
        "chest_radiation": value in YES_NO_VALUES,
        "brca": value in YES_NO_VALUES,
        "hyperplasia": value in YES_NO_VALUES,
        "race": value == UNKNOWN or (_is_count(value) and value in Race._value2member_map_),
        "menarche": value == UNKNOWN or _is_number(value),
        "first_birth": value in (UNKNOWN, NO_BIRTHS) or _is_number(value),
        "relatives": value == UNKNOWN or _is_count(value),
        "biopsies": value == UNKNOWN or _is_count(value),
        "male": isinstance(value, bool),
    }
    return checks.get(name, False)
