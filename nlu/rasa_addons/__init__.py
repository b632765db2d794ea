"""Rasa components of our own. They run inside the Rasa venv (Python 3.10), never in the application's."""
