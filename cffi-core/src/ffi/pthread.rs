//! The C library's threading objects (`pthread_mutex_t`, `pthread_cond_t`, ...) as one Rust
//! type in every module, as `FILE` is: a mutex one module's `pthread_mutex_init` sets up is
//! the mutex another module's library locks. C libraries declare them as unions of private
//! members and bytes (glibc, musl) or as a signature and bytes (Apple's); what a program does with one is pass its address, so the shared type
//! keeps the bytes (of the header's size and alignment) and not the private members.

use core::fmt;
use core::marker::PhantomData;

use super::cdata::CType;

/// A threading object of kind `K` (one of the types of [`kind`]) held in `S`, an array of
/// unsigned integers of the C type's alignment covering its size (`[u64; 5]` for glibc's
/// 40-byte mutex on x86-64). Whole-header imports name it for the header's
/// `pthread_mutex_t` and its kind, and check its size and alignment against the header's at
/// compile time. All bytes zero is how C's static initialisers (`PTHREAD_MUTEX_INITIALIZER`)
/// spell a fresh object on glibc and musl: [`Default`] gives that. Apple's initialisers write
/// a signature instead, so there a zeroed object is one to pass to `pthread_mutex_init` (or
/// the kind's `_init`) before any other use.
#[repr(C)]
pub struct Pthread<K, S> {
    bytes: S,
    kind: PhantomData<K>,
}

/// The kinds of [`Pthread`] objects: one marker type per C type, so that a mutex is never a
/// condition variable of the same size.
pub mod kind {
    /// `pthread_attr_t`.
    #[derive(Debug)]
    pub enum Attr {}
    /// `pthread_mutex_t`.
    #[derive(Debug)]
    pub enum Mutex {}
    /// `pthread_mutexattr_t`.
    #[derive(Debug)]
    pub enum MutexAttr {}
    /// `pthread_cond_t`.
    #[derive(Debug)]
    pub enum Cond {}
    /// `pthread_condattr_t`.
    #[derive(Debug)]
    pub enum CondAttr {}
    /// `pthread_rwlock_t`.
    #[derive(Debug)]
    pub enum RwLock {}
    /// `pthread_rwlockattr_t`.
    #[derive(Debug)]
    pub enum RwLockAttr {}
    /// `pthread_barrier_t`.
    #[derive(Debug)]
    pub enum Barrier {}
    /// `pthread_barrierattr_t`.
    #[derive(Debug)]
    pub enum BarrierAttr {}
}

impl<K, S: Copy> Clone for Pthread<K, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, S: Copy> Copy for Pthread<K, S> {}

impl<K, S: CType> Default for Pthread<K, S> {
    /// All bytes zero: a fresh object, as C's static initialiser gives it on glibc and musl
    /// (on Apple's C library, one to initialise with the kind's `_init` function).
    fn default() -> Self {
        Pthread {
            // SAFETY: `S` is valid when all zero (`CType`).
            bytes: unsafe { core::mem::zeroed() },
            kind: PhantomData,
        }
    }
}

impl<K, S> fmt::Debug for Pthread<K, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pthread<{}>", core::any::type_name::<K>())
    }
}

// SAFETY: `S` is an array of unsigned integers (valid when zero, no drop glue) and the marker
// is zero-sized.
unsafe impl<K: 'static, S: CType> CType for Pthread<K, S> {}
