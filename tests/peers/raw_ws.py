"""A websocket client handshake by hand, for the peers that misbehave on purpose."""

UPGRADE = (b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")


def upgrade(sock):
    """Sends the upgrade request on a connected socket and reads the response head, byte by
    byte so that nothing after it is taken; fails unless it is 101."""
    sock.sendall(UPGRADE)
    response = b""
    while b"\r\n\r\n" not in response:
        byte = sock.recv(1)
        assert byte, "the server closed during the handshake"
        response += byte
    assert response.startswith(b"HTTP/1.1 101"), response
