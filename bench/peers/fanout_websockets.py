"""The python `websockets` fan-out server of the benchmarks: clients that connect to /send are
senders; every message a sender sends goes to every other client, with websockets.broadcast.
Prints its port."""
import asyncio

from websockets.asyncio.server import broadcast, serve

RECEIVERS = set()


async def handler(ws):
    if ws.request.path != "/send":
        RECEIVERS.add(ws)
    try:
        async for message in ws:
            broadcast(RECEIVERS, message)
    finally:
        RECEIVERS.discard(ws)


async def main():
    async with serve(handler, "127.0.0.1", 0) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


asyncio.run(main())
