// The node `ws` echo server of the benchmarks: every message back with its type. Prints its port.
// WS_PER_MESSAGE_DEFLATE=1 turns permessage-deflate on (ws's defaults for it).
const { WebSocketServer } = require("ws");

const perMessageDeflate = process.env.WS_PER_MESSAGE_DEFLATE === "1";
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate });
wss.on("listening", () => console.log(wss.address().port));
wss.on("connection", (ws) => {
  ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
});
