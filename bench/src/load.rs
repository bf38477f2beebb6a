//! The load generator: async-tungstenite clients that drive a server under test, and check every
//! reply, so a server that drops or garbles messages fails the run instead of looking fast.

use crate::Result;
use async_std::net::TcpStream;
use async_std::task;
use async_tungstenite::tungstenite::{Message, Utf8Bytes};
use async_tungstenite::WebSocketStream;
use futures::{SinkExt, StreamExt, TryStreamExt};
use std::time::{Duration, Instant};

pub type Ws = WebSocketStream<TcpStream>;

/// Message `index` of `size` bytes: its number in ten digits, then `x`s. Text, as most Lua
/// scripts send, so every side pays for UTF-8 validation.
pub fn payload(index: usize, size: usize) -> String {
    let mut text = format!("{index:010}");
    text.truncate(size);
    text.extend(std::iter::repeat_n('x', size - text.len()));
    text
}

/// `count` distinct messages of `size` bytes, made once: sending one clones a reference, not
/// its bytes, so the generator's cost per message is framing and masking, as any client's.
fn payloads(size: usize, count: usize) -> Vec<Utf8Bytes> {
    (0..count).map(|i| Utf8Bytes::from(payload(i, size))).collect()
}

pub async fn connect(url: &str) -> Result<Ws> {
    let authority = url.trim_start_matches("ws://").split('/').next().unwrap_or_default();
    let tcp = TcpStream::connect(authority).await?;
    tcp.set_nodelay(true)?;
    let (ws, _) = async_tungstenite::client_async(url, tcp).await?;
    Ok(ws)
}

/// The next data message, as received (not copied), skipping control frames (tungstenite
/// answers pings by itself).
pub async fn next_text(ws: &mut Ws) -> Result<Utf8Bytes> {
    loop {
        match ws.next().await.ok_or("the server closed the connection")?? {
            Message::Text(text) => return Ok(text),
            Message::Binary(_) => return Err("binary message where text was expected".into()),
            Message::Close(frame) => return Err(format!("the server closed the connection: {frame:?}").into()),
            _ => {}
        }
    }
}

/// Ends a connection with a close handshake, so servers see a normal end.
pub async fn close(mut ws: Ws) -> Result<()> {
    ws.close(None).await?;
    while ws.next().await.transpose()?.is_some() {}
    Ok(())
}

/// What an echo run moved.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    pub messages: usize,
    pub bytes: usize,
    pub elapsed: Duration,
}

impl Throughput {
    pub fn per_second(&self) -> f64 {
        self.messages as f64 / self.elapsed.as_secs_f64()
    }

    /// Megabytes (10^6) per second, counting each message once (it also travels back).
    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64()
    }
}

/// `clients` connections echo `count` messages of `size` bytes in all. Each keeps a window of
/// messages in flight (up to 1 MiB of them, at least 2), so the server, not the round trip, sets
/// the pace. The clock runs from the moment every client is connected until the last reply.
pub async fn echo(url: &str, clients: usize, size: usize, count: usize) -> Result<Throughput> {
    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        conns.push(connect(url).await?);
    }
    let window = ((1 << 20) / size).clamp(2, 32);
    // More distinct messages than are ever in flight, so a lost or repeated echo shows.
    let payloads = std::sync::Arc::new(payloads(size, 2 * window + 1));
    let start = Instant::now();
    let tasks: Vec<_> = conns
        .into_iter()
        .enumerate()
        .map(|(i, ws)| {
            let share = count / clients + usize::from(i < count % clients);
            task::spawn(echo_one(ws, share, payloads.clone(), window))
        })
        .collect();
    let mut finished = Vec::with_capacity(clients);
    for task in tasks {
        finished.push(task.await?);
    }
    let elapsed = start.elapsed();
    for ws in finished {
        close(ws).await?;
    }
    Ok(Throughput { messages: count, bytes: count * size, elapsed })
}

