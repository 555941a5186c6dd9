"""Schemathesis hooks for shiming (used by `cargo xtask schemathesis`).

Authentication: every generated request carries the province administrator's bearer token. The
administrator logs in once (its password is set by SHIMING_ADMIN_PASSWORD, so no forced change)
and accepts the confidentiality agreement; the login goes through the trusted-proxy header, so the
run's own login attempts from 127.0.0.1 cannot throttle it.
"""

import os

import requests
import schemathesis

BASE = os.environ["SHIMING_URL"]
USER = os.environ.get("SHIMING_ST_USER", "620000")
PASSWORD = os.environ["SHIMING_ST_PASSWORD"]
VIA_PROXY = {"X-Forwarded-For": "10.99.0.1"}


@schemathesis.auth(refresh_interval=600)
class Administrator:
    def get(self, case, ctx):
        r = requests.post(
            f"{BASE}/api/v1/auth/login",
            json={"username": USER, "password": PASSWORD},
            headers=VIA_PROXY,
            timeout=30,
        )
        r.raise_for_status()
        token = r.json()["access_token"]
        requests.post(
            f"{BASE}/api/v1/auth/accept-agreement",
            headers={"Authorization": f"Bearer {token}", **VIA_PROXY},
            timeout=30,
        ).raise_for_status()
        return token

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
