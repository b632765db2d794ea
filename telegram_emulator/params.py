"""Reading Bot API parameters from query strings, form, JSON and multipart bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import bad_request

ATTACH_PREFIX = "attach://"
TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no", ""})


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class FileInput:
    """A file parameter: either a fresh upload or a reference to a stored file_id."""

    upload: UploadedFile | None = None
    file_id: str | None = None


class Params:
    """Typed access to request parameters; string values that hold JSON are decoded on demand."""

    def __init__(self, values: dict[str, Any], files: dict[str, UploadedFile]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        """Whether the parameter was sent (a file part counts)."""
        return name in self.values or name in self.files

    def str_or_none(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def required_str(self, name: str, empty_reason: str | None = None) -> str:
        value = self.str_or_none(name)
        if value is None or not value.strip():
            raise bad_request(empty_reason or f"{name} is empty")
        return value

    def int_or_none(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Integer')
        if isinstance(value, int):
            return value
        try:
            return int(str(value))
        except ValueError:
            raise bad_request(f'field "{name}" must be of type Integer') from None

    def float_or(self, name: str, default: float) -> float:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be a Number') from None

    def bool_or(self, name: str, default: bool) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise bad_request(f'field "{name}" must be of type Boolean')

    def json_or_none(self, name: str) -> Any:
        """Decode a JSON-serialised field (form requests) or return it as is (JSON requests)."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def file_input(self, name: str) -> FileInput | None:
        """Resolve a file parameter sent as a part named ``name``, ``attach://x`` or a file_id."""
        if name in self.files:
            return FileInput(upload=self.files[name])
        value = self.str_or_none(name)
        if value is None or value == "":
            return None
        if value.startswith(ATTACH_PREFIX):
            part = self.files.get(value[len(ATTACH_PREFIX) :])
            if part is None:
                raise bad_request(f"file {value} not found in the request")
            return FileInput(upload=part)
        return FileInput(file_id=value)


async def read_params(request: web.Request) -> Params:
    """Merge the query string with a form, multipart or JSON body."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON request body must be an object")
        values.update(body)
    elif request.can_read_body:
        for name, field in (await request.post()).items():
            if isinstance(field, web.FileField):
                files[name] = UploadedFile(field.filename or None, field.content_type, field.file.read())
            elif isinstance(field, str):
                values[name] = field
            else:
                values[name] = bytes(field).decode()
    return Params(values, files)
