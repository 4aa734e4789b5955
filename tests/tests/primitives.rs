//! The `ffi` primitives and annotated safe wrappers, against real C.

use std::ffi::{c_int, c_long, c_void};

use cffi_core::cdef;
use cffi_core::ffi;
use ndarray::ShapeBuilder;

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod fixture {
        struct point { int x; int y; };
        void fibo(int *a, int *b);
        #[cffi(one(a, b))]
        void fibo_safe(int *a, int *b) __asm__("fibo");
        #[cffi(slice(a, n), slice(b, n))]
        void vadd(double *a, const double *b, int n);
        double dsum(const double *xs, int n);
        #[cffi(slice(xs, n))]
        double dsum_safe(const double *xs, int n) __asm__("dsum");
        #[cffi(slice(xs, n), nullable(xs))]
        int count_or_minus_one(const int *xs, int n);
        const char *echo(const char *s);
        #[cffi(one(p))]
        void point_scale(struct point *p, int k);
    }
}

cdef! {
    /// `vadd` without annotations: raw pointers, `unsafe`.
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod raw {
        void vadd(double *a, const double *b, int n);
    }
}

cdef! {
    #[cffi(abi, lib = "m")]
    pub unsafe mod libm {
        #[cffi(out(exp))]
        double frexp(double x, int *exp);
    }
}

#[cfg(unix)]
cdef! {
    /// The C library itself.
    #[cffi(abi, lib = "c")]
    pub unsafe mod libc {
        void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
        long strtol(const char *s, char **end, int base);
        int close(int fd);
    }
}

#[cfg(windows)]
cdef! {
    /// The C runtime, where POSIX's `close` is `_close`.
    #[cffi(abi, lib = "c")]
    pub unsafe mod libc {
        void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
        long strtol(const char *s, char **end, int base);
        int close(int fd) __asm__("_close");
    }
}

#[cfg(unix)]
cdef! {
    #[cffi(abi, lib = "sqlite3")]
    pub unsafe mod sqlite {
        #define SQLITE_OK 0
        #define SQLITE_ABORT 4
        typedef struct sqlite3 sqlite3;
        #[cffi(out(db))]
        int sqlite3_open(const char *filename, sqlite3 **db);
        int sqlite3_close(sqlite3 *db);
        int sqlite3_exec(sqlite3 *db, const char *sql,
                         int (*callback)(void *data, int ncols, char **values, char **names),
                         void *data, char **errmsg);
        void sqlite3_free(void *p);
    }
}

fn fixture() -> fixture::Lib {
    fixture::Lib::load().unwrap()
}

