# The README's two commands. Both install what they need first (scripts/install.sh, idempotent).
.PHONY: demo test install lint

install:
	@bash scripts/install.sh

demo: install
	.venv/bin/bcdbot demo

test: install lint
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/mypy
