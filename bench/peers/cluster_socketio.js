// The Socket.IO server of the cross-process fan-out benchmark (socketio_redis.js). A client whose
// query says role=publisher emits "publish" events, each emitted to the room "bench" on every
// process; every other client joins that room. Prints its port.
//   node cluster_socketio.js REDIS_PORT
const socketIoOverRedis = require("./socketio_redis");

// The bench's publishers never read, so they could not answer a heartbeat; none comes within a
// run.
socketIoOverRedis(process.argv[2], { pingInterval: 600000 }).then(({ io, server }) => {
  io.on("connection", (socket) => {
    if (socket.handshake.query.role === "publisher") {
      socket.on("publish", (message) => io.to("bench").emit("message", message));
    } else {
      socket.join("bench");
    }
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
});
