#!/usr/bin/env python3
"""Rough figures for the core service (no targets yet; benchmarks arrive with their own issue).

Against a running service: the time a POST /automations takes (it answers only once the rule
is live, so this is save-to-live), and events/s of a simple sequential loop over one
keep-alive HTTP connection.

  python3 scripts/measure-core.py --url http://localhost:8080 --token "$(cat data/operator-token)"
"""
import argparse
import http.client
import json
import statistics
import time
import uuid
from urllib.parse import urlparse


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://localhost:8080")
    p.add_argument("--token", required=True, help="operator token")
    p.add_argument("--events", type=int, default=2000)
    p.add_argument("--automations", type=int, default=50)
    a = p.parse_args()
    u = urlparse(a.url)
    conn = http.client.HTTPConnection(u.hostname, u.port or 80)

    def call(method, path, body, token):
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data else None)

    school = "bench-" + uuid.uuid4().hex[:8]
    status, created = call("POST", "/api/v1/schools", {"id": school, "name": "Bench"}, a.token)
    assert status == 201, (status, created)
    key = created["apiKey"]
    base = "/api/v1/schools/" + school
    call("PUT", base + "/courses/c1", {"title": "C1"}, key)

    save = []
    for i in range(a.automations):
        body = {"name": "a%d" % i, "triggers": [{"type": "tags.added", "tags": ["t%d" % i]}],
                "conditions": {"all": [{"type": "email_domain", "domains": ["corp.test"]}]},
                "actions": [{"type": "add_tags", "tags": ["done-%d" % i]}]}
        t0 = time.perf_counter()
        status, _ = call("POST", base + "/automations", body, key)
        save.append((time.perf_counter() - t0) * 1000)
        assert status == 201, status

    users = 200
    for i in range(users):
        call("PUT", base + "/users/u%d" % i, {"email": "u%d@corp.test" % i}, key)

    t0 = time.perf_counter()
    lat = []
    runs = 0
    for n in range(a.events):
        e0 = time.perf_counter()
        status, ans = call("POST", base + "/events", {"id": "e%d" % n, "type": "tags.added", "userId": "u%d" % (n % users),
                                                       "tags": ["t%d" % (n % a.automations), "x%d" % n]}, key)
        lat.append((time.perf_counter() - e0) * 1000)
        assert status == 202, (status, ans)
        runs += len(ans["runs"])
    elapsed = time.perf_counter() - t0
    lat.sort()
    print("save-to-live (POST /automations), ms: median %.1f, p90 %.1f, max %.1f over %d saves"
          % (statistics.median(save), sorted(save)[int(len(save) * 0.9) - 1], max(save), len(save)))
    print("sequential events: %d in %.1f s = %.0f events/s; latency ms p50 %.1f p99 %.1f; runs started %d"
          % (a.events, elapsed, a.events / elapsed, lat[len(lat) // 2], lat[int(len(lat) * 0.99) - 1], runs))


if __name__ == "__main__":
    main()
