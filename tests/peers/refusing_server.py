"""A plain HTTP/1.1 server that refuses every websocket upgrade, writing its head and body the
ways real servers and proxies do. Prints {"port": N} once listening on 127.0.0.1.

The path names the case; every answer carries `X-Case: <case>`:
  /late      403, Content-Length: 17, the body 200 ms after the head
  /chunked   401, Transfer-Encoding: chunked, three chunks 50 ms apart
  /big       404, Content-Length: 102400 (the client keeps 64 KiB of it)
  /stall     503, Content-Length: 1000, sends 10 bytes and then nothing
  /close     410, Connection: close and no length: the body ends when the socket does
"""
import asyncio, json


async def handle(reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except Exception:
        writer.close()
        return
    case = head.split(b" ", 2)[1].decode().lstrip("/").split("?")[0]

    async def send(data, pause=0):
        writer.write(data)
        await writer.drain()
        if pause:
            await asyncio.sleep(pause)

    def status(code, reason, *headers):
        lines = [f"HTTP/1.1 {code} {reason}", f"X-Case: {case}", *headers, "", ""]
        return "\r\n".join(lines).encode()

    if case == "late":
        await send(status(403, "Forbidden", "Content-Length: 17"), 0.2)
        await send(b'{"error":"late"}\n')
    elif case == "chunked":
        await send(status(401, "Unauthorized", "Transfer-Encoding: chunked"), 0.05)
        for chunk in [b"first-", b"second-", b"third"]:
            await send(b"%x\r\n%s\r\n" % (len(chunk), chunk), 0.05)
        await send(b"0\r\n\r\n")
    elif case == "big":
        await send(status(404, "Not Found", "Content-Length: 102400"))
        await send(b"b" * 102400)
    elif case == "stall":
        await send(status(503, "Service Unavailable", "Content-Length: 1000"))
        await send(b"0123456789", 30)
    elif case == "close":
        await send(status(410, "Gone", "Connection: close"), 0.05)
        await send(b"gone for good")
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(json.dumps({"port": server.sockets[0].getsockname()[1]}), flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
