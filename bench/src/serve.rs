//! The Rust servers of the bench: the ceiling (a plain async-tungstenite echo server, what wslua's
//! engine could do with no Lua in the way) and the fast streaming server that Lua clients read.

use crate::load::{next_text, payload};
use crate::Result;
use async_std::net::{TcpListener, TcpStream};
use async_std::task;
use async_tungstenite::tungstenite::Message;
use futures::{SinkExt, StreamExt};
use std::time::{Duration, Instant};

/// Echoes every data message of every connection until killed. Prints the port first, as every
/// server of the bench does.
pub async fn echo_server() -> Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    println!("{}", listener.local_addr()?.port());
    loop {
        let (tcp, _) = listener.accept().await?;
        task::spawn(async move {
            // A client gone mid-message is its own business; the server goes on.
            let _ = echo_connection(tcp).await;
        });
    }
}

async fn echo_connection(tcp: TcpStream) -> Result<()> {
    tcp.set_nodelay(true)?;
    let ws = async_tungstenite::accept_async(tcp).await?;
    let (sink, stream) = ws.split();
    stream
        .filter(|message| std::future::ready(!matches!(message, Ok(m) if !m.is_text() && !m.is_binary())))
        .forward(sink)
        .await?;
    Ok(())
}

/// Accepts one client and sends it `count` numbered text messages of `size` bytes as fast as the
/// socket takes them; the client answers "done" once it has seen them all. Returns the time from
/// the end of the handshake to that answer.
pub async fn stream_to_one(listener: TcpListener, count: usize, size: usize) -> Result<Duration> {
    let (tcp, _) = listener.accept().await?;
    tcp.set_nodelay(true)?;
    let mut ws = async_tungstenite::accept_async(tcp).await?;
    let start = Instant::now();
    for i in 0..count {
        ws.feed(Message::text(payload(i, size))).await?;
    }
    ws.flush().await?;
    let answer = next_text(&mut ws).await?;
    let elapsed = start.elapsed();
    if answer != "done" {
        return Err(format!("the client answered {answer:?} instead of \"done\"").into());
    }
    // The client closes; wait for it so the next run starts from a quiet machine.
    while let Some(Ok(_)) = ws.next().await {}
    Ok(elapsed)
}
