// A node `http` (and, given a folder with server.pem and server.key, `https`) server for the
// runner's http.request tests. Prints {"port": N, "tls_port": M} on loopback. Routes:
//   /echo             the request as JSON: method, url, headers, body, its length, chunked or not
//   /chunked          a body in three chunks, no Content-Length
//   /bytes?n=N        N bytes (byte i is i % 251) with Content-Length, in 64 KiB writes
//   /range            1000 bytes; a `Range: bytes=A-B` gets 206 with Content-Range
//   /hang             never answers
//   /close            closes the connection without an answer
//   /redirect         302 to /echo
//   /status/N         status N
//   /stats            how many TCP connections each server has accepted
const http = require("http");
const https = require("https");
const fs = require("fs");
const path = require("path");

const connections = { http: 0, https: 0 };

function pattern(from, count) {
  const bytes = Buffer.alloc(count);
  for (let i = 0; i < count; i++) bytes[i] = (from + i) % 251;
  return bytes;
}

function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  const parts = [];
  req.on("data", (part) => parts.push(part));
  req.on("end", () => {
    const body = Buffer.concat(parts);
    if (url.pathname === "/echo") {
      const answer = JSON.stringify({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: body.toString("latin1"),
        length: body.length,
        chunked: req.headers["transfer-encoding"] === "chunked",
      });
      res.writeHead(200, { "Content-Type": "application/json", "X-Twice": ["a", "b"] });
      res.end(answer);
    } else if (url.pathname === "/chunked") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("one,");
      setTimeout(() => res.write("two,"), 10);
      setTimeout(() => res.end("three"), 20);
    } else if (url.pathname === "/bytes") {
      const total = Number(url.searchParams.get("n"));
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": total });
      let sent = 0;
      const more = () => {
        while (sent < total) {
          const count = Math.min(65536, total - sent);
          const ok = res.write(pattern(sent, count));
          sent += count;
          if (!ok) return res.once("drain", more);
        }
        res.end();
      };
      more();
    } else if (url.pathname === "/range") {
      const whole = pattern(0, 1000);
      const asked = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || "");
      if (asked) {
        const [start, end] = [Number(asked[1]), Number(asked[2])];
        res.writeHead(206, { "Content-Range": `bytes ${start}-${end}/1000` });
        res.end(whole.subarray(start, end + 1));
      } else {
        res.writeHead(200);
        res.end(whole);
      }
    } else if (url.pathname === "/hang") {
      // No answer: the client's timeout ends it.
    } else if (url.pathname === "/close") {
      req.socket.destroy();
    } else if (url.pathname === "/redirect") {
      res.writeHead(302, { Location: "/echo" });
      res.end();
    } else if (url.pathname.startsWith("/status/")) {
      const status = Number(url.pathname.slice("/status/".length));
      res.writeHead(status);
      res.end(`status ${status}`);
    } else if (url.pathname === "/stats") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(connections));
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
}

const plain = http.createServer(handle);
plain.on("connection", () => connections.http++);
const folder = process.argv[2];
const secure = folder
  ? https.createServer(
      { cert: fs.readFileSync(path.join(folder, "server.pem")), key: fs.readFileSync(path.join(folder, "server.key")) },
      handle,
    )
  : null;
if (secure) secure.on("secureConnection", () => connections.https++);

plain.listen(0, "127.0.0.1", () => {
  const report = () =>
    console.log(JSON.stringify({ port: plain.address().port, tls_port: secure ? secure.address().port : null }));
  if (secure) secure.listen(0, "127.0.0.1", report);
  else report();
});
