"""Soak load: N python `websockets` clients, each sending a numbered message every second and
checking that the echo comes back in order, for SECONDS. Prints a progress line every 10 s and
a final JSON line; exits 1 if any echo was lost, repeated or out of order.

  soak_clients.py URL N SECONDS
"""
import asyncio, json, sys, time
from websockets.asyncio.client import connect

sent = received = errors = 0


async def client(url, deadline, start_delay):
    global sent, received, errors
    await asyncio.sleep(start_delay)
    try:
        async with connect(url, max_size=None) as ws:
            i = 0
            while time.monotonic() < deadline:
                await ws.send(str(i))
                sent += 1
                if await ws.recv() != str(i):
                    errors += 1
                received += 1
                i += 1
                await asyncio.sleep(1)
    except Exception as e:
        errors += 1
        print(f"client error: {e!r}", file=sys.stderr)


async def progress(deadline):
    start = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(10)
        print(f"clients: {time.monotonic() - start:5.0f} s  sent {sent}  received {received}  errors {errors}", flush=True)


async def main(url, n, seconds):
    deadline = time.monotonic() + seconds
    # Spread the connects and the sends over the first second.
    tasks = [client(url, deadline, i / n) for i in range(n)]
    await asyncio.gather(progress(deadline), *tasks)
    print(json.dumps({"sent": sent, "received": received, "errors": errors}), flush=True)
    return errors == 0 and sent == received


sys.exit(0 if asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))) else 1)
