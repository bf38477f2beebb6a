"""A python `websockets` client for the wslua server tests.

  client.py URL
Sends text, binary with NUL and 0xFF, an empty and an 8 MiB message, checks each echo, then
closes with 4001 "bye from python". Prints one JSON line: what it saw. Exit status 0 if every
echo matched.
"""
import asyncio, json, sys
from websockets.asyncio.client import connect

MESSAGES = ["hello from python", b"\x00\x01\xff binary", "", b"", b"\xab" * (8 << 20)]


async def main(url):
    result = {"echoes": 0}
    async with connect(url, max_size=None, subprotocols=["chat"],
                       additional_headers={"X-Peer": "python"}) as ws:
        result["subprotocol"] = ws.subprotocol
        for message in MESSAGES:
            await ws.send(message)
            echo = await ws.recv()
            if echo != message:
                result["mismatch"] = len(message)
                break
            result["echoes"] += 1
        await ws.close(4001, "bye from python")
    print(json.dumps(result), flush=True)
    return result["echoes"] == len(MESSAGES)


sys.exit(0 if asyncio.run(main(sys.argv[1])) else 1)
