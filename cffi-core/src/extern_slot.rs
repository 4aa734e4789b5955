//! The Rust side of `extern "Python"` functions: C calls the function by name, and it calls
//! the closure the program attached, if any.

use std::sync::{Arc, Mutex, PoisonError};

/// Where the closure of one `extern "Python"` function is kept. A call takes a counted
/// reference and releases the lock before calling, so the closure may replace itself, and
/// calls from several threads run at once.
pub struct ExternSlot<F: ?Sized>(Mutex<Option<Arc<F>>>);

impl<F: ?Sized> ExternSlot<F> {
    /// A slot with nothing attached.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> ExternSlot<F> {
        ExternSlot(Mutex::new(None))
    }

    /// Attaches `f`, replacing what was attached.
    pub fn set(&self, f: Arc<F>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(f);
    }

    /// The attached closure.
    pub fn get(&self) -> Option<Arc<F>> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl<F: ?Sized> std::fmt::Debug for ExternSlot<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let attached = self.get().is_some();
        f.debug_struct("ExternSlot")
            .field("attached", &attached)
            .finish()
    }
}

/// Said when C calls an `extern "Python"` function with nothing attached, which then returns
/// zero, as Python cffi does.
pub fn unattached(name: &str, attach: &str) {
    eprintln!(
        "cffi-rs: extern \"Python\": `{name}` was called from C, but no closure is attached (attach one with `{attach}`); returning 0"
    );
}
