"""Many python `websockets` clients of tests/lua/runner/channel_server.lua processes (behind a
load balancer), driven by commands on stdin, one JSON line of results per command:

connect N URL    opens N clients; {"by_process": {NAME: clients}}
sync             publishes from one client of each live process until every live client has
                 heard every live process; {"rounds": R}
publish N MODE   N numbered messages, shared among one publisher per live process; waits until
                 every live client has what it should: all of them (MODE "all") or those of its
                 own process's publisher ("local", while the broker is down);
                 {"clients", "complete", "duplicates", "out_of_order", "foreign", "missing"}
status           {"NAME": "STATE UNRELAYED"} from one client of each live process
heard            {"NAME": N}: the messages each process's Lua subscriber got
live             {"by_process": {NAME: clients whose connection is still open}}
"""
import asyncio, json, sys
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


class Client:
    def __init__(self, ws, process):
        self.ws, self.process = ws, process
        self.messages = []  # published messages, in arrival order
        self.replies = asyncio.Queue()  # answers to status and heard
        self.closed = False
        self.arrived = asyncio.Event()

    async def read(self):
        try:
            async for text in self.ws:
                if text.startswith(("status ", "heard ")):
                    await self.replies.put(text)
                else:
                    self.messages.append(text)
                    self.arrived.set()
        except ConnectionClosed:
            pass
        self.closed = True
        self.arrived.set()


clients = []


def live():
    return [c for c in clients if not c.closed]


def publishers():
    chosen = {}
    for c in live():
        chosen.setdefault(c.process, c)
    return chosen


async def wait_until(done, seconds):
    deadline = asyncio.get_running_loop().time() + seconds
    while not done():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def open_clients(n, url):
    async def one():
        ws = await connect(url, open_timeout=20, max_queue=None)
        hello = await ws.recv()
        client = Client(ws, hello.split()[1])
        asyncio.ensure_future(client.read())
        return client

    for batch in range(0, n, 50):
        clients.extend(await asyncio.gather(*(one() for _ in range(min(50, n - batch)))))


async def sync():
    for rounds in range(1, 41):
        tag = f"sync-{rounds}"
        for process, client in publishers().items():
            await client.ws.send(f"{tag} {process}")
        want = {f"{tag} {p}" for p in publishers()}
        if await wait_until(lambda: all(want <= set(c.messages) for c in live()), 1.0):
            return rounds
    return None


async def publish(n, mode, phase):
    senders = publishers()
    names = sorted(senders)
    sent = {p: [] for p in names}
    for i in range(n):
        process = names[i % len(names)]
        text = f"{phase} {process} {len(sent[process])}"
        sent[process].append(text)
        await senders[process].ws.send(text)

    def expected(client):
        return [m for p in names for m in sent[p] if mode == "all" or p == client.process]

    def mine(client):
        return [m for m in client.messages if m.startswith(phase + " ")]

    await wait_until(lambda: all(len(mine(c)) >= len(expected(c)) for c in live()), 60)
    report = {"clients": len(live()), "complete": 0, "duplicates": 0, "out_of_order": 0, "foreign": 0, "missing": 0}
    for client in live():
        got, want = mine(client), expected(client)
        report["duplicates"] += len(got) - len(set(got))
        report["foreign"] += len(set(got) - set(want))
        report["missing"] += len(set(want) - set(got))
        for process in names:
            order = [int(m.split()[2]) for m in got if m.split()[1] == process]
            report["out_of_order"] += int(order != sorted(order))
        report["complete"] += int(sorted(got) == sorted(want))
    return report


async def ask(question):
    answers = {}
    for process, client in publishers().items():
        await client.ws.send(question)
        reply = (await asyncio.wait_for(client.replies.get(), 10)).split(maxsplit=2)
        answers[reply[1]] = reply[2]
    return answers


async def main():
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    phase = 0
    while line := (await reader.readline()).decode().split():
        command, args = line[0], line[1:]
        if command == "connect":
            await open_clients(int(args[0]), args[1])
            result = None
        elif command == "sync":
            result = {"rounds": await sync()}
        elif command == "publish":
            phase += 1
            result = await publish(int(args[0]), args[1], f"p{phase}")
        elif command in ("status", "heard"):
            result = await ask(command)
        if command in ("connect", "live"):
            by_process = {}
            for client in live():
                by_process[client.process] = by_process.get(client.process, 0) + 1
            result = {"by_process": by_process}
        print(json.dumps(result), flush=True)


asyncio.run(main())
