"""The demo scripts' HTTP client for the running demo server (standard library only)."""
import json
import os
import sys
import urllib.error
import urllib.request


class Api:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.tokens = {}

    def call(self, method, path, body=None, user=None, raw=False):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if user:
            req.add_header("Authorization", "Bearer " + self.tokens[user])
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                payload = r.read()
                return r.status, (payload if raw else json.loads(payload or b"null"))
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def login(self, user, password):
        status, out = self.call("POST", "/api/v1/auth/login", {"username": user, "password": password})
        if status != 200:
            sys.exit("login %s: %s %s" % (user, status, out))
        self.tokens[user] = out["token"]


def credentials(root):
    """The demo users' passwords that run.sh wrote under var/: {user: password}, admin included."""
    creds = {}
    with open(os.path.join(root, "var/demo-credentials.txt")) as f:
        for line in f:
            user, _role, _scope, password = line.split()
            creds[user] = password
    with open(os.path.join(root, "var/admin-password.txt")) as f:
        creds["admin"] = f.read().strip()
    return creds


def must(result, want, what):
    status, out = result
    if status != want:
        sys.exit("%s: HTTP %s %s" % (what, status, json.dumps(out)[:600]))
    return out