#[test]
fn fibonacci_with_two_new_cells() {
    let f = fixture();
    let mut a = ffi::new::<c_int>();
    let mut b = ffi::new::<c_int>();
    *a = 0;
    *b = 1;
    let mut seen = Vec::new();
    for _ in 0..10 {
        // SAFETY: both cells are valid ints for the call.
        unsafe { f.fibo(&mut a, &mut b) };
        seen.push(*b);
    }
    assert_eq!(seen, [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    // The annotated declaration needs no `unsafe`.
    let (mut x, mut y) = (0, 1);
    for _ in 0..10 {
        f.fibo_safe(&mut x, &mut y);
    }
    assert_eq!(y, 89);
}

#[test]
fn slices_are_length_checked() {
    let f = fixture();
    let mut a = vec![1.0, 2.0, 3.0];
    f.vadd(&mut a, &[10.0, 20.0, 30.0]);
    assert_eq!(a, [11.0, 22.0, 33.0]);
    assert_eq!(f.dsum_safe(&a), 66.0);
    assert_eq!(f.dsum_safe(&[]), 0.0);
    let mismatch = std::panic::catch_unwind(|| {
        let mut a = [0.0; 3];
        fixture().vadd(&mut a, &[1.0, 2.0]);
    });
    let message = *mismatch.unwrap_err().downcast::<String>().unwrap();
    assert_eq!(
        message,
        "`a` has 3 elements but `b` has 2; both are described by `n`"
    );
}

#[test]
fn nullable_slices_pass_null() {
    let f = fixture();
    assert_eq!(f.count_or_minus_one(Some(&[1, 2, 3])), 3);
    assert_eq!(f.count_or_minus_one(None), -1);
}

#[test]
fn out_parameters_are_returned() {
    let m = libm::Lib::load().unwrap();
    assert_eq!(m.frexp(48.0), (0.75, 6));
}

#[test]
fn one_object_by_reference() {
    let f = fixture();
    let mut p = fixture::point { x: 2, y: 3 };
    f.point_scale(&mut p, 5);
    assert_eq!((p.x, p.y), (10, 15));
    let mut cell = ffi::new::<fixture::point>();
    cell.x = 1;
    f.point_scale(&mut cell, 4);
    assert_eq!(cell.x, 4);
}

#[test]
fn from_buffer_over_vec_array_and_ndarray() {
    let f = fixture();
    let v = vec![0.5; 1000];
    let arr = [1.0, 2.0, 3.0, 4.0];
    let nd = ndarray::Array2::<f64>::from_shape_fn((20, 30), |(i, j)| (i * 30 + j) as f64);
    // SAFETY: each buffer holds the number of doubles passed.
    unsafe {
        assert_eq!(f.dsum(ffi::from_buffer(&v), 1000), 500.0);
        assert_eq!(f.dsum(ffi::from_buffer(&arr), 4), 10.0);
        assert_eq!(
            f.dsum(ffi::from_buffer(&nd), 600),
            (0..600).sum::<i32>() as f64
        );
    }
    let mut out = vec![1.0; 4];
    let mut buf = ffi::from_buffer_mut(&mut out);
    assert_eq!(buf.len(), 4);
    let raw = raw::Lib::load().unwrap();
    // SAFETY: both buffers hold 4 doubles.
    unsafe { raw.vadd(&mut buf, ffi::from_buffer(&arr), 4) };
    assert_eq!(out, [2.0, 3.0, 4.0, 5.0]);
}

#[test]
fn ndarray_that_is_not_contiguous_is_refused() {
    let nd = ndarray::Array2::<f64>::zeros((4, 4));
    let column = nd.column(1);
    let refused = std::panic::catch_unwind(|| ffi::from_buffer(&column).len());
    assert!(refused.is_err());
}

#[test]
fn ndarray_in_another_memory_order_is_refused() {
    let nd = ndarray::Array2::<f64>::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64);
    // Contiguous, but C would read them in another order than their indices say.
    let transposed = nd.t();
    let fortran = ndarray::Array2::<f64>::zeros((3, 4).f());
    let reversed = nd.slice(ndarray::s![..;-1, ..]);
    for (what, refused) in [
        (
            "transposed",
            std::panic::catch_unwind(|| ffi::from_buffer(&transposed).len()),
        ),
        (
            "fortran",
            std::panic::catch_unwind(|| ffi::from_buffer(&fortran).len()),
        ),
        (
            "reversed",
            std::panic::catch_unwind(|| ffi::from_buffer(&reversed).len()),
        ),
    ] {
        assert!(refused.is_err(), "{what} array lent to C");
    }
    let mut fortran_mut = ndarray::Array2::<f64>::zeros((3, 4).f());
    let refused = std::panic::catch_unwind(move || ffi::from_buffer_mut(&mut fortran_mut).len());
    assert!(refused.is_err());
    // The fix the message names works.
    let standard = transposed.as_standard_layout();
    let lent = ffi::from_buffer(&standard);
    assert_eq!(lent.len(), 12);
    assert_eq!(standard[[1, 0]], 1.0);
}

#[test]
fn strings_round_trip() {
    let f = fixture();
    for text in ["plain", "héllo wörld ✓", ""] {
        let c = ffi::cstring(text).unwrap();
        // SAFETY: echo returns its argument, which `c` keeps alive.
        let back = unsafe { ffi::string(f.echo(&c)) };
        assert_eq!(back.to_str(), Ok(text));
    }
    assert!(ffi::cstring("nul\0inside").is_err());
    let c = c"truncate me";
    // SAFETY: `c` is valid for 8 bytes.
    assert_eq!(unsafe { ffi::string_max(f.echo(c), 8) }, b"truncate");
    // SAFETY: as above.
    assert_eq!(unsafe { ffi::unpack(c.as_ptr().cast::<u8>(), 5) }, b"trunc");
}

#[test]
fn errno_from_a_failing_libc_call() {
    let c = libc::Lib::load().unwrap();
    ffi::set_errno(0);
    // SAFETY: a NUL-terminated string; `end` may be null.
    let v = unsafe { c.strtol(c"99999999999999999999999".as_ptr(), ffi::null(), 10) };
    assert_eq!(v, c_long::MAX);
    assert_eq!(ffi::errno(), 34, "ERANGE");
    assert_eq!(c.close(-1), -1);
    assert_eq!(ffi::errno(), 9, "EBADF");
    ffi::set_errno(0);
    assert_eq!(ffi::errno(), 0);
}

fn random_i32s(n: usize) -> Vec<i32> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as i32
        })
        .collect()
}

