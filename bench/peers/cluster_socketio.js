// The Socket.IO server of the cross-process fan-out benchmark: Socket.IO 4 with
// @socket.io/redis-adapter on the Redis at 127.0.0.1:PORT, as its documentation sets them up.
// A client whose query says role=publisher emits "publish" events, each emitted to the room
// "bench" on every process; every other client joins that room. Prints its port.
//   node cluster_socketio.js REDIS_PORT
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const pubClient = createClient({ url: `redis://127.0.0.1:${process.argv[2]}` });
const subClient = pubClient.duplicate();

Promise.all([pubClient.connect(), subClient.connect()]).then(() => {
  const server = http.createServer();
  const io = new Server(server, {
    adapter: createAdapter(pubClient, subClient),
    transports: ["websocket"],
    serveClient: false,
    // The bench's publishers never read, so they could not answer a heartbeat; none comes
    // within a run.
    pingInterval: 600000,
  });
  io.on("connection", (socket) => {
    if (socket.handshake.query.role === "publisher") {
      socket.on("publish", (message) => io.to("bench").emit("message", message));
    } else {
      socket.join("bench");
    }
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
});
