"""Clinical rules and risk models, pure and typed: red flags, the lay-word lexicon, the NCI risk model.
Imports nothing of this project.

Research use only: nothing here is a medical device or a diagnosis.

- The NCI Breast Cancer Risk Assessment Tool (BCRAT, the "Gail model"): ``bcrat_inputs`` (answers),
  ``bcrat_recode`` (checks and categories), ``bcrat_parameters`` (published parameters), ``bcrat_model``
  (relative, five-year and lifetime risk); ``eligibility`` says whom it applies to; ``risk_cli`` adds the
  ``bcdbot risk`` subcommand; ``icon_array`` draws a risk as 100 figures (PNG).
"""

from clinical.bcrat_inputs import FIELD_LABELS, UNKNOWN, Hyperplasia, Race, RiskInputs, Unknown
from clinical.bcrat_model import RiskResult, absolute_risk, assess, average_risk, relative_risks
from clinical.bcrat_parameters import BcratParameters, RaceParameters, RateTable, load_parameters
from clinical.bcrat_recode import RecodedInputs, RiskInputError, inputs_from_codes, recode, validate
from clinical.eligibility import (
    EligibilityAnswers,
    Ineligibility,
    ineligibilities,
    ineligibility_reasons,
    model_applies,
)

__all__ = [
    "FIELD_LABELS",
    "UNKNOWN",
    "BcratParameters",
    "EligibilityAnswers",
    "Hyperplasia",
    "Ineligibility",
    "Race",
    "RaceParameters",
    "RateTable",
    "RecodedInputs",
    "RiskInputError",
    "RiskInputs",
    "RiskResult",
    "Unknown",
    "absolute_risk",
    "assess",
    "average_risk",
    "ineligibilities",
    "ineligibility_reasons",
    "inputs_from_codes",
    "load_parameters",
    "model_applies",
    "recode",
    "relative_risks",
    "validate",
]
