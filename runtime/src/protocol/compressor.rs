//! A raw-deflate compressor (zlib-rs, through its C interface) whose state lives in memory
//! mapped for it alone, so that dropping it gives the memory back to the system at once.
//! Allocated through malloc, the state's 150 to 400 KiB block outlives its release: glibc
//! serves blocks of that size from its heap once a few have been freed, and keeps them there
//! for reuse, so a server's released compressors would stay in its resident memory.
//! The C interface is also what takes zlib's `memLevel` and an allocator.

use libz_rs_sys::{
    deflate, deflateEnd, deflateInit2_, deflateReset, deflateSetDictionary, z_stream, zlibVersion, Z_BUF_ERROR,
    Z_DEFAULT_STRATEGY, Z_DEFLATED, Z_OK, Z_SYNC_FLUSH,
};
use std::ffi::{c_int, c_uint, c_void};
use std::io;
use std::ptr;

/// Where a mapping keeps its length, before the block it hands out (64 bytes keeps the block
/// as aligned as zlib-rs asks).
const HEADER: usize = 64;

pub(crate) struct Compressor {
    /// Boxed: zlib-rs's state points back at it.
    stream: Box<z_stream>,
}

// The stream's pointers are to its own state, used only through `&mut self`.
unsafe impl Send for Compressor {}

impl Compressor {
    /// A raw deflate stream (no zlib header) with the given level, window (9 to 15) and
    /// memLevel (1 to 9).
    pub fn new(level: i32, window_bits: u8, mem_level: u8) -> io::Result<Compressor> {
        // Elsewhere than Unix, zlib-rs's own allocator.
        #[cfg(unix)]
        let (zalloc, zfree) = (Some(map as libz_rs_sys::alloc_func), Some(unmap as libz_rs_sys::free_func));
        #[cfg(not(unix))]
        let (zalloc, zfree) = (None, None);
        let mut stream = Box::new(z_stream { zalloc, zfree, ..z_stream::default() });
        // Safety: `stream` is a fresh z_stream with our allocator, of the size we pass.
        let code = unsafe {
            deflateInit2_(
                &mut *stream,
                level,
                Z_DEFLATED,
                -c_int::from(window_bits),
                c_int::from(mem_level),
                Z_DEFAULT_STRATEGY,
                zlibVersion(),
                std::mem::size_of::<z_stream>() as c_int,
            )
        };
        match code {
            Z_OK => Ok(Compressor { stream }),
            code => Err(failed("deflateInit2", code)),
        }
    }

    /// Starts the window with `dictionary` (its last 2^window_bits bytes), before any input.
    pub fn set_dictionary(&mut self, dictionary: &[u8]) -> io::Result<()> {
        // Safety: the stream is initialised; the dictionary is read during the call only.
        let code = unsafe { deflateSetDictionary(&mut *self.stream, dictionary.as_ptr(), dictionary.len() as c_uint) };
        match code {
            Z_OK => Ok(()),
            code => Err(failed("deflateSetDictionary", code)),
        }
    }

    /// Starts a new stream with an empty window, keeping the memory.
    pub fn reset(&mut self) -> io::Result<()> {
        // Safety: the stream is initialised.
        match unsafe { deflateReset(&mut *self.stream) } {
            Z_OK => Ok(()),
            code => Err(failed("deflateReset", code)),
        }
    }

    /// Compresses all of `data` and flushes (a sync flush: output ends on a byte boundary, with
    /// the empty stored block 00 00 ff ff), appending to `out`.
    pub fn compress_sync(&mut self, data: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
        // Larger inputs in pieces that fit zlib's 32-bit counts.
        for piece in data.chunks(c_uint::MAX as usize).chain(data.is_empty().then_some(data)) {
            let stream = &mut *self.stream;
            stream.next_in = piece.as_ptr();
            stream.avail_in = piece.len() as c_uint;
            loop {
                if out.capacity() - out.len() < 64 {
                    out.reserve(piece.len() / 2 + 64);
                }
                let spare = out.spare_capacity_mut();
                let room = spare.len().min(c_uint::MAX as usize);
                stream.next_out = spare.as_mut_ptr().cast();
                stream.avail_out = room as c_uint;
                // Safety: next_in/avail_in and next_out/avail_out describe live buffers.
                let code = unsafe { deflate(stream, Z_SYNC_FLUSH) };
                let written = room - stream.avail_out as usize;
                // Safety: zlib-rs initialised the `written` bytes after the old length.
                unsafe { out.set_len(out.len() + written) };
                if code != Z_OK && code != Z_BUF_ERROR {
                    stream.next_in = ptr::null();
                    return Err(failed("deflate", code));
                }
                // The flush is complete when it left room in the output.
                if stream.avail_in == 0 && stream.avail_out > 0 {
                    break;
                }
            }
        }
        let stream = &mut *self.stream;
        (stream.next_in, stream.next_out) = (ptr::null(), ptr::null_mut());
        Ok(())
    }
}

impl Drop for Compressor {
    fn drop(&mut self) {
        // Safety: the stream was initialised by deflateInit2_ and is ended once.
        unsafe { deflateEnd(&mut *self.stream) };
    }
}

fn failed(call: &str, code: c_int) -> io::Error {
    io::Error::other(format!("{call} failed with zlib code {code}"))
}

/// zlib's allocator: a private anonymous mapping per block, its length in front.
#[cfg(unix)]
unsafe extern "C" fn map(_: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    let Some(len) = (items as usize).checked_mul(size as usize).and_then(|n| n.checked_add(HEADER)) else {
        return ptr::null_mut();
    };
    let prot = libc::PROT_READ | libc::PROT_WRITE;
    let base = libc::mmap(ptr::null_mut(), len, prot, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
    if base == libc::MAP_FAILED {
        return ptr::null_mut();
    }
    base.cast::<usize>().write(len);
    base.cast::<u8>().add(HEADER).cast()
}

#[cfg(unix)]
unsafe extern "C" fn unmap(_: *mut c_void, address: *mut c_void) {
    if address.is_null() {
        return;
    }
    let base = address.cast::<u8>().sub(HEADER);
    libc::munmap(base.cast(), base.cast::<usize>().read());
}
