// Connects with node `ws`, offering the subprotocols given after the URL (none if none), prints
// {"subprotocol": what the server chose}, and closes.
const WebSocket = require("ws");

const [url, ...offered] = process.argv.slice(2);
const ws = new WebSocket(url, offered);
ws.on("open", () => {
  console.log(JSON.stringify({ subprotocol: ws.protocol || null }));
  ws.close();
});
ws.on("error", (err) => {
  console.error(err.message);
  process.exit(1);
});
