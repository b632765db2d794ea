"""The triage conversation, pure: reading free text into an intake, the flow of questions, their keyboards,
and the way into the risk questionnaire. Imports bot's texts (the catalog) and keyboards, the risk
questionnaire, clinical and nlu's result type; never Telegram, the store or the network."""

from bot.conversation.flow import MENU_REPLIES, menu_reply, on_button, on_message, stateless_reply
from bot.conversation.intake import Intake
from bot.conversation.keyboards import (
    LANGUAGE_BUTTON_KIND,
    consent_keyboard,
    delete_keyboard,
    language_keyboard,
    question,
)
from bot.conversation.risk_routing import start_risk
from bot.conversation.state import ASK_SYMPTOMS, IDLE, Conversation
from bot.conversation.turn import Action, Turn

__all__ = [
    "ASK_SYMPTOMS",
    "IDLE",
    "LANGUAGE_BUTTON_KIND",
    "MENU_REPLIES",
    "Action",
    "Conversation",
    "Intake",
    "Turn",
    "consent_keyboard",
    "delete_keyboard",
    "language_keyboard",
    "menu_reply",
    "on_button",
    "on_message",
    "question",
    "start_risk",
    "stateless_reply",
]
