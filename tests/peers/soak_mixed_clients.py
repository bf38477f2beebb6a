"""The mixed soak's load (`scripts/soak --mixed`): N python `websockets` clients over wss:// with
permessage-deflate, spread over the servers' URLs, for SECONDS. Each client runs sessions of
10 to 40 s and reconnects after each (churn): in a session it sends a numbered, compressible
message every 0.2 to 2.5 s (pauses past a second let the server give its compressor back) and
checks that it comes back in order, and now and then publishes on the shared channel. One
session in 20 ends by vanishing mid-message: half a frame written, then the TCP connection
dropped without a close. Prints a progress line every 10 s and a final JSON line; exits 1 if an
echo was lost, changed or out of order, or a connection failed.

  soak_mixed_clients.py CA_FILE SECONDS N URL...
"""
import asyncio, json, random, ssl, sys, time
from websockets.asyncio.client import connect

stats = {"sessions": 0, "vanished": 0, "echoes_sent": 0, "echoes_back": 0, "echo_errors": 0,
         "published": 0, "publications_heard": 0, "connect_errors": 0}


def payload(client, n):
    """A message that compresses like a game's state update, 100 to 2,000 bytes."""
    fields = ",".join(f'{{"id":{client * 1000 + i},"x":{(n * 7 + i) * 1.25},"hp":{100 - i % 100}}}'
                      for i in range(random.randint(1, 30)))
    return f"e {client} {n} [{fields}]"


async def session(url, tls, client, deadline):
    """One session, from connect to close (or vanishing)."""
    gone = []
    try:
        await talk(url, tls, client, deadline, gone)
    except Exception:
        # Closing a connection it dropped itself may fail: that one is expected.
        if not gone:
            raise


async def talk(url, tls, client, deadline, gone):
    expected = asyncio.Queue()
    async with connect(url, ssl=tls, compression="deflate", max_size=None) as ws:
        stats["sessions"] += 1

        async def read():
            async for message in ws:
                if message.startswith("p "):
                    stats["publications_heard"] += 1
                    continue
                want = expected.get_nowait() if not expected.empty() else None
                if message != want:
                    stats["echo_errors"] += 1
                    print(f"client {client}: echo {message[:40]!r} where {str(want)[:40]!r} was due", file=sys.stderr)
                else:
                    stats["echoes_back"] += 1

        reader = asyncio.create_task(read())
        end = min(deadline, time.monotonic() + random.uniform(10, 40))
        n = 0
        while time.monotonic() < end:
            message = payload(client, n)
            await expected.put(message)
            await ws.send(message)
            stats["echoes_sent"] += 1
            if n % 5 == 4:
                await ws.send(f"p {client} {n}")
                stats["published"] += 1
            n += 1
            await asyncio.sleep(random.choice([random.uniform(0.2, 0.8), random.uniform(1.2, 2.5)]))
        # Every echo back before the session ends.
        for _ in range(100):
            if expected.empty():
                break
            await asyncio.sleep(0.05)
        if not expected.empty():
            stats["echo_errors"] += expected.qsize()
            print(f"client {client}: {expected.qsize()} echoes never came back", file=sys.stderr)
        if time.monotonic() < deadline and random.random() < 0.05:
            # A frame header announcing 4,096 masked bytes, 100 of them, then gone.
            ws.transport.write(b"\x82\xfe\x10\x00" + random.randbytes(4) + random.randbytes(100))
            gone.append(True)
            ws.transport.abort()
            stats["vanished"] += 1
        reader.cancel()


async def client(urls, tls, client_id, deadline):
    await asyncio.sleep(random.uniform(0, 2))
    while time.monotonic() < deadline:
        try:
            await session(urls[client_id % len(urls)], tls, client_id, deadline)
        except Exception as e:
            stats["connect_errors"] += 1
            print(f"client {client_id}: {e!r}", file=sys.stderr)
            await asyncio.sleep(1)


async def progress(deadline):
    start = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(10)
        print(f"clients: {time.monotonic() - start:5.0f} s  " + "  ".join(f"{k} {v}" for k, v in stats.items()), flush=True)


async def main(ca_file, seconds, n, urls):
    tls = ssl.create_default_context(cafile=ca_file)
    deadline = time.monotonic() + seconds
    await asyncio.gather(progress(deadline), *(client(urls, tls, i, deadline) for i in range(n)))
    print(json.dumps(stats), flush=True)
    return stats["echo_errors"] == 0 and stats["connect_errors"] == 0 and stats["echoes_sent"] == stats["echoes_back"]


if __name__ == "__main__":
    ca, seconds, n, *urls = sys.argv[1:]
    sys.exit(0 if asyncio.run(main(ca, float(seconds), int(n), urls)) else 1)
