// A node `ws` echo server for the wslua tests: the same protocol as echo_server.py.
const { WebSocketServer } = require("ws");

const wss = new WebSocketServer({
  host: process.argv[2] || "127.0.0.1",
  port: 0,
  handleProtocols: (protocols) => (protocols.has("chat") ? "chat" : false),
});
wss.on("listening", () => console.log(JSON.stringify({ port: wss.address().port })));
wss.on("connection", (ws, req) => {
  const info = { path: req.url, headers: req.headers, subprotocol: ws.protocol || null, received: 0 };
  ws.on("message", (data, isBinary) => {
    info.received += 1;
    const text = isBinary ? null : data.toString();
    if (text !== null && text.startsWith("close:")) {
      const [, code, ...reason] = text.split(":");
      ws.close(Number(code), reason.join(":"));
      return;
    }
    ws.send(data, { binary: isBinary });
  });
  ws.on("close", (code, reason) => {
    info.close_code = code;
    info.close_reason = reason.toString();
    console.log(JSON.stringify(info));
  });
});
