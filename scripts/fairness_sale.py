#!/usr/bin/env python3
"""A sale with a waiting room, checked from the outside: buyers join before and after the opening, the commitment is
read before the opening, the seed and entry list after it, the pre-queue's order is recomputed here (Python's
hashlib/hmac, no code shared with the service) and compared with the places and the admission order the buyers saw.

    python3 scripts/fairness_sale.py http://localhost:8080 [--node http://localhost:8081 ...] [--before 200] [--after 100]
                                     [--opens-in 30]

Against a service with demo data (the organizer account and the demo venue) whose limits let one machine act as
hundreds of buyers, e.g. the jar started with
    BOXOFFICE_AUTH_REGISTRATIONS_PER_ADDRESS_PER_HOUR=100000 BOXOFFICE_AUTH_SIGN_INS_PER_ADDRESS_PER_MINUTE=100000
    BOXOFFICE_RATELIMIT_PER_IP=100000
Exits 1 when a check fails.
"""
import argparse, base64, hashlib, hmac, json, sys, time, uuid
import urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

BASE = ""
NODES = []
failed = False


def call(method, path, token=None, body=None, base=None):
    request = urllib.request.Request((base or BASE) + "/api/v1" + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def check(passed, what):
    global failed
    print(("ok      " if passed else "FAILED  ") + what, flush=True)
    failed |= not passed


def token(email, password):
    status, body = call("POST", "/auth/token", body={"email": email, "password": password})
    assert status == 200, body
    return body["accessToken"]


def solve(challenge):
    for n in range(challenge["maxnumber"] + 1):
        if hashlib.sha256((challenge["salt"] + str(n)).encode()).hexdigest() == challenge["challenge"]:
            payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
            payload["number"] = n
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise RuntimeError("no solution")


def new_buyer(index):
    email = f"fair-{uuid.uuid4()}@example.com"
    status, body = call("POST", "/auth/register", body={"email": email, "password": "plum-orbit-kettle-37", "displayName": "Fair Fan"})
    assert status == 201, body
    # with several nodes, each buyer joins and asks through one of them in turn
    return {"token": token(email, "plum-orbit-kettle-37"), "node": NODES[index % len(NODES)]}


def join(event_id, buyer):
    status, challenge = call("GET", f"/events/{event_id}/queue/challenge", buyer["token"], base=buyer["node"])
    assert status == 200, challenge
    status, joined = call("POST", f"/events/{event_id}/queue", buyer["token"], {"proofOfWork": solve(challenge)}, base=buyer["node"])
    assert status == 202, joined
    claims = json.loads(base64.urlsafe_b64decode(joined["receipt"].split(".")[1] + "=="))
    buyer.update(entry=claims["ent"], pre=claims["pre"], joined=claims["jat"], receipt=joined["receipt"])
    return buyer


def main():
    global BASE
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--before", type=int, default=200)
    parser.add_argument("--after", type=int, default=100)
    parser.add_argument("--opens-in", type=int, default=30)
    parser.add_argument("--admit-per-minute", type=int, default=1200)
    parser.add_argument("--node", action="append", default=[], help="another node of the same service (repeatable)")
    args = parser.parse_args()
    BASE = args.base.rstrip("/")
    NODES.extend([BASE] + [n.rstrip("/") for n in args.node])

    organizer = token("organizer@demo.boxoffice.dev", "boxoffice-demo")
    # accounts first (password hashing takes its time), so that the opening is a time the joins can keep to
    with ThreadPoolExecutor(16) as pool:
        buyers = list(pool.map(new_buyer, range(args.before + args.after)))
    status, demo = call("GET", "/events/1")
    opens = datetime.now(timezone.utc) + timedelta(seconds=args.opens_in)
    status, created = call("POST", "/admin/events", organizer, {
        "venueId": demo["venue"]["id"], "name": "Fairness check", "startsAt": iso(opens + timedelta(days=30)),
        "onSaleAt": iso(opens), "categories": [{"name": "All", "price": {"amount": "40.00", "currency": "EUR"},
                                                       "sections": [s for c in demo["categories"] for s in c["sections"]]}],
        "waitingRoom": {"enabled": True, "admitPerMinute": args.admit_per_minute, "maxActiveUsers": 100000,
                        "prequeueMinutes": 10, "proofOfWorkMaxNumber": 300}})
    assert status == 201, created
    event_id = created["eventId"]
    print(f"event {event_id} opens at {opens.isoformat()}", flush=True)

    early, late = buyers[:args.before], buyers[args.before:]
    status, before = call("GET", f"/events/{event_id}/queue/fairness")
    commitment = before["commitment"]
    check(not before["revealed"] and "seed" not in before, "before the opening only the commitment " + commitment + " is published")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda b: join(event_id, b), early))
    check(all(b["pre"] for b in early), f"{len(early)} buyers joined the pre-queue")
    wait = (opens - datetime.now(timezone.utc)).total_seconds()
    check(wait > 0, "the pre-queue joins were done before the opening")
    time.sleep(max(0, wait) + 0.2)  # the opening is a time of day, not an event to wait for
    for buyer in late:
        join(event_id, buyer)
    check(not any(b["pre"] for b in late), f"{len(late)} buyers joined after the opening")

    # every buyer asks for their place until admitted; what they saw is the record to compare with
    rounds = 0
    while any("admitted_round" not in b for b in buyers) and rounds < 600:
        rounds += 1
        for buyer in buyers:
            if "admitted_round" in buyer:
                continue
            asked = time.monotonic()
            status, me = call("GET", f"/events/{event_id}/queue/me", buyer["token"], base=buyer["node"])
            if status != 200:
                continue
            if me["status"] == "ADMITTED":
                buyer["admitted_round"] = rounds
                buyer["seen_admitted"] = time.monotonic()
            elif me["status"] == "WAITING":
                buyer["seen_waiting"] = asked
                buyer.setdefault("first_position", me["position"])
        time.sleep(0.5)
    check(all("admitted_round" in b for b in buyers), f"every buyer admitted within {rounds} polling rounds")

    status, published = call("GET", f"/events/{event_id}/queue/fairness")
    for node in NODES[1:]:
        check(call("GET", f"/events/{event_id}/queue/fairness", base=node)[1] == published, f"{node} publishes the same")
    seed = bytes.fromhex(published["seed"])
    check(published["commitment"] == commitment, "the commitment did not change")
    check(hashlib.sha256(seed).hexdigest() == commitment, "SHA-256(revealed seed) is the commitment read before the opening")
    listed = {e["entryId"]: e["place"] for e in published["preQueue"]}
    check(sorted(listed) == sorted(b["entry"] for b in early), "the published pre-queue is exactly the buyers who joined it")
    key = lambda entry: int.from_bytes(hmac.new(seed, entry.encode(), hashlib.sha256).digest(), "big")
    recomputed = {entry: i + 1 for i, entry in enumerate(sorted(listed, key=lambda e: (key(e), e)))}
    check(recomputed == listed, "every published place is the place recomputed here")
    seen = [b for b in early if "first_position" in b]
    # admissions run while the buyers are asked, so a place seen can only be the recomputed one or nearer the front
    check(all(b["first_position"] <= recomputed[b["entry"]] for b in seen),
          f"no pre-queue buyer saw a place behind their recomputed one ({len(seen)} seen waiting, "
          f"{sum(b['first_position'] == recomputed[b['entry']] for b in seen)} exactly at it)")
    # each buyer was let in after they were last seen waiting and before they were first seen admitted; a buyer
    # let in ahead of someone with an earlier place shows as seen admitted before that one was last seen waiting
    def overtaken(ahead, behind):
        return sum(1 for i, a in enumerate(ahead) for b in behind[i + 1:] if "seen_waiting" in a and b["seen_admitted"] < a["seen_waiting"]) \
            if ahead is behind else sum(1 for a in ahead for b in behind if "seen_waiting" in a and b["seen_admitted"] < a["seen_waiting"])
    by_place = sorted(early, key=lambda b: recomputed[b["entry"]])
    check(overtaken(by_place, by_place) == 0, "no pre-queue buyer was seen let in before one with an earlier recomputed place")
    check(overtaken(early, late) == 0, "no later joiner was seen let in before a pre-queue buyer")
    check(overtaken(late, late) == 0, "no later joiner was seen let in before one who joined earlier")

    status, report = call("GET", f"/events/{event_id}/queue/fairness/report")
    print(json.dumps({k: report[k] for k in ("entries", "admissionRate", "waitSeconds", "joinVersusAdmissionOrder",
                                             "rejections", "notThroughQueue", "seed")}, indent=1))
    check(report["seed"]["commitmentMatches"] and report["seed"]["orderMatches"], "the report's seed check passes")
    check(report["notThroughQueue"]["holders"] == 0 and report["notThroughQueue"]["buyers"] == 0, "nobody bought around the queue")
    print("FAILED" if failed else "all checks passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
