#!/usr/bin/env python3
"""The attacks of the hardening issue, replayed against a running node (embedded mode, demo data):

    python3 scripts/hostile-check.py [base-url]        # default http://127.0.0.1:8080

A stream flood from one address with a viewer watching, a registration and scalping run, password guessing,
the known-vs-unknown timing, parallel wrong logins while someone browses, slow clients and malformed input.
It prints what it saw; it needs nothing but Python 3. Source addresses other than 127.0.0.1 are bound from the
loopback network (127.0.0.2...), so "another address" is real without a proxy in front.
"""
import http.client, json, socket, statistics, sys, threading, time, urllib.parse, uuid

BASE = urllib.parse.urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
HOST, PORT = BASE.hostname, BASE.port or 80


def request(method, path, body=None, token=None, headers=None, source="127.0.0.1", timeout=30):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout, source_address=(source, 0))
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    started = time.perf_counter()
    conn.request(method, path, body=json.dumps(body) if isinstance(body, (dict, list)) else body, headers=h)
    response = conn.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = data[:120]
    return response.status, parsed, dict(response.getheaders()), elapsed


def problem_type(body):
    return body.get("type", "").rsplit("/", 1)[-1] if isinstance(body, dict) else str(body)[:60]


def section(title):
    print("\n== " + title)


def sign_in(email, password, source="127.0.0.1"):
    return request("POST", "/api/v1/auth/token", {"email": email, "password": password}, source=source)


