"""Connects with python `websockets`, offering the subprotocols given after the URL (none if
none), prints {"subprotocol": what the server chose}, and closes."""
import asyncio, json, sys
from websockets.asyncio.client import connect


async def main(url, offered):
    async with connect(url, subprotocols=offered or None) as ws:
        print(json.dumps({"subprotocol": ws.subprotocol}), flush=True)


asyncio.run(main(sys.argv[1], sys.argv[2:]))
