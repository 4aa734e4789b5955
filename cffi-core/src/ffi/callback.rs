//! Rust functions and closures as C function pointers.
//!
//! No machine code is written at run time: each trampoline is an `extern "C" fn`
//! monomorphised at compile time for the Rust function it calls, so callbacks work where
//! memory cannot be both writable and executable (where Python cffi's `ffi.callback` fails).
//!
//! - [`callback`] turns a function or a closure that captures nothing into a C function
//!   pointer, for C APIs without user data (`qsort`).
//! - [`Closure`] lends a capturing closure to C together with the `void *` user-data pointer
//!   C passes back to it (`sqlite3_exec`, `qsort_r`), as the first or the last argument.
//!
//! A panic must not unwind into C: if a callback panics, the panic is reported as usual and
//! the process aborts.
//!
//! Threads: a [`callback`] captures nothing, so C may call it from any thread. A [`Closure`]
//! may capture anything, `Rc` and `Cell` included, so it may only be called on the thread that
//! lent it, and not while it is already running: each call checks both, and C breaking either
//! rule is reported and aborts the process rather than racing or aliasing.

use std::cell::Cell;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::IntoCPtr;

fn no_unwind<R>(f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => {
            eprintln!(
                "cffi-rs: a Rust callback panicked; a panic cannot unwind into C, so the process aborts"
            );
            std::process::abort()
        }
    }
}

/// A Rust function that can become a C function pointer with no user data.
pub trait Callback<Args> {
    /// The C function pointer type: `unsafe extern "C" fn(Args...) -> R`.
    type Ptr: Copy;
    /// The trampoline that calls this function.
    fn into_c_fn(self) -> Self::Ptr;
}

/// Turns `f`, a function or a closure that captures nothing, into a C function pointer:
/// Python's `ffi.callback`. Annotate the closure's parameter types with the C ones. Having no
/// state, it may be called from any thread (`F: Send + Sync`, which such closures are).
///
/// ```
/// use cffi_core::ffi;
/// use std::ffi::c_int;
///
/// let twice = ffi::callback(|x: c_int| x * 2);
/// assert_eq!(unsafe { twice(21) }, 42);
/// ```
pub fn callback<Args, F: Callback<Args>>(f: F) -> F::Ptr {
    f.into_c_fn()
}

/// A closure that C calls with a user-data pointer as its first argument.
pub trait DataFirst<Args> {
    /// `unsafe extern "C" fn(*mut c_void, Args...) -> R`.
    type Ptr: Copy;
    #[doc(hidden)]
    fn trampoline() -> Self::Ptr;
}

/// A closure that C calls with a user-data pointer as its last argument.
pub trait DataLast<Args> {
    /// `unsafe extern "C" fn(Args..., *mut c_void) -> R`.
    type Ptr: Copy;
    #[doc(hidden)]
    fn trampoline() -> Self::Ptr;
}

/// What the user-data pointer points to: the closure, the thread that lent it, and whether it
/// is running (C calling back into it while it runs would alias its `&mut`).
struct Slot<F> {
    f: *mut F,
    thread: usize,
    busy: Cell<bool>,
}

thread_local! {
    static THREAD_MARK: u8 = const { 0 };
}

/// A number that differs between threads alive at the same time: the address of a
/// thread-local. Unlike `ThreadId`, reading it allocates nothing and needs no lock.
fn this_thread() -> usize {
    THREAD_MARK.with(|m| std::ptr::from_ref(m) as usize)
}

impl<F> Slot<F> {
    /// # Safety
    ///
    /// `data` must be the data pointer of a live [`Closure`] over `F`.
    unsafe fn with<R>(data: *mut c_void, call: impl FnOnce(&mut F) -> R) -> R {
        // SAFETY: the caller's promise: `data` is a `Slot<F>` kept alive by its `Closure`.
        let slot = unsafe { &*(data as *const Slot<F>) };
        // Checked before `busy` is touched: the `Cell` belongs to the lending thread.
        if slot.thread != this_thread() {
            eprintln!(
                "cffi-rs: C called a Rust closure callback on another thread than the one that lent it; aborting"
            );
            std::process::abort();
        }
        if slot.busy.replace(true) {
            eprintln!(
                "cffi-rs: C re-entered a Rust closure callback while it was running; aborting"
            );
            std::process::abort();
        }
        // SAFETY: `f` came from the `&mut F` the `Closure` borrows, and `busy` rules out a
        // second live reference.
        let r = no_unwind(|| call(unsafe { &mut *slot.f }));
        slot.busy.set(false);
        r
    }
}