def stream_flood(count=1400):
    section(f"{count} unread seat streams of the 10,000-seat event from one address")
    sockets, statuses = [], {}
    for _ in range(count):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect((HOST, PORT))
        s.sendall(b"GET /api/v1/events/1/seats/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        line = b""
        while not line.endswith(b"\n"):
            chunk = s.recv(1)
            if not chunk:
                break
            line += chunk
        code = line.split(b" ")[1].decode() if b" " in line else "closed"
        statuses[code] = statuses.get(code, 0) + 1
        sockets.append(s)
    print("answers:", statuses)
    times = [request("GET", "/api/v1/events", source="127.0.0.9")[3] for _ in range(20)]
    print(f"browse from another address during the flood: max {max(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms")
    for s in sockets:
        s.close()
    return statuses


def viewer_after_flood():
    section("a new viewer after the flood gets a new hold within 2 s")
    s = socket.create_connection((HOST, PORT), source_address=("127.0.0.3", 0))
    s.sendall(b"GET /api/v1/events/1/seats/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
    s.settimeout(10)
    buffer = b""
    while b"event: snapshot" not in buffer or b"]}\n\n" not in buffer:  # the body is chunked: look for the event's end
        buffer += s.recv(65536)
    email, password = new_account("127.0.0.3")
    token = sign_in(email, password, "127.0.0.3")[1]["accessToken"]
    status, hold, _, _ = request("POST", "/api/v1/events/1/holds", {"best": {"quantity": 2}}, token=token, source="127.0.0.3")
    seat = hold["seats"][0]["id"] if status == 201 else None
    held = time.perf_counter()
    buffer = b""
    while seat and ('"id":"%s"' % seat).encode() not in buffer and time.perf_counter() - held < 5:
        buffer += s.recv(65536)
    print(f"hold {status}; change seen after {(time.perf_counter() - held) * 1000:.0f} ms")
    s.close()


def new_account(source):
    email = f"probe-{uuid.uuid4().hex[:10]}@example.com"
    password = "violet-canal-morning-" + uuid.uuid4().hex[:4]
    status = request("POST", "/api/v1/auth/register", {"email": email, "password": password, "displayName": "Probe"},
                     source=source)[0]
    assert status == 201, status
    return email, password


def registration_flood():
    section("30 registrations from one address in a burst")
    source = "127.0.0.20"
    statuses = [request("POST", "/api/v1/auth/register", {"email": f"farm-{uuid.uuid4().hex}@example.com",
                        "password": "violet-canal-morning-82", "displayName": "Farm"}, source=source)[0] for _ in range(30)]
    print("statuses:", {s: statuses.count(s) for s in set(statuses)})


def weak_passwords():
    section("weak passwords")
    for password in ["12345678", "password", "probe@example.com", "boxoffice-demo"]:
        status, body, _, _ = request("POST", "/api/v1/auth/register", {"email": f"weak-{uuid.uuid4().hex[:8]}@example.com",
                                     "password": password if "@" not in password else f"weak@example.com", "displayName": "W"},
                                     source="127.0.0.21")
        print(f"{password!r}: {status} {problem_type(body)} {body.get('reasons') if isinstance(body, dict) else ''}")


def password_guessing():
    section("60 wrong passwords for one account from one address at 7/s, then the right one")
    email, password = new_account("127.0.0.30")
    statuses = []
    for i in range(60):
        statuses.append(sign_in(email, f"wrong-{i}-guess", "127.0.0.31")[0])
        time.sleep(1 / 7)
    print("wrong guesses:", {s: statuses.count(s) for s in set(statuses)})
    print("right password from the guessing address:", sign_in(email, password, "127.0.0.31")[0])
    print("right password from another address:", sign_in(email, password, "127.0.0.32")[0])


def timing():
    section("wrong password for a known vs an unknown e-mail (median of 9, fresh addresses)")
    email, _ = new_account("127.0.0.40")
    known = [sign_in(email, "wrong-guess-xyz", f"127.0.1.{i}")[3] for i in range(9)]
    unknown = [sign_in(f"nobody-{uuid.uuid4().hex}@example.com", "wrong-guess-xyz", f"127.0.2.{i}")[3] for i in range(9)]
    print(f"known {statistics.median(known) * 1000:.0f} ms, unknown {statistics.median(unknown) * 1000:.0f} ms")


def parallel_logins():
    section("12 parallel wrong logins for 10 s from 3,000 addresses (a botnet) while someone browses")
    email, _ = new_account("127.0.0.50")
    stop = time.perf_counter() + 10
    outcomes = {}

    def guess(n):
        i = 0
        while time.perf_counter() < stop:
            i += 1
            address = f"127.{10 + n}.{i // 250 % 250}.{i % 250 + 1}"
            status = sign_in(email if n % 2 else f"x-{uuid.uuid4().hex}@example.com", "wrong", address)[0]
            outcomes[status] = outcomes.get(status, 0) + 1

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    times = []
    while time.perf_counter() < stop:
        times.append(request("GET", "/api/v1/events/1", source="127.0.0.51")[3])
        time.sleep(0.05)
    for t in threads:
        t.join()
    times.sort()
    print(f"sign-in answers: {outcomes}")
    print(f"GET /events/1 meanwhile: median {statistics.median(times) * 1000:.1f} ms, p99 {times[int(len(times) * .99)] * 1000:.1f} ms, max {times[-1] * 1000:.0f} ms")


def scalper_loop():
    section("one buyer holds and releases 4 seats in a loop")
    email, password = new_account("127.0.0.60")
    token = sign_in(email, password, "127.0.0.60")[1]["accessToken"]
    statuses = []
    for _ in range(40):
        status, body, headers, _ = request("POST", "/api/v1/events/1/holds", {"best": {"quantity": 4}}, token=token,
                                           source="127.0.0.60")
        statuses.append(status if status != 429 else f"429 {problem_type(body)}")
        if status == 201:
            request("DELETE", "/api/v1/holds/" + body["holdId"], token=token, source="127.0.0.60")
        time.sleep(0.25)
    print("statuses:", {s: statuses.count(s) for s in set(statuses)})


def unknown_orders():
    section("300 checkouts of made-up holds by one buyer")
    email, password = new_account("127.0.0.70")
    token = sign_in(email, password, "127.0.0.70")[1]["accessToken"]
    statuses = []
    for i in range(300):
        status, body, _, _ = request("POST", "/api/v1/orders", {"holdId": str(uuid.uuid4()), "payment": {"method": "card", "token": "tok_visa"}},
                                     token=token, headers={"Idempotency-Key": str(uuid.uuid4())}, source="127.0.0.70")
        statuses.append(f"{status} {problem_type(body)}")
    print("statuses:", {s: statuses.count(s) for s in set(statuses)})


def slow_clients():
    section("slow headers and a slow body, one byte every 2 s")
    results = {}

    def slow(kind):
        s = socket.create_connection((HOST, PORT))
        started = time.perf_counter()
        head = b"POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 60\r\n"
        payload = head if kind == "headers" else head + b"\r\n"
        if kind == "body":
            s.sendall(payload)
            payload = b"{" * 60
        try:
            for byte in payload:
                s.sendall(bytes([byte]))
                s.settimeout(2)
                try:
                    if s.recv(1) == b"" or True:
                        break
                except socket.timeout:
                    continue
        except OSError:
            pass
        results[kind] = time.perf_counter() - started
        s.close()

    threads = [threading.Thread(target=slow, args=(k,)) for k in ("headers", "body")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print({k: f"held {v:.1f} s" for k, v in results.items()})


def malformed():
    section("lenient or malformed input")
    email, password = new_account("127.0.0.80")
    token = sign_in(email, password, "127.0.0.80")[1]["accessToken"]
    for body in ['{"best":{"quantity":3.7}}', '{"best":{"quantity":"3"}}', '{"best":{"quantity":1},"best":{"quantity":2}}']:
        status, parsed, headers, _ = request("POST", "/api/v1/events/1/holds", body, token=token, source="127.0.0.80")
        print(f"{body}: {status} {problem_type(parsed)} {headers.get('Content-Type')}")
    for raw in [b"GET /api/v1/events/%zz HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /api/v1/events HTTP/1.1\r\nBad Header: y\r\n\r\n",
                b"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"]:
        s = socket.create_connection((HOST, PORT))
        s.sendall(raw)
        s.settimeout(5)
        answer = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except socket.timeout:
            pass
        s.close()
        head, _, body = answer.partition(b"\r\n\r\n")
        content_type = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-type")]
        print(raw[:40], "->", head.split(b"\r\n")[0].decode(), content_type, body[:80])
    status, doc, _, _ = request("GET", "/v3/api-docs", headers={"Host": "evil.example"})
    print("OpenAPI servers with Host evil.example:", status, doc.get("servers") if isinstance(doc, dict) else doc)
    status, _, headers, _ = request("GET", "/queue.html")
    print("queue.html headers:", {k: v for k, v in headers.items() if k in ("Content-Security-Policy", "Referrer-Policy", "Strict-Transport-Security")})


if __name__ == "__main__":
    only = sys.argv[2:]
    if only:
        for name in only:
            globals()[name]()
        sys.exit(0)
    stream_flood()
    viewer_after_flood()
    registration_flood()
    weak_passwords()
    password_guessing()
    timing()
    parallel_logins()
    scalper_loop()
    unknown_orders()
    slow_clients()
    malformed()
