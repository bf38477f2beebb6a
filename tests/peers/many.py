"""many.py URL N: sends N numbered text messages with python `websockets`, reads their N echoes
in order, closes with 4003 "many done", and prints {"echoes": n, "close": [code, reason]} (the
close the server answered with). Trusts what the default TLS context does (SSL_CERT_FILE)."""
import asyncio, json, sys
from websockets.asyncio.client import connect


async def main(url, count):
    echoes = 0
    async with connect(url) as ws:
        for i in range(count):
            await ws.send(f"message {i}")
        for i in range(count):
            if await ws.recv() != f"message {i}":
                break
            echoes += 1
        await ws.close(4003, "many done")
        close = [ws.close_code, ws.close_reason]
    print(json.dumps({"echoes": echoes, "close": close}), flush=True)


asyncio.run(main(sys.argv[1], int(sys.argv[2])))
