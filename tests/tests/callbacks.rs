//! The thread rule of callbacks: a `Closure` may be called only on the thread that lent it
//! and not from inside itself; C breaking either rule aborts the process with a message, in
//! a child process here so the test can watch it happen.

use std::ffi::{c_int, c_void};
use std::process::{Command, ExitStatus};

use cffi_core::ffi::{self, Closure, IntoCPtr};

/// Runs test `name` of this binary again in a child process with `CFFI_CHILD` set, and
/// returns what it printed on stderr; the child must have aborted.
fn child_aborts(name: &str) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("CFFI_CHILD", "1")
        .output()
        .unwrap();
    assert!(aborted(out.status), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Whether a process ended by `std::process::abort`: SIGABRT on POSIX systems.
#[cfg(unix)]
fn aborted(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(6)
}

/// Whether a process ended by `std::process::abort`: on Windows it fails fast, with
/// `STATUS_STACK_BUFFER_OVERRUN` as the exit code.
#[cfg(windows)]
fn aborted(status: ExitStatus) -> bool {
    status.code() == Some(0xC000_0409_u32 as i32)
}

fn in_child() -> bool {
    std::env::var_os("CFFI_CHILD").is_some()
}

#[test]
fn a_closure_called_on_another_thread_aborts() {
    if !in_child() {
        let err = child_aborts("a_closure_called_on_another_thread_aborts");
        assert!(
            err.contains("on another thread than the one that lent it"),
            "{err}"
        );
        return;
    }
    // Not `Send`: calling it on another thread would race on the `Rc`.
    let shared = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut add = |x: c_int| -> c_int {
        shared.set(shared.get() + x);
        0
    };
    let closure = Closure::data_first(&mut add);
    let (cb, data) = (
        closure.fn_ptr(),
        IntoCPtr::<*mut c_void>::into_c_ptr(&closure) as usize,
    );
    // What a C library calling back from its own worker thread does.
    std::thread::scope(|s| {
        s.spawn(move || unsafe { cb(data as *mut c_void, 1) });
    });
}

#[test]
fn a_closure_re_entered_from_inside_aborts() {
    if !in_child() {
        let err = child_aborts("a_closure_re_entered_from_inside_aborts");
        assert!(err.contains("re-entered"), "{err}");
        return;
    }
    type Cb = unsafe extern "C" fn(*mut c_void, c_int) -> c_int;
    let again: std::cell::Cell<Option<(Cb, usize)>> = std::cell::Cell::new(None);
    let mut f = |x: c_int| -> c_int {
        if let Some((cb, data)) = again.get() {
            // C calling the closure back while it runs: two `&mut` to it.
            unsafe { cb(data as *mut c_void, x) };
        }
        0
    };
    let closure = Closure::data_first(&mut f);
    let pair = (
        closure.fn_ptr(),
        IntoCPtr::<*mut c_void>::into_c_ptr(&closure) as usize,
    );
    again.set(Some(pair));
    unsafe { (pair.0)(pair.1 as *mut c_void, 1) };
}

#[test]
fn a_closure_runs_on_its_own_thread_and_a_stateless_callback_anywhere() {
    let mut total = 0;
    let mut add = |x: c_int| -> c_int {
        total += x;
        total
    };
    let closure = Closure::data_last(&mut add);
    let (cb, data) = (closure.fn_ptr(), (&closure).into_c_ptr());
    // SAFETY: `data` belongs to `closure`, alive here, on this thread.
    assert_eq!(unsafe { cb(2, data) }, 2);
    // SAFETY: as above.
    assert_eq!(unsafe { cb(3, data) }, 5);
    drop(closure);
    assert_eq!(total, 5);
    let twice = ffi::callback(|x: c_int| x * 2);
    let from_elsewhere = std::thread::spawn(move || unsafe { twice(21) })
        .join()
        .unwrap();
    assert_eq!(from_elsewhere, 42);
}
