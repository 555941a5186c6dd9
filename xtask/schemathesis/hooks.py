"""Schemathesis hooks for shiming (used by `cargo xtask schemathesis`).

Two callers, as in production:
- the province administrator (its password set by SHIMING_ADMIN_PASSWORD, so no forced change)
  for everything but the writes of the registry;
- an entry operator (录入) of a county for the writes of the registry (persons, their records and
  status, employers), which administrators may not make. The run sets it up the way a province
  does: the province registers the city administrator's holder, the city the county's, the county
  creates the entry sub-account; each logs in with its one-time password, sets its own and
  accepts the confidentiality agreement.

Administrators log in with two factors: the run is their authenticator app (pyotp, RFC 6238). It
enrols each on its first login, keeps the secrets, and never offers the server a 30-second step it
has already taken for that account (the server refuses a code twice). Tokens are reused while they
are valid, so that the two workers do not log in over and over.

Every login goes through the trusted-proxy header, so the run's own login attempts from
127.0.0.1 cannot throttle it.
"""

import os
import threading
import time

import pyotp
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


STEP = 30
LOCK = threading.RLock()
SECRETS = {}  # username -> [pyotp.TOTP, last step used]
TOKENS = {}  # username -> (access token, valid until)


def code(username):
    """A code of a step the server has not taken from this account: the current one, or the next
    (accepted one step early); waits for the step after when both were used."""
    with LOCK:
        while True:
            entry = SECRETS[username]
            now = int(time.time()) // STEP
            step = max(now, entry[1] + 1)
            if step <= now + 1:
                entry[1] = step
                return entry[0].at(step * STEP)
            time.sleep((now + 1) * STEP - time.time() + 0.1)


def gates(username, answer):
    """Passes the gates after the password: the two-factor enrolment, the agreement."""
    token = answer["access_token"]
    if answer.get("must_enrol_mfa"):
        secret = call("POST", "/auth/mfa/enrolment", token)["secret"]
        SECRETS[username] = [pyotp.TOTP(secret), 0]
        call("POST", "/auth/mfa/confirm", token, json={"code": code(username)})
    if answer.get("must_accept_agreement"):
        call("POST", "/auth/accept-agreement", token)
    TOKENS[username] = (token, time.time() + answer["expires_in"] - 60)
    return token


def first_step(username, password):
    """The password step, and the code when the server asks for one: the login answer."""
    answer = call("POST", "/auth/login", json={"username": username, "password": password})
    if answer.get("mfa_required"):
        body = {"mfa_token": answer["mfa_token"], "code": code(username)}
        answer = call("POST", "/auth/mfa", json=body)
    return answer


def login(username, password):
    """An access token of the account, through every gate; a valid one is reused."""
    with LOCK:
        cached = TOKENS.get(username)
        if cached and cached[1] > time.time():
            return cached[0]
        return gates(username, first_step(username, password))


def activate(username, otp, new_password):
    answer = call(
        "POST",
        "/auth/change-password",
        first_step(username, otp)["access_token"],
        json={"current_password": otp, "new_password": new_password},
    )
    with LOCK:
        return gates(username, answer)


def holder(token, code):
    body = {"name": f"管理员{code}", "phone": "13900000000", "approval_ref": f"批-{code}"}
    return call("PUT", f"/accounts/{code}/holder", token, json=body)["one_time_password"]


def admin_token():
    return login("620000", PASSWORD)


def entry_token():
    pw = PASSWORD + "-e"
    try:
        return login(ENTRY, pw)
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
