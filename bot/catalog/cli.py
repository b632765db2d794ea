"""`bcdbot catalog check` lists what each catalog lacks or has stale; `bcdbot catalog stamp LANG` records
that LANG's translations match the current English (run it after updating a translation, never instead)."""

from __future__ import annotations

import argparse

from bot.catalog.bundles import message_ids
from bot.catalog.fingerprints import stale_messages, stamp
from bot.catalog.languages import DEFAULT_LANGUAGE, Language


def _check(_: argparse.Namespace) -> int:
    english = message_ids(DEFAULT_LANGUAGE)
    problems = 0
    for language in Language:
        if language is DEFAULT_LANGUAGE:
            continue
        translated = message_ids(language)
        missing, stale = sorted(english - translated), stale_messages(language, translated)
        problems += len(missing) + len(stale)
        print(f"{language.value}: {len(translated)} of {len(english)} messages, {len(stale)} stale")
        for mid in missing:
            print(f"  missing {mid}")
        for mid in stale:
            print(f"  stale   {mid} (translated from an older English text)")
    return 1 if problems else 0


def _stamp(args: argparse.Namespace) -> int:
    language = Language(args.language)
    changed = stamp(language, message_ids(language))
    print(f"{language.value}: {changed} fingerprints updated")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``catalog`` subcommand; its handler is ``args.handler(args) -> int``."""
    parser = subparsers.add_parser("catalog", help="the message catalogs' completeness and fingerprints")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("check", help="list missing and stale translations").set_defaults(handler=_check)
    stamp_parser = actions.add_parser("stamp", help="record that LANG's translations match the English")
    translations = [language.value for language in Language if language is not DEFAULT_LANGUAGE]
    stamp_parser.add_argument("language", choices=translations)
    stamp_parser.set_defaults(handler=_stamp)
    return parser