async fn echo_one(mut ws: Ws, count: usize, payloads: std::sync::Arc<Vec<Utf8Bytes>>, window: usize) -> Result<Ws> {
    let message = |i: usize| Message::Text(payloads[i % payloads.len()].clone());
    let mut sent = 0;
    while sent < window.min(count) {
        ws.feed(message(sent)).await?;
        sent += 1;
    }
    ws.flush().await?;
    for received in 0..count {
        let reply = next_text(&mut ws).await?;
        // Compared where it lies: no copy.
        if reply.as_str() != payloads[received % payloads.len()].as_str() {
            return Err(format!(
                "echo {received}: got {:?}…, expected message {received}",
                &reply.as_str()[..reply.len().min(16)]
            )
            .into());
        }
        if sent < count {
            ws.send(message(sent)).await?;
            sent += 1;
        }
    }
    Ok(ws)
}

/// One client, one message in flight: the time of each of `count` round trips of `size` bytes,
/// after a warm-up of 100.
pub async fn round_trips(url: &str, size: usize, count: usize) -> Result<Vec<Duration>> {
    let mut ws = connect(url).await?;
    let mut times = Vec::with_capacity(count);
    for i in 0..count + 100 {
        let message = payload(i, size);
        let start = Instant::now();
        ws.send(Message::text(message.clone())).await?;
        if next_text(&mut ws).await?.as_str() != message {
            return Err(format!("round trip {i}: the reply differs from the message").into());
        }
        if i >= 100 {
            times.push(start.elapsed());
        }
    }
    close(ws).await?;
    Ok(times)
}

/// Opens `count` connections, at most `in_flight` handshakes at a time, and keeps them open.
/// Returns them and the time until the last handshake completed.
pub async fn open_idle(url: &str, count: usize, in_flight: usize) -> Result<(Vec<Ws>, Duration)> {
    let start = Instant::now();
    let conns: Vec<Ws> =
        futures::stream::iter(0..count).map(|_| connect(url)).buffer_unordered(in_flight).try_collect().await?;
    Ok((conns, start.elapsed()))
}

/// Reads every connection until it ends, which answers the server's pings (tungstenite does).
pub async fn answer_pings(conns: Vec<Ws>) {
    let mut all = futures::stream::select_all(conns);
    while all.next().await.is_some() {}
}

/// The ceiling of the receive scenario: reads `count` numbered messages, checks each, then
/// answers "done", as the Lua clients do.
pub async fn receive(url: &str, count: usize) -> Result<()> {
    let mut ws = connect(url).await?;
    for i in 0..count {
        let message = next_text(&mut ws).await?;
        if !message.starts_with(&format!("{i:010}")) {
            return Err(format!("message {i} arrived as {:?}…", &message.as_str()[..message.len().min(10)]).into());
        }
    }
    ws.send(Message::text("done")).await?;
    close(ws).await
}

/// Fan-out: `receivers` clients connect, then a sender (to /send) sends `count` numbered
/// messages of `size` bytes; the server gives each to every receiver, which checks their order.
/// The clock runs from the first message sent to the last one received; `messages` counts
/// deliveries.
pub async fn fanout(url: &str, receivers: usize, size: usize, count: usize) -> Result<Throughput> {
    let (conns, _) = open_idle(url, receivers, 64).await?;
    let mut sender = connect(&format!("{url}send")).await?;
    let payloads: std::sync::Arc<Vec<String>> = std::sync::Arc::new((0..count).map(|i| payload(i, size)).collect());
    // Every receiver is in the server's list once its handshake is done; give the server a
    // moment to have taken their CONNECTED events.
    task::sleep(Duration::from_millis(200)).await;
    let start = Instant::now();
    let reading: Vec<_> = conns
        .into_iter()
        .map(|mut ws| {
            let expected = payloads.clone();
            task::spawn(async move {
                for (i, want) in expected.iter().enumerate() {
                    if next_text(&mut ws).await?.as_str() != want.as_str() {
                        return Err(format!("receiver: message {i} lost, changed or out of order").into());
                    }
                }
                Result::Ok(ws)
            })
        })
        .collect();
    for message in payloads.iter() {
        sender.feed(Message::text(message.clone())).await?;
    }
    sender.flush().await?;
    let mut done = Vec::with_capacity(reading.len());
    for task in reading {
        done.push(task.await?);
    }
    let elapsed = start.elapsed();
    close(sender).await?;
    for ws in done {
        close(ws).await?;
    }
    Ok(Throughput { messages: receivers * count, bytes: receivers * count * size, elapsed })
}
