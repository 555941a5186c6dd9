"""Schemathesis hooks for shiming (used by `cargo xtask schemathesis`).

Two callers, as in production:
- the province administrator (its password set by SHIMING_ADMIN_PASSWORD, so no forced change)
  for everything but the writes of the registry;
- an entry operator (录入) of a county for the writes of the registry (persons, their records and
  status, employers), which administrators may not make. The run sets it up the way a province
  does: the province registers the city administrator's holder, the city the county's, the county
  creates the entry sub-account; each logs in with its one-time password, sets its own and
  accepts the confidentiality agreement.

Every login goes through the trusted-proxy header, so the run's own login attempts from
127.0.0.1 cannot throttle it.
"""

import os

import requests
import schemathesis

BASE = os.environ["SHIMING_URL"] + "/api/v1"
PASSWORD = os.environ["SHIMING_ST_PASSWORD"]
VIA_PROXY = {"X-Forwarded-For": "10.99.0.1"}
CITY, COUNTY, ENTRY = "620100", "620102", "st.entry"

# registry writes: the entry operator's; everything else: the administrator's
WRITES = r"^/api/v1/(persons(/\{id\}(/(employment|training|needs|graduate|status))?)?|employers)$"


def call(method, path, token=None, **kw):
    headers = dict(VIA_PROXY)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    r = requests.request(method, BASE + path, headers=headers, timeout=30, **kw)
    r.raise_for_status()
    return r.json() if r.content else None


def login(username, password):
    return call("POST", "/auth/login", json={"username": username, "password": password})


def activate(username, otp, new_password):
    token = call(
        "POST",
        "/auth/change-password",
        login(username, otp)["access_token"],
        json={"current_password": otp, "new_password": new_password},
    )["access_token"]
    call("POST", "/auth/accept-agreement", token)
    return token


def holder(token, code):
    body = {"name": f"管理员{code}", "phone": "13900000000", "approval_ref": f"批-{code}"}
    return call("PUT", f"/accounts/{code}/holder", token, json=body)["one_time_password"]


def admin_token():
    token = login("620000", PASSWORD)["access_token"]
    call("POST", "/auth/accept-agreement", token)
    return token


def entry_token():
    pw = PASSWORD + "-e"
    try:
        return login(ENTRY, pw)["access_token"]
    except requests.HTTPError:
        pass
    city = activate(CITY, holder(admin_token(), CITY), PASSWORD + "-c")
    county = activate(COUNTY, holder(city, COUNTY), PASSWORD + "-k")
    body = {"username": ENTRY, "name": "录入员", "role": "entry", "approval_ref": "批-1"}
    otp = call("POST", "/accounts", county, json=body)["one_time_password"]
    return activate(ENTRY, otp, pw)


def bearer(case, token):
    case.headers = case.headers or {}
    case.headers["Authorization"] = f"Bearer {token}"


@schemathesis.auth(refresh_interval=600).skip_for(method=["POST", "PUT", "PATCH"], path_regex=WRITES)
class Administrator:
    def get(self, case, ctx):
        return admin_token()

    def set(self, case, data, ctx):
        bearer(case, data)


@schemathesis.auth(refresh_interval=600).apply_to(method=["POST", "PUT", "PATCH"], path_regex=WRITES)
class EntryOperator:
    def get(self, case, ctx):
        return entry_token()

    def set(self, case, data, ctx):
        bearer(case, data)
