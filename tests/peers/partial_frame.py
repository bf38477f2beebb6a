"""Connects to a websocket server, completes the handshake by hand, writes the first half of a
masked binary frame, prints {"sent": N} and waits to be killed (mid-message)."""
import json, os, socket, sys, time

host, port = sys.argv[1], int(sys.argv[2])
s = socket.create_connection((host, port))
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
response = b""
while b"\r\n\r\n" not in response:
    response += s.recv(1024)
assert response.startswith(b"HTTP/1.1 101"), response
# FIN + binary, masked, 16-bit length 1000; then only 10 of the 1000 payload bytes.
s.sendall(bytes([0x82, 0x80 | 126, 0x03, 0xE8, 1, 2, 3, 4]) + b"x" * 10)
print(json.dumps({"sent": 10}), flush=True)
time.sleep(60)
