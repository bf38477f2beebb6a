"""Connects to a websocket server, completes the handshake by hand, writes the first half of a
masked binary frame, prints {"sent": N} and waits to be killed (mid-message)."""
import json, os, socket, sys, time

from raw_ws import upgrade

host, port = sys.argv[1], int(sys.argv[2])
s = socket.create_connection((host, port))
upgrade(s)
# FIN + binary, masked, 16-bit length 1000; then only 10 of the 1000 payload bytes.
s.sendall(bytes([0x82, 0x80 | 126, 0x03, 0xE8, 1, 2, 3, 4]) + b"x" * 10)
print(json.dumps({"sent": 10}), flush=True)
time.sleep(60)
