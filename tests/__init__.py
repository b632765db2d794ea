"""The test suite: real redis-server, Celery, Rasa, database and the Telegram emulator; helpers beside it."""
