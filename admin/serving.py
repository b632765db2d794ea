"""The console's HTTP server (`bcdbot admin`): uvicorn, trusting forwarded headers only from named proxies.

uvicorn believes `X-Forwarded-For` and `X-Forwarded-Proto` from 127.0.0.1 unless told otherwise, so anyone
reaching the console through an SSH tunnel or a local process could pick the client address that the
per-client throttle and the audit log see. Here the proxies are `admin_trusted_proxies` and nothing else.
"""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from settings import Settings


def server_config(app: FastAPI, settings: Settings) -> uvicorn.Config:
    proxies = settings.admin_trusted_proxy_list
    return uvicorn.Config(
        app,
        host=settings.admin_host,
        port=settings.admin_port,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies,
        access_log=False,  # request URLs carry search text and filters
        log_config=None,
    )


def serve(app: FastAPI, settings: Settings) -> None:
    uvicorn.Server(server_config(app, settings)).run()
