"""`bcdbot db ...` (migrations, key rotation, retention), `bcdbot admin` (console), `bcdbot grant-role`,
`bcdbot maintenance`: each opens the store as the bot does (configured engine and keys, Alembic to head)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from settings import configure_logging, get_settings


def _open_store(migrate: bool = True) -> Any:
    from store import open_store

    settings = get_settings()
    return open_store(
        database_url=settings.database_url,
        encryption_keys=settings.encryption_key_list,
        image_dir=settings.image_folder,
        migrate=migrate,
    )


def _db(args: argparse.Namespace) -> int:
    from store import current_revision, downgrade_database, upgrade_database
    from store.maintenance import purge_expired, rotate_keys

    settings = get_settings()
    configure_logging(settings.log_level)
    store = _open_store(migrate=False)
    try:
        if args.action == "upgrade":
            upgrade_database(store.engine, args.revision)
            print(f"database at revision {current_revision(store.engine)}")
        elif args.action == "downgrade":
            downgrade_database(store.engine, args.revision)
            print(f"database at revision {current_revision(store.engine)}")
        elif args.action == "current":
            print(current_revision(store.engine) or "empty (run `bcdbot db upgrade`)")
        elif args.action == "rotate-keys":
            upgrade_database(store.engine)
            for what, count in rotate_keys(store).items():
                print(f"re-encrypted {count} {what}")
        elif args.action == "purge":
            upgrade_database(store.engine)
            report = purge_expired(store, retention_days=settings.retention_days)
            print(f"purged {report.messages} messages, {report.images} images, {report.orphan_files} orphans")
    finally:
        store.engine.dispose()
    return 0


def _admin(args: argparse.Namespace) -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    if args.admin_command == "create-user":
        from store.staff import AccountError, StaffStore

        username = args.username or input("Username: ")
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
        store = _open_store()
        try:
            StaffStore(store.sessions).create_account(username=username, password=password, role=args.role)
        except AccountError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            store.engine.dispose()
        print(f"created {args.role} account {username}")
        return 0
    from admin import create_app
    from admin.serving import serve

    app = create_app(settings)
    print(f"bcdbot admin console: http://{settings.admin_host}:{settings.admin_port}/", flush=True)
    serve(app, settings)
    return 0


def _grant_role(args: argparse.Namespace) -> int:
    from store import pseudonymise

    settings = get_settings()
    configure_logging(settings.log_level)
    store = _open_store()
    try:
        secret = settings.pseudonym_secret.get_secret_value().encode()
        store.grant_role(pseudonym=pseudonymise(args.telegram_id, secret=secret), role=args.role)
    finally:
        store.engine.dispose()
    print(f"granted {args.role}")  # never echo the Telegram id
    return 0


def _maintenance(_: argparse.Namespace) -> int:
    from workers.maintenance import run_maintenance

    settings = get_settings()
    configure_logging(settings.log_level)
    run_maintenance(settings, schedule_dir=Path(settings.image_dir).parent)
    return 0


def register(commands: Any) -> None:
    """Add the `db`, `admin`, `grant-role` and `maintenance` commands to the `bcdbot` parser."""
    db = commands.add_parser("db", help="database: migrations, key rotation, retention purge")
    db.add_argument("action", choices=["upgrade", "downgrade", "current", "rotate-keys", "purge"])
    db.add_argument("revision", nargs="?", default="head", help="for upgrade/downgrade (default head)")
    db.set_defaults(handler=_db)
    admin = commands.add_parser("admin", help="run the admin console, or manage its accounts")
    sub = admin.add_subparsers(dest="admin_command")
    create = sub.add_parser("create-user", help="create an admin-console account")
    create.add_argument("username", nargs="?", help="asked for when left out")
    create.add_argument("--role", choices=["admin", "clinician"], required=True)
    create.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    admin.set_defaults(handler=_admin, admin_command=None)
    grant = commands.add_parser("grant-role", help="grant a role (health_worker) to a Telegram user")
    grant.add_argument("--telegram-id", type=int, required=True, help="the user's numeric Telegram id")
    grant.add_argument("--role", choices=["health_worker"], required=True)
    grant.set_defaults(handler=_grant_role)
    maintenance = commands.add_parser("maintenance", help="run the retention job (Celery worker + beat)")
    maintenance.set_defaults(handler=_maintenance)
