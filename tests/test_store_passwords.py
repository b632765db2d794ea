"""The password and username rules of staff accounts (`store.passwords`), row by row of its table."""

from __future__ import annotations

import pytest

from store.passwords import common_passwords, password_problem, username_problem


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 12 characters"),
        (" " * 12, "only spaces"),
        ("\t \n" * 4, "only spaces"),
        ("a" * 12, "different characters"),
        ("abababababab", "different characters"),
        ("123456789012", "run of keys"),
        ("zyxwvutsrqpo", "run of keys"),
        ("qwertyuiopas", "run of keys"),
        ("password1234", "common passwords"),
        ("Passw0rd!!!!", "common passwords"),
        ("iloveyou 2024", "common passwords"),
        ("alice-is-the-admin", "contain the username"),
    ],
)
def test_weak_passwords_are_refused_with_their_reason(password: str, reason: str) -> None:
    problem = password_problem(password, username="alice")
    assert problem is not None and reason in problem


@pytest.mark.parametrize("password", ["correct horse battery", "a very good passphrase", "Tr0ub4dor&3-extra"])
def test_good_passwords_pass(password: str) -> None:
    assert password_problem(password, username="alice") is None


def test_the_shipped_list_is_the_twenty_thousand_lowercased_passwords() -> None:
    passwords = common_passwords()
    assert len(passwords) > 19_000 and "password" in passwords
    assert all(password == password.lower() for password in passwords)


@pytest.mark.parametrize("username", ["alice", "a.b_c-d", "X" * 64])
def test_ascii_usernames_pass(username: str) -> None:
    assert username_problem(username) is None


@pytest.mark.parametrize("username", ["", "\u0430lice", "ålice", "al ice", "alice@x", "x" * 65, "alice\n"])
def test_other_usernames_are_refused(username: str) -> None:
    assert username_problem(username) is not None
