// The Socket.IO server of the connection-scale benchmark (socketio_redis.js) in WORKERS processes
// of node's cluster sharing PORT (the primary accepts and hands each connection to a worker in
// turn). With the websocket transport only, no sticky sessions are needed (Socket.IO's "Using
// multiple nodes"). A client's "publish" event is emitted to every client of every worker. The
// primary prints the port once every worker listens.
//   node scale_socketio.js REDIS_PORT PORT WORKERS
const cluster = require("cluster");
const [redisPort, port, workers] = process.argv.slice(2).map(Number);

if (cluster.isPrimary) {
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.log(port);
  });
  cluster.on("exit", (worker, code) => {
    console.error(`worker ${worker.process.pid} exited with ${code}`);
    process.exit(1);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  require("./socketio_redis")(redisPort).then(({ io, server }) => {
    io.on("connection", (socket) => {
      socket.on("publish", (message) => io.emit("message", message));
    });
    server.listen(port, "127.0.0.1");
  });
}
