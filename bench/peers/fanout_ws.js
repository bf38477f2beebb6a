// The node `ws` fan-out server of the benchmarks: clients that connect to /send are senders;
// every message a sender sends goes to every other client, with the loop ws's documentation
// gives for broadcasting. Prints its port.
const { WebSocketServer, WebSocket } = require("ws");

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
wss.on("listening", () => console.log(wss.address().port));
wss.on("connection", (ws, request) => {
  ws.sender = request.url === "/send";
  ws.on("message", (data, isBinary) => {
    wss.clients.forEach((client) => {
      if (!client.sender && client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    });
  });
});
