"""The demo's scripted pass over the dealz dashboard's API, for runs without a terminal (CI):
follow a symbol, post to the chat, value 500 deals once prices and workers are there, and print
what the dashboard shows. Usage: dashboard_pass.py URL"""
import json
import sys
import time
import urllib.request

base = sys.argv[1].rstrip("/")


def request(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=10) as response:
        return json.load(response)


def until(condition, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = request("GET", "/api/state")
        except OSError:  # dealz is not listening yet
            state = None
        if state is not None and condition(state):
            return state
        time.sleep(0.1)
    sys.exit(f"dashboard pass: no {what} within {timeout} s")


until(lambda s: True, "dashboard")
print(request("POST", "/api/symbols", {"symbol": "NVDA"})["detail"])
print(request("POST", "/api/chat", {"user": "demo", "text": "hello from the scripted pass <b>stays text</b>"})["detail"])
until(lambda s: s["backends"]["workers"] == 2 and all(q.get("last") for q in s["quotes"]), "prices and workers")
print(request("POST", "/api/deals", {"count": 500})["detail"])
state = until(lambda s: (s.get("batch") or {}).get("posted"), "valued batch posted to chatz")

print("ticker:  " + ", ".join(f"{q['symbol']} {q['last']:.2f}" for q in state["quotes"]))
batch = state["batch"]
print(f"deals:   batch {batch['id']}: {batch['valued']} of {batch['deals']} valued, {batch['state']}, exact total {batch['total']!r}")
for entry in batch["bySymbol"]:
    print(f"         {entry['symbol']:6} {entry['deals']:4} deals {entry['value']:16.2f}")
print("chat:    " + " | ".join(f"{line['user']}: {line['text']}" for line in state["chat"]["lines"][-3:]))
print("sockets: " + ", ".join(f"{s['name']} {s['state']}" + (f" ({s['peers']} peers)" if s["binds"] else "") for s in state["sockets"]))
