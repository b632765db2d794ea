"""Rasa's own NLU evaluation (`rasa test nlu`'s `run_evaluation`) on several held-out files, one model load.

    .rasa-venv/bin/python -m rasa_addons.evaluate --model M --out DIR FILE...   (from nlu/, or PYTHONPATH=nlu)

Writes DIR/scores.json (and prints it): for each file's stem, the intent macro-F1 and the entity micro-F1
of the DIETClassifier with their support, the same figures `rasa test nlu` writes to intent_report.json
and DIETClassifier_report.json; each file's reports and errors are kept under DIR/<stem>/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from rasa.core.agent import Agent
from rasa.nlu.test import run_evaluation

ENTITY_EXTRACTOR = "DIETClassifier"


def _scores(result: dict[str, Any]) -> dict[str, float | int]:
    intents = result["intent_evaluation"]["report"]
    entities = (result["entity_evaluation"] or {}).get(ENTITY_EXTRACTOR, {}).get("report", {})
    entity_average = entities.get("micro avg", {})
    return {
        "intent_macro_f1": round(intents["macro avg"]["f1-score"], 4),
        "examples": int(intents["macro avg"]["support"]),
        "entity_f1": round(entity_average.get("f1-score", 0.0), 4),
        "entities": int(entity_average.get("support", 0)),
    }


async def evaluate(model: Path, files: list[Path], out: Path) -> dict[str, dict[str, float | int]]:
    processor = Agent.load(model_path=str(model)).processor
    scores = {}
    for path in files:
        result = await run_evaluation(
            str(path), processor, output_directory=str(out / path.stem), errors=True, disable_plotting=True,
            report_as_dict=True,
        )  # fmt: skip
        scores[path.stem] = _scores(result)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    scores = json.dumps(asyncio.run(evaluate(args.model, args.files, args.out)), indent=2)
    (args.out / "scores.json").write_text(scores + "\n", encoding="utf-8")
    print(scores)


if __name__ == "__main__":
    main()
