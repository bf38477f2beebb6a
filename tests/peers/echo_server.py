"""A python `websockets` echo server for the wslua tests.

Prints {"port": N} once listening on 127.0.0.1 (or the host in argv[1]), then one JSON line per
connection when it ends: the request path, headers, subprotocol, the number of messages received,
and the close code and reason the client sent. Echoes every message with its type; the text message "close:CODE:REASON" makes it
close with that code and reason instead. Add --tls CERT KEY for wss.
"""
import asyncio, json, ssl, sys
from websockets.asyncio.server import serve


async def handler(ws):
    info = {
        "path": ws.request.path,
        "headers": {k.lower(): v for k, v in ws.request.headers.raw_items()},
        "subprotocol": ws.subprotocol,
    }
    info["received"] = 0
    try:
        async for message in ws:
            info["received"] += 1
            if isinstance(message, str) and message.startswith("close:"):
                _, code, reason = message.split(":", 2)
                await ws.close(int(code), reason)
                break
            await ws.send(message)
    except Exception as e:
        info["error"] = repr(e)
    await ws.wait_closed()
    info["close_code"] = ws.close_code
    info["close_reason"] = ws.close_reason
    print(json.dumps(info), flush=True)


def select_subprotocol(connection, offered):
    """Agree to "chat" or "superchat" when offered; a client offering none is welcome too."""
    return next((p for p in offered if p in ("chat", "superchat")), None)


async def main():
    host = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "127.0.0.1"
    context = None
    if "--tls" in sys.argv:
        i = sys.argv.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[i + 1], sys.argv[i + 2])
    async with serve(handler, host, 0, max_size=None, ssl=context,
                     select_subprotocol=select_subprotocol) as server:
        port = server.sockets[0].getsockname()[1]
        print(json.dumps({"port": port}), flush=True)
        await asyncio.Future()


asyncio.run(main())
