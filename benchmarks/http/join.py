# joins the waiting room of an event for each token of a file, solving each proof of work as a browser would:
#   python3 join.py http://127.0.0.1:8080 EVENT_ID tokens.txt
import base64, hashlib, json, sys, urllib.request
base, event, tokens = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split()

def call(method, path, token, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read())

for token in tokens:
    c = call("GET", f"/api/v1/events/{event}/queue/challenge", token)
    number = next(n for n in range(c["maxnumber"] + 1) if hashlib.sha256(f'{c["salt"]}{n}'.encode()).hexdigest() == c["challenge"])
    proof = {"algorithm": c["algorithm"], "challenge": c["challenge"], "number": number, "salt": c["salt"], "signature": c["signature"]}
    status = call("POST", f"/api/v1/events/{event}/queue", token, {"proofOfWork": base64.b64encode(json.dumps(proof).encode()).decode()})
    assert status["status"] in ("WAITING", "ADMITTED"), status
