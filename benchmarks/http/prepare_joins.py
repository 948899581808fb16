# solves one proof of work per token for an event's queue and writes "token<TAB>join body" lines, for joinpost.lua:
#   python3 prepare_joins.py http://127.0.0.1:8080 EVENT_ID tokens.txt > joins.txt
import base64, hashlib, json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, event, tokens = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split()

def prepare(token):
    request = urllib.request.Request(f"{base}/api/v1/events/{event}/queue/challenge", headers={"Authorization": "Bearer " + token})
    c = json.loads(urllib.request.urlopen(request).read())
    number = next(n for n in range(c["maxnumber"] + 1) if hashlib.sha256(f'{c["salt"]}{n}'.encode()).hexdigest() == c["challenge"])
    proof = {"algorithm": c["algorithm"], "challenge": c["challenge"], "number": number, "salt": c["salt"], "signature": c["signature"]}
    return token + "\t" + json.dumps({"proofOfWork": base64.b64encode(json.dumps(proof).encode()).decode()})

with ThreadPoolExecutor(16) as pool:
    for line in pool.map(prepare, tokens):
        print(line)
