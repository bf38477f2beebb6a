"""Connects to URL, prints {"connected": true}, then waits for the server to close and prints
the close code and reason it sent."""
import asyncio, json, sys
from websockets.asyncio.client import connect


async def main(url):
    async with connect(url) as ws:
        print(json.dumps({"connected": True}), flush=True)
        await ws.wait_closed()
        print(json.dumps({"close_code": ws.close_code, "close_reason": ws.close_reason}), flush=True)


asyncio.run(main(sys.argv[1]))