#[test]
fn qsort_with_a_rust_comparator() {
    let c = libc::Lib::load().unwrap();
    let mut v = random_i32s(100_000);
    let cmp = ffi::callback(|a: *const c_void, b: *const c_void| -> c_int {
        // SAFETY: qsort passes pointers to elements of the array, which are i32s.
        let (a, b) = unsafe { (*a.cast::<i32>(), *b.cast::<i32>()) };
        a.cmp(&b) as c_int
    });
    // SAFETY: the buffer holds `len` i32s of 4 bytes; the comparator reads them as such.
    unsafe {
        c.qsort(
            ffi::from_buffer_mut(&mut v).as_mut_ptr().cast(),
            v.len(),
            4,
            Some(cmp),
        )
    };
    let mut expected = random_i32s(100_000);
    expected.sort();
    assert_eq!(v, expected);
}

#[test]
fn qsort_of_structs() {
    let c = libc::Lib::load().unwrap();
    let mut points: Vec<fixture::point> = (0..1000)
        .map(|i| fixture::point {
            x: i,
            y: (i * 7919) % 101,
        })
        .collect();
    fn by_y_then_x(a: *const c_void, b: *const c_void) -> c_int {
        // SAFETY: qsort passes pointers to the points.
        let (a, b) = unsafe { (&*a.cast::<fixture::point>(), &*b.cast::<fixture::point>()) };
        (a.y, a.x).cmp(&(b.y, b.x)) as c_int
    }
    let size = std::mem::size_of::<fixture::point>();
    // SAFETY: as above, with elements of `size` bytes.
    unsafe {
        c.qsort(
            points.as_mut_ptr().cast(),
            points.len(),
            size,
            Some(ffi::callback(by_y_then_x)),
        )
    };
    assert!(
        points
            .windows(2)
            .all(|w| (w[0].y, w[0].x) <= (w[1].y, w[1].x))
    );
}

#[cfg(unix)]
#[test]
fn sqlite_exec_with_a_row_callback_and_user_data() {
    use cffi_core::ffi::Closure;
    use std::ffi::{CStr, c_char};
    let lib = sqlite::Lib::load().unwrap();
    // SAFETY: a NUL-terminated file name.
    let (rc, db) = unsafe { lib.sqlite3_open(c":memory:".as_ptr()) };
    assert_eq!(rc, sqlite::SQLITE_OK);
    let closed = std::cell::Cell::new(None);
    let db = ffi::gc(db, |db| {
        // SAFETY: `db` was opened above and is closed once, here.
        closed.set(Some(unsafe { lib.sqlite3_close(db) }));
    });

    let exec = |sql: &CStr, rows: &mut Vec<Vec<String>>| -> c_int {
        let mut on_row =
            |ncols: c_int, values: *mut *mut c_char, _names: *mut *mut c_char| -> c_int {
                // SAFETY: sqlite passes `ncols` column values, each a string or null.
                let row = (0..ncols as usize)
                    .map(|i| unsafe {
                        let v = *values.add(i);
                        if v.is_null() {
                            "NULL".to_string()
                        } else {
                            ffi::string(v).to_string_lossy().into_owned()
                        }
                    })
                    .collect();
                rows.push(row);
                0
            };
        let closure = Closure::data_first(&mut on_row);
        // SAFETY: the database is open, the SQL is NUL-terminated, and the callback and its
        // data live through the call.
        unsafe { lib.sqlite3_exec(*db, sql, Some(closure.fn_ptr()), &closure, ffi::null()) }
    };

    let mut rows = Vec::new();
    let rc = exec(
        c"CREATE TABLE t (id INTEGER, name TEXT);
          INSERT INTO t VALUES (1, 'one'), (2, 'zwei'), (3, 'trois'), (4, NULL);",
        &mut rows,
    );
    assert_eq!(rc, sqlite::SQLITE_OK);
    assert!(rows.is_empty());
    let rc = exec(c"SELECT id, name FROM t ORDER BY id DESC", &mut rows);
    assert_eq!(rc, sqlite::SQLITE_OK);
    assert_eq!(
        rows,
        [["4", "NULL"], ["3", "trois"], ["2", "zwei"], ["1", "one"]]
            .map(|r| r.map(String::from).to_vec())
    );
    drop(db);
    assert_eq!(closed.get(), Some(sqlite::SQLITE_OK));
}

#[test]
fn sizes_and_offsets() {
    assert_eq!(ffi::sizeof::<fixture::point>(), 8);
    assert_eq!(ffi::alignof::<fixture::point>(), 4);
    assert_eq!(cffi_core::offsetof!(fixture::point, y), 4);
    let p: *mut fixture::point = ffi::cast::<*mut fixture::point, _>(0x1000usize);
    assert_eq!(ffi::cast::<usize, _>(p), 0x1000);
    let v: *const c_void = ffi::cast::<*const c_void, _>(p);
    assert_eq!(v as usize, 0x1000);
}
