"""bcdbot: a breast-cancer triage chatbot. Research tool, not a medical device."""
