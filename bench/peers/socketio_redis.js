// Socket.IO 4 with @socket.io/redis-adapter on the Redis at 127.0.0.1:REDIS_PORT, as its
// documentation sets them up, websocket transport only: resolves to the Socket.IO server and its
// HTTP server, not listening yet. Shared by the benchmark's Socket.IO servers.
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

module.exports = async function socketIoOverRedis(redisPort, options = {}) {
  const pubClient = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect()]);
  const server = http.createServer();
  const io = new Server(server, {
    adapter: createAdapter(pubClient, subClient),
    transports: ["websocket"],
    serveClient: false,
    ...options,
  });
  return { io, server };
};
