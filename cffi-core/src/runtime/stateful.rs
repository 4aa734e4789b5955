//! Callbacks that keep state between calls, which the program reads afterwards: the Rust side
//! of a Python callback appending to a list it closes over.

use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use super::callback::Callback;
use super::error::Result;
use super::ffi::Ffi;
use super::value::Value;

/// A [`Callback`] whose closure has state `S`, read and changed by each call and by the
/// program through [`StatefulCallback::state`].
#[derive(Debug)]
pub struct StatefulCallback<S> {
    callback: Callback,
    state: Arc<Mutex<S>>,
}

impl<S> StatefulCallback<S> {
    /// The C function pointer ([`Callback::ptr`]).
    pub fn ptr(&self) -> Value {
        self.callback.ptr()
    }

    /// The state, locked: C cannot call the callback while the guard lives (a call then
    /// returns zero to C, with the error printed, as a call from inside the callback does).
    pub fn state(&self) -> MutexGuard<'_, S> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Ffi {
    /// A callback with state: `body` gets `&mut S` with each call's arguments (Python's
    /// closure over a list it appends to), and [`StatefulCallback::state`] reads it after.
    /// A call that finds the state in use (the callback called from inside itself, or while
    /// the program holds [`StatefulCallback::state`]) returns zero to C, with the error
    /// printed, rather than wait or alias it.
    pub fn callback_with<S: Send + 'static>(
        &self,
        signature: &str,
        state: S,
        mut body: impl FnMut(&mut S, &[Value]) -> Value + Send + 'static,
    ) -> Result<StatefulCallback<S>> {
        let state = Arc::new(Mutex::new(state));
        let shared = state.clone();
        let body = Mutex::new(move |args: &[Value]| match free(&shared) {
            Some(mut s) => Ok(body(&mut s, args)),
            None => Err(()),
        });
        let callback = self.callback(signature, move |args| {
            let outcome = match free(&body) {
                Some(mut call) => call(args),
                None => Err(()),
            };
            // Panics inside `callback`'s trampoline are caught and reported there; a busy
            // state is reported the same way.
            outcome.unwrap_or_else(|()| {
                panic!("the callback's state is in use (a call from inside the callback, or while the program holds it)")
            })
        })?;
        Ok(StatefulCallback { callback, state })
    }
}

/// The lock, unless it is held (a poisoned one is free: a panic in the callback was reported
/// to C's caller as a zero result, and the state is whatever the closure left).
fn free<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(guard) => Some(guard),
        Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}
