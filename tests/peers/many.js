// many.js URL N: many.py with node `ws`; trusts NODE_EXTRA_CA_CERTS besides node's roots.
const WebSocket = require("ws");

const [url, count] = [process.argv[2], Number(process.argv[3])];
const ws = new WebSocket(url);
let echoes = 0;
ws.on("open", () => {
  for (let i = 0; i < count; i++) ws.send(`message ${i}`);
});
ws.on("message", (data) => {
  if (data.toString() !== `message ${echoes}`) return ws.close(4003, "many done");
  echoes += 1;
  if (echoes === count) ws.close(4003, "many done");
});
ws.on("close", (code, reason) => {
  console.log(JSON.stringify({ echoes, close: [code, reason.toString()] }));
});
ws.on("error", (err) => {
  console.error(err.message);
  process.exitCode = 1;
});
