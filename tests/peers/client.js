// A node `ws` client for the wslua server tests: the same protocol as client.py, closing with
// 4002 "bye from node".
const WebSocket = require("ws");

const messages = [
  ["hello from node", false],
  [Buffer.from([0, 1, 255, 32, 98]), true],
  ["", false],
  [Buffer.alloc(0), true],
  [Buffer.alloc(8 << 20, 0xab), true],
];
const result = { echoes: 0 };
const ws = new WebSocket(process.argv[2], ["chat"], { headers: { "X-Peer": "node" }, maxPayload: 0 });
ws.on("open", () => {
  result.subprotocol = ws.protocol;
  send();
});
function send() {
  const [data, binary] = messages[result.echoes];
  ws.send(data, { binary });
}
ws.on("message", (data, isBinary) => {
  const [sent, binary] = messages[result.echoes];
  if (isBinary !== binary || !Buffer.from(sent).equals(Buffer.from(data))) {
    result.mismatch = result.echoes;
    ws.close(4002, "bye from node");
    return;
  }
  result.echoes += 1;
  if (result.echoes === messages.length) ws.close(4002, "bye from node");
  else send();
});
ws.on("close", () => {
  console.log(JSON.stringify(result));
  process.exit(result.echoes === messages.length ? 0 : 1);
});
ws.on("error", (e) => {
  console.log(JSON.stringify({ error: String(e) }));
  process.exit(1);
});
