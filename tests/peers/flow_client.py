"""A python `websockets` client for the flow tests of wslua servers.

  flow_client.py URL slow COUNT DELAY
      Connects, reads nothing for DELAY seconds (its receive buffers fill, then the server's
      send queue grows), says "reading", then reads COUNT messages numbered "n:<i>:" and checks
      their order.
  flow_client.py URL rtt MESSAGES
      Stays silent (the server's keepalive pings it) and asks the server's rtt ("rtt?"); measures
      its own ping round trips; five times has the server ping it ("ping-me") and asks again;
      sends MESSAGES numbered messages and reads their echoes; asks the server's counters.
Prints one JSON line: what it saw, then closes with 1000.
"""
import asyncio, json, socket, sys, time
from websockets.asyncio.client import connect


async def slow(ws, count, delay):
    await asyncio.sleep(delay)
    await ws.send("reading")
    received, in_order = 0, True
    for i in range(count):
        message = await ws.recv()
        in_order = in_order and message.startswith(f"n:{i}:".encode() if isinstance(message, bytes) else f"n:{i}:")
        received += 1
    return {"received": received, "in_order": in_order}


async def rtt(ws, messages):
    result = {}
    # Silent long enough for the server's keepalive to ping: its pong gives the server an rtt.
    await asyncio.sleep(0.5)
    await ws.send("rtt?")
    result["keepalive_rtt"] = await ws.recv()
    own = []
    for _ in range(21):
        started = time.perf_counter()
        await (await ws.ping())
        own.append(time.perf_counter() - started)
    # The least of several on each side: a busy machine delays single round trips.
    result["own_rtt"] = min(own)
    server = []
    for _ in range(5):
        await ws.send("ping-me")
        await asyncio.sleep(0.05)
        await ws.send("rtt?")
        server.append(await ws.recv())
    result["server_rtt"] = float(min(server, key=float))
    result["server_answers"] = sum(len(answer) for answer in server)
    for i in range(messages):
        await ws.send(f"m{i}")
    echoed = 0
    for i in range(messages):
        if await ws.recv() == f"m{i}":
            echoed += 1
    result["echoed"] = echoed
    await ws.send("counters")
    result["counters"] = json.loads(await ws.recv())
    result["sent_bytes"] = sum(len(f"m{i}") for i in range(messages))
    return result


async def main(url, mode, *args):
    # The slow reader takes little into its buffers: what it does not read stays queued in the
    # server, and is not written out until it reads again.
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if mode == "slow":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    async with connect(url, sock=sock, max_size=None, max_queue=4, ping_interval=None) as ws:
        if mode == "slow":
            result = await slow(ws, int(args[0]), float(args[1]))
        else:
            result = await rtt(ws, int(args[0]))
        await ws.close(1000)
    print(json.dumps(result), flush=True)


asyncio.run(main(*sys.argv[1:]))
