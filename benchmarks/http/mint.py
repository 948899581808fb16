# mints RS256 tokens for the trusted issuer "loadgen": python3 mint.py N [subject prefix] [role] > tokens.txt ;
# key in key.pem/pub.pem
import base64, json, sys, time, os
from cryptography.hazmat.primitives import serialization, hashes
from cryptography.hazmat.primitives.asymmetric import rsa, padding
if not os.path.exists('key.pem'):
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    open('key.pem','wb').write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    open('pub.pem','wb').write(k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
k = serialization.load_pem_private_key(open('key.pem','rb').read(), None)
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b'=').decode()
n = int(sys.argv[1]); prefix = sys.argv[2] if len(sys.argv) > 2 else 'u'
role = sys.argv[3] if len(sys.argv) > 3 else 'FAN'
h = b(json.dumps({"alg":"RS256","typ":"JWT"}).encode())
for i in range(n):
    c = b(json.dumps({"iss":"loadgen","sub":f"{prefix}{i}","roles":[role],"exp":int(time.time())+7200,"email_verified":True}).encode())
    s = b(k.sign(f"{h}.{c}".encode(), padding.PKCS1v15(), hashes.SHA256()))
    print(f"{h}.{c}.{s}")
