//! `http.request`: requests go to the engine (`wslua_runtime::Runtime::http_request`); their
//! replies come back as events, which call the request's callback on the Lua thread.

use super::glue::http::{self, HttpApi, RequestOptions, Response};
use super::{Runner, State};
use crate::host::report_callback_error;
use mlua::{Function, Lua, Value};
use std::path::PathBuf;
use std::rc::Weak;
use std::time::Duration;
use wslua_runtime::{HttpReply, HttpRequest, Proxy, TlsClient};

/// A count as Lua's integers hold it.
fn integer(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

impl HttpApi for Runner {
    fn request(
        &self,
        _: &Lua,
        url: String,
        method: String,
        callback: Function,
        headers: Option<Vec<(String, String)>>,
        post_data: Option<Vec<u8>>,
        options: RequestOptions,
    ) -> mlua::Result<()> {
        // Defold: the option, else [network] http_timeout, else none; 0 is none.
        let seconds = match options.timeout {
            Some(seconds) => seconds,
            None => self.setting("network.http_timeout", 0.0, "a number of seconds")?,
        };
        let request = HttpRequest {
            url,
            method,
            headers: headers.unwrap_or_default(),
            body: post_data.unwrap_or_default(),
            timeout: Duration::try_from_secs_f64(seconds).ok().filter(|t| !t.is_zero()),
            path: options.path.map(PathBuf::from),
            report_progress: options.report_progress,
            chunked_transfer: options.chunked_transfer,
            tls: TlsClient::default(),
            proxy: Proxy::FromEnvironment,
        };
        let id = self.0.host.runtime().http_request(request).map_err(|e| mlua::Error::RuntimeError(e.to_string()))?;
        self.0.requests.borrow_mut().insert(id, callback);
        Ok(())
    }
}

/// Calls a request's callback with what its event carries; its last event forgets it.
pub fn deliver(state: &Weak<State>, lua: &Lua, instance: &Value, reply: HttpReply) {
    let Some(state) = state.upgrade() else { return };
    let callback = if reply.done {
        state.requests.borrow_mut().remove(&reply.id)
    } else {
        state.requests.borrow().get(&reply.id).cloned()
    };
    let Some(callback) = callback else { return };
    let (range_start, range_end, document_size) = match reply.range {
        Some((start, end, size)) => (Some(integer(start)), Some(integer(end)), size.map(integer)),
        None => (None, None, None),
    };
    let response = Response {
        status: reply.status.into(),
        response: reply.body,
        headers: reply.done.then_some(reply.headers).filter(|_| reply.status != 0),
        path: reply.path.map(|p| p.to_string_lossy().into_owned()),
        error: reply.error,
        error_kind: reply.error_kind.map(str::to_string),
        bytes_received: reply.bytes_received.map(integer),
        bytes_total: reply.bytes_total.map(integer),
        range_start,
        range_end,
        document_size,
    };
    if let Err(err) = http::call_http_callback(lua, &callback, instance, integer(reply.id), &response) {
        report_callback_error(&err);
    }
}
