//! The memory of the runner's Lua: mimalloc's, not glibc's.
//!
//! A script that handles messages makes and frees Lua objects by the thousand per second on its
//! one thread (a received message is a string and a table, and the collector frees them later
//! in bursts), which is what mimalloc is fastest at: glibc's malloc keeps only seven freed
//! blocks of a size at hand per thread, and its slower paths were about a tenth of a receiving
//! client's instructions. The engine's own memory stays with glibc, which costs less per idle
//! connection than mimalloc (see docs/performance.md).

use mlua::{ffi, Lua};
use std::ffi::c_void;
use std::ptr;

/// The allocator Lua had before: it still frees (or moves) the blocks it made.
struct Before {
    allocate: ffi::lua_Alloc,
    data: *mut c_void,
}

/// Gives `lua`'s allocations from now on to mimalloc. mlua then no longer counts Lua's memory
/// (`Lua::used_memory`), which the runner does not use; Lua's own count (`collectgarbage`) is
/// unaffected.
pub fn use_mimalloc(lua: &Lua) -> mlua::Result<()> {
    // SAFETY: the state is Lua's and valid for the call; the allocator's data is leaked, so it
    // outlives the state (one per runner).
    unsafe {
        lua.exec_raw((), |state| {
            let mut data = ptr::null_mut();
            let allocate = ffi::lua_getallocf(state, &mut data);
            let before = Box::into_raw(Box::new(Before { allocate, data }));
            ffi::lua_setallocf(state, allocate_lua, before.cast());
        })
    }
}

/// Lua's allocation function (`lua_Alloc`): `size` 0 frees `block`, a null `block` is a new
/// one, anything else resizes.
unsafe extern "C" fn allocate_lua(before: *mut c_void, block: *mut c_void, old: usize, size: usize) -> *mut c_void {
    if block.is_null() {
        // Most calls: mimalloc's realloc of nothing goes a longer way to the same place.
        return if size == 0 { ptr::null_mut() } else { libmimalloc_sys::mi_malloc(size) };
    }
    if !libmimalloc_sys::mi_is_in_heap_region(block) {
        // Made before the switch.
        let before = &*(before as *const Before);
        if size == 0 {
            return (before.allocate)(before.data, block, old, 0);
        }
        let moved = libmimalloc_sys::mi_malloc(size);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block.cast::<u8>(), moved.cast::<u8>(), old.min(size));
            (before.allocate)(before.data, block, old, 0);
        }
        return moved;
    }
    if size == 0 {
        libmimalloc_sys::mi_free(block);
        return ptr::null_mut();
    }
    libmimalloc_sys::mi_realloc(block, size)
}