/// A closure lent to C with its user-data pointer, for as long as the closure is borrowed.
///
/// C may call it only on the thread that lent it, and not from inside a call of it: the
/// trampoline checks both and aborts the process, with a message, if C does otherwise.
///
/// ```
/// use cffi_core::ffi::{self, IntoCPtr, Closure};
/// use std::ffi::{c_int, c_void};
///
/// let mut seen = Vec::new();
/// let mut record = |x: c_int| -> c_int { seen.push(x); 0 };
/// let closure = Closure::data_first(&mut record);
/// // What a C function taking `int (*cb)(void *, int), void *data` would do:
/// let (cb, data): (unsafe extern "C" fn(*mut c_void, c_int) -> c_int, *mut c_void) =
///     (closure.fn_ptr(), (&closure).into_c_ptr());
/// unsafe { cb(data, 1); cb(data, 2); }
/// drop(closure);
/// assert_eq!(seen, [1, 2]);
/// ```
pub struct Closure<'a, F, P> {
    ptr: P,
    slot: Box<Slot<F>>,
    _borrow: PhantomData<&'a mut F>,
}

impl<'a, F> Closure<'a, F, ()> {
    /// For C callbacks whose first parameter is the user data (`sqlite3_exec`).
    pub fn data_first<Args>(f: &'a mut F) -> Closure<'a, F, <F as DataFirst<Args>>::Ptr>
    where
        F: DataFirst<Args>,
    {
        Closure {
            ptr: F::trampoline(),
            slot: Box::new(Slot {
                f,
                thread: this_thread(),
                busy: Cell::new(false),
            }),
            _borrow: PhantomData,
        }
    }

    /// For C callbacks whose last parameter is the user data (`qsort_r`).
    pub fn data_last<Args>(f: &'a mut F) -> Closure<'a, F, <F as DataLast<Args>>::Ptr>
    where
        F: DataLast<Args>,
    {
        Closure {
            ptr: F::trampoline(),
            slot: Box::new(Slot {
                f,
                thread: this_thread(),
                busy: Cell::new(false),
            }),
            _borrow: PhantomData,
        }
    }
}

impl<F, P: Copy> Closure<'_, F, P> {
    /// The C function pointer to pass as the callback.
    pub fn fn_ptr(&self) -> P {
        self.ptr
    }
}

impl<F, P> IntoCPtr<*mut c_void> for &Closure<'_, F, P> {
    fn into_c_ptr(self) -> *mut c_void {
        (&*self.slot as *const Slot<F>).cast_mut().cast()
    }
}

impl<F, P> std::fmt::Debug for Closure<'_, F, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Closure")
    }
}

macro_rules! arity {
    ($($t:ident $v:ident),*) => {
        impl<F, R, $($t),*> Callback<($($t,)*)> for F
        where
            F: Fn($($t),*) -> R + Copy + Send + Sync + 'static,
        {
            type Ptr = unsafe extern "C" fn($($t),*) -> R;

            fn into_c_fn(self) -> Self::Ptr {
                const {
                    assert!(
                        std::mem::size_of::<F>() == 0,
                        "ffi::callback takes a function or a closure that captures nothing; lend a capturing closure with ffi::Closure"
                    )
                };
                extern "C" fn trampoline<F: Fn($($t),*) -> R + Copy, R, $($t),*>($($v: $t),*) -> R {
                    // SAFETY: `F` is a zero-sized `Copy` type, one value of which was handed to
                    // `into_c_fn`, so another may be made; a zero-sized read needs no memory.
                    let f: F = unsafe { std::ptr::NonNull::<F>::dangling().read() };
                    no_unwind(|| f($($v),*))
                }
                trampoline::<F, R, $($t),*>
            }
        }

        impl<F, R, $($t),*> DataFirst<($($t,)*)> for F
        where
            F: FnMut($($t),*) -> R,
        {
            type Ptr = unsafe extern "C" fn(*mut c_void, $($t),*) -> R;

            fn trampoline() -> Self::Ptr {
                unsafe extern "C" fn trampoline<F: FnMut($($t),*) -> R, R, $($t),*>(data: *mut c_void, $($v: $t),*) -> R {
                    // SAFETY: C passes back the data pointer of the `Closure` that gave it
                    // this trampoline.
                    unsafe { Slot::<F>::with(data, |f| f($($v),*)) }
                }
                trampoline::<F, R, $($t),*>
            }
        }

        impl<F, R, $($t),*> DataLast<($($t,)*)> for F
        where
            F: FnMut($($t),*) -> R,
        {
            type Ptr = unsafe extern "C" fn($($t,)* *mut c_void) -> R;

            fn trampoline() -> Self::Ptr {
                unsafe extern "C" fn trampoline<F: FnMut($($t),*) -> R, R, $($t),*>($($v: $t,)* data: *mut c_void) -> R {
                    // SAFETY: as for `DataFirst`.
                    unsafe { Slot::<F>::with(data, |f| f($($v),*)) }
                }
                trampoline::<F, R, $($t),*>
            }
        }
    };
}

arity!();
arity!(A a);
arity!(A a, B b);
arity!(A a, B b, C c);
arity!(A a, B b, C c, D d);
arity!(A a, B b, C c, D d, E e);
arity!(A a, B b, C c, D d, E e, G g);
