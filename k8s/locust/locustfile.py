"""Load for the zdt 2048 sample app: players load the page, read and submit high scores,
and hit /api/work, whose latency keeps requests in flight while a pod drains.

Any 5xx or connection error is a failure: during `kubectl rollout restart` the goal is none.
A failure names its cause: the HTTP status, or for a connection error its kind (refused, reset,
timeout, ...), so that a failed rollout says why.

Locally:   python3 -m locust -f k8s/locust/locustfile.py --headless -u 10 -r 5 -t 10s --host http://127.0.0.1:8080
On EKS:    the deliveryhero/locust chart, with this file in a ConfigMap (k8s/README.md).

Tunable by environment: WORK_MAX_MS (longest /api/work latency, default 200),
WAIT_MIN_S and WAIT_MAX_S (think time between a user's requests, default 0.5 and 2).
"""

import os
import random

from locust import HttpUser, between, task

WORK_MAX_MS = int(os.environ.get("WORK_MAX_MS", "200"))
WAIT_MIN_S = float(os.environ.get("WAIT_MIN_S", "0.5"))
WAIT_MAX_S = float(os.environ.get("WAIT_MAX_S", "2"))
NAMES = ["ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "frances"]


def cause(response):
    """What went wrong: 'HTTP 503', or the kind of connection error when there was no response."""
    if response.status_code:
        return "HTTP %s" % response.status_code
    error = response.error
    text = ("%s %s" % (type(error).__name__, error)).lower()
    for needle, name in (("refused", "connection refused"), ("reset", "connection reset"),
                         ("timed out", "timeout"), ("timeout", "timeout"),
                         ("remotedisconnected", "connection closed without response"),
                         ("badstatusline", "connection closed without response")):
        if needle in text:
            return name
    return "connection error (%s)" % type(error).__name__


class Player(HttpUser):
    wait_time = between(WAIT_MIN_S, WAIT_MAX_S)

    def on_start(self):
        self.name = random.choice(NAMES) + "-" + str(random.randint(1, 999))

    @task(3)
    def open_game(self):
        with self.client.get("/", name="/ (page)", catch_response=True) as response:
            if response.status_code != 200:
                response.failure("page: %s" % cause(response))
                return
            if "2048" not in response.text:
                response.failure("page: not the game")
                return
        for asset in ("/app.js", "/style.css"):
            with self.client.get(asset, name=asset, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure("asset: %s" % cause(response))

    @task(3)
    def high_scores(self):
        with self.client.get("/api/scores", name="/api/scores (list)", catch_response=True) as response:
            if response.status_code != 200:
                response.failure("list: %s" % cause(response))
                return
            try:
                scores = response.json()
            except ValueError:
                response.failure("list: not JSON")
                return
            if not isinstance(scores, list):
                response.failure("list: not a JSON array")

    @task(1)
    def submit_score(self):
        score = random.randrange(0, 40000, 4)
        with self.client.post("/api/scores", json={"name": self.name, "score": score},
                              name="/api/scores (submit)", catch_response=True) as response:
            if response.status_code != 201:
                response.failure("submit: %s" % cause(response))

    @task(3)
    def work(self):
        ms = random.randint(0, WORK_MAX_MS)
        with self.client.get("/api/work?ms=%d" % ms, name="/api/work", catch_response=True) as response:
            if response.status_code != 200:
                response.failure("work: %s" % cause(response))
            elif response.text != "ok":
                response.failure("work: unexpected body")
