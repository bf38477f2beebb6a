"""Upgrade requests to a server with an admission hook, with python `websockets`.

admission.py URL probe PATH...   one JSON line per path: {"path", "status", "body"} for a
                                 refusal, {"path", "open": true} for an upgrade (then closed)
admission.py URL refuse N PATH   N requests in a row, each of which must be refused; prints
                                 {"refused": N, "statuses": [the distinct statuses]}
admission.py URL hold PATH       upgrades, prints {"open": true}, and waits to be killed
"""
import asyncio, json, sys
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus


async def attempt(url):
    try:
        ws = await connect(url, open_timeout=10)
    except InvalidStatus as e:
        return {"status": e.response.status_code, "body": e.response.body.decode()}, None
    return {"open": True}, ws


async def main(base, mode, args):
    if mode == "probe":
        for path in args:
            result, ws = await attempt(base + path)
            if ws:
                await ws.close()
            print(json.dumps({"path": path, **result}), flush=True)
    elif mode == "refuse":
        statuses = set()
        for _ in range(int(args[0])):
            result, ws = await attempt(base + args[1])
            assert ws is None, "an upgrade was accepted"
            statuses.add(result["status"])
        print(json.dumps({"refused": int(args[0]), "statuses": sorted(statuses)}), flush=True)
    elif mode == "hold":
        result, ws = await attempt(base + args[0])
        print(json.dumps(result), flush=True)
        await asyncio.Event().wait()


asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
