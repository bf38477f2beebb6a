// node peer.js URL: Chromium's own WebSocket against a wslua server at URL. It sends a text and
// a binary message, then 1 MiB of each (the text compressible, the bytes random), checks every
// echo, closes with 4000 "bye from chromium", and prints one JSON line: what it saw.
const { launch } = require("../site/chromium.js");
const fs = require("fs");

async function main() {
  const url = process.argv[2];
  const { context, userDataDir } = await launch();
  try {
    const page = await context.newPage();
    const result = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      const inbox = [];
      let wake = null;
      ws.onmessage = (e) => { inbox.push(e.data); if (wake) wake(); };
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error("no connection")); });
      const next = async () => {
        while (inbox.length === 0) await new Promise((r) => (wake = r));
        return inbox.shift();
      };
      const same = (a, b) => {
        if (typeof a === "string" || typeof b === "string") return a === b;
        const x = new Uint8Array(a), y = new Uint8Array(b);
        return x.length === y.length && x.every((v, i) => v === y[i]);
      };
      const random = new Uint8Array(1 << 20);
      for (let i = 0; i < random.length; i += 65536) crypto.getRandomValues(random.subarray(i, i + 65536));
      const line = '{"player":7,"x":12.5,"y":-3.25,"name":"chromium","items":["sword","shield"]}\n';
      const messages = ["hello from chromium", new Uint8Array([0, 1, 2, 253, 254, 255]).buffer,
                        line.repeat(Math.ceil((1 << 20) / line.length)).slice(0, 1 << 20), random.buffer];
      const echoed = [];
      for (const message of messages) {
        ws.send(message);
        echoed.push(same(await next(), message));
      }
      const closed = new Promise((resolve) => (ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, clean: e.wasClean })));
      ws.close(4000, "bye from chromium");
      return { extensions: ws.extensions, echoed, close: await closed };
    }, url);
    console.log(JSON.stringify(result));
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
