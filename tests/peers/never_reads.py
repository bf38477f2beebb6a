"""Connects to a websocket server with a tiny receive buffer, completes the handshake by hand,
prints {"connected": true}, then never reads again: the server's send queue for it grows until
the server gives up. When the server's socket is gone it prints {"closed": true} and exits."""
import json, socket, sys, time

from raw_ws import upgrade

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect((host, port))
upgrade(s)
print(json.dumps({"connected": True}), flush=True)
time.sleep(60)
