// Generated from runner.yaml by wslua-codegen — do not edit.
// The `http` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// `http.request` with the behaviour of Defold's: the request runs in the background and its
// callback is called on the Lua thread, with the script instance as `self`. Requests to the
// same host share keep-alive connections; any number may be in flight. `https://` uses the
// same TLS settings as `wss://` (the system's roots, `[websocket] ca_file`), and HTTP proxies
// are taken from the environment (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`) as
// `websocket.connect` takes them. Redirects are not followed, as in Defold: a `3xx` is the
// response, its `location` among the headers. There is no cache, so `ignore_cache` changes
// nothing. A body held in memory is at most 256 MiB; a larger one fails that request alone
// (pass `path` to write it to a file, which has no limit).

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// Options of `http.request`.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestOptions {
    /// The whole request's limit, from connecting to the last byte; `0` is none. When not given, `game.project`'s `[network] http_timeout` (none if that is unset), as in Defold.
    pub timeout: Option<f64>,
    /// A file to write the body to instead of `response`, streamed as it arrives. It is written (replaced) only for status `200`; its folder must exist.
    pub path: Option<String>,
    /// Defold's cache switch; the runner has no cache, so it changes nothing.
    pub ignore_cache: bool,
    /// Send an `https://` body larger than 16 KiB with chunked transfer encoding, as Defold does; `false` sends its length.
    pub chunked_transfer: bool,
    /// Call the callback as the body arrives too (every 64 KiB), with `bytes_received` and `bytes_total`; the last call has the response.
    pub report_progress: bool,
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self {
            timeout: Default::default(),
            path: Default::default(),
            ignore_cache: false,
            chunked_transfer: true,
            report_progress: false,
        }
    }
}

impl __wslua::InputTable for RequestOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["timeout", "path", "ignore_cache", "chunked_transfer", "report_progress"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            timeout: {
                let at = at.field("timeout");
                let value = field(0)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_number(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0.0), None).map_err(|e| at.error(e)))
                })?
            },
            path: {
                let at = at.field("path");
                let value = field(1)?;
                __wslua::optional(value, &at, __wslua::read_string)?
            },
            ignore_cache: {
                let at = at.field("ignore_cache");
                let value = field(2)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(false)
            },
            chunked_transfer: {
                let at = at.field("chunked_transfer");
                let value = field(3)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(true)
            },
            report_progress: {
                let at = at.field("report_progress");
                let value = field(4)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(false)
            },
        })
    }
}

impl RequestOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// What a request's callback receives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// The response's status; `0` when no response came (refused, unresolvable, TLS failure, timeout, the connection lost), with `error` saying what happened.
    pub status: i64,
    /// The body, when it was not written to `path`.
    pub response: Option<bytes::Bytes>,
    /// The response's headers, names in lower case, repeated ones joined with `", "`.
    pub headers: Option<Vec<(String, String)>>,
    /// The file the body was written to (`options.path`, status `200`).
    pub path: Option<String>,
    /// What went wrong, when no response came or its body could not be taken.
    pub error: Option<String>,
    /// What failed, as a short word: `"dns"`, `"tcp"`, `"tls"`, `"proxy"`, `"timeout"`, as `websocket`'s `error_kind`; absent for a body that could not be taken.
    pub error_kind: Option<String>,
    /// The bytes of the body received so far (with `report_progress`).
    pub bytes_received: Option<i64>,
    /// The body's whole length when the server said it (with `report_progress`).
    pub bytes_total: Option<i64>,
    /// For a `206`, the first byte of the document the body holds.
    pub range_start: Option<i64>,
    /// For a `206`, the last byte of the document the body holds (inclusive).
    pub range_end: Option<i64>,
    /// For a `206`, the whole document's size, when the server said it.
    pub document_size: Option<i64>,
}

