"""The Telegram bot (python-telegram-bot 22): handlers, every user-facing text, the conversation, the image
round trip. May import settings, imaging, clinical, nlu, store and workers' contract and task names."""
