"""The Telegram emulator's contract tests, with python-telegram-bot as the client and real HTTP."""