impl __wslua::Push for Response {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[
            c"status",
            c"response",
            c"headers",
            c"path",
            c"error",
            c"error_kind",
            c"bytes_received",
            c"bytes_total",
            c"range_start",
            c"range_end",
            c"document_size",
        ]);
        let present = [
            true,
            self.response.is_some(),
            self.headers.is_some(),
            self.path.is_some(),
            self.error.is_some(),
            self.error_kind.is_some(),
            self.bytes_received.is_some(),
            self.bytes_total.is_some(),
            self.range_start.is_some(),
            self.range_end.is_some(),
            self.document_size.is_some(),
        ];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.status);
        if let Some(v) = &self.response {
            __wslua::set(state, 2, v);
        }
        if let Some(v) = &self.headers {
            __wslua::set(state, 3, v);
        }
        if let Some(v) = &self.path {
            __wslua::set(state, 4, v);
        }
        if let Some(v) = &self.error {
            __wslua::set(state, 5, v);
        }
        if let Some(v) = &self.error_kind {
            __wslua::set(state, 6, v);
        }
        if let Some(v) = &self.bytes_received {
            __wslua::set(state, 7, v);
        }
        if let Some(v) = &self.bytes_total {
            __wslua::set(state, 8, v);
        }
        if let Some(v) = &self.range_start {
            __wslua::set(state, 9, v);
        }
        if let Some(v) = &self.range_end {
            __wslua::set(state, 10, v);
        }
        if let Some(v) = &self.document_size {
            __wslua::set(state, 11, v);
        }
        __wslua::end_record(state);
    }
}

impl __wslua::Written for Response {}

/// Calls a Lua `http.http_callback`: Called with a request's response (and, with `report_progress`, as it arrives).
pub fn call_http_callback(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    id: i64,
    response: &Response,
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = id;
            v
        },
    );
    let returned = __wslua::Written::call_after(response, lua, function, args);
    returned
}

/// Calls a Lua `http.http_callback` as [`call_http_callback`] does, once per table
/// `next` leaves in `response` (the first is there already) until it leaves
/// none, all in one protected call: cheaper per call. An error raised by a call ends them and is
/// returned, the table of that call left in `response`.
pub fn call_http_callback_each(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    id: i64,
    response: &mut Option<Response>,
    next: &mut dyn FnMut(&mut Option<Response>),
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = id;
            v
        },
    );
    __wslua::Written::call_each(lua, function, args, response, next)
}

/// The `http` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait HttpApi: 'static {
    /// Starts an HTTP or HTTPS request; the callback gets the response. A malformed URL, a method that is not a token, a header name or value that HTTP cannot carry (a CR or LF in it), or a `path` in a folder that does not exist is an error here, before anything is sent; what can only fail later comes to the callback with `status = 0` and `error`.
    /// - `url`: The URL, `http://` or `https://`.
    /// - `method`: The method, e.g. `"GET"`, `"POST"`, `"PUT"`, `"DELETE"`, `"HEAD"` (any token).
    /// - `callback`: Called with the response.
    /// - `headers`: Request headers, name to value.
    /// - `post_data`: The request's body.
    /// - `options`: Request options; may be `nil`.
    ///
    /// Post a score as JSON and read the answer.
    /// ```lua
    /// http.request("http://127.0.0.1:8080/score", "POST", function(self, id, response)
    ///   if response.status == 0 then
    ///     print("offline: " .. response.error)
    ///   else
    ///     print(response.status, response.headers["content-type"], response.response)
    ///   end
    /// end, { ["Content-Type"] = "application/json" }, json.encode({ score = 100 }))
    /// ```
    fn request(
        &self,
        lua: &mlua::Lua,
        url: String,
        method: String,
        callback: mlua::Function,
        headers: Option<Vec<(String, String)>>,
        post_data: Option<Vec<u8>>,
        options: RequestOptions,
    ) -> mlua::Result<()>;
}

/// Builds the `http` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: HttpApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let request = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("request");
            let url = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let method = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let callback = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_function)?
            };
            let headers = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, __wslua::read_map)?
            };
            let post_data = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<RequestOptions>, RequestOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api
                .request(lua, url, method, callback, headers, post_data, options)
                .map_err(|e| __wslua::in_function("request", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("request", __wslua::raising(lua, request)?)?;
    Ok(module)
}
