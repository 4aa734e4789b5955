//! Story 7: sqlite3 on an in-memory database, queried through a Rust row callback with a
//! user-data pointer; the database handle is closed by `ffi::gc`.
//!
//! `cargo run --release --example sqlite`

use std::ffi::{CStr, c_char, c_int};

use cffi_core::cdef;
use cffi_core::ffi::{self, Closure};

cdef! {
    #[cffi(abi, lib = "sqlite3")]
    pub unsafe mod sqlite {
        #define SQLITE_OK 0
        typedef struct sqlite3 sqlite3;
        #[cffi(out(db))]
        int sqlite3_open(const char *filename, sqlite3 **db);
        int sqlite3_close(sqlite3 *db);
        int sqlite3_exec(sqlite3 *db, const char *sql,
                         int (*callback)(void *data, int ncols, char **values, char **names),
                         void *data, char **errmsg);
        const char *sqlite3_libversion(void);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lib = sqlite::Lib::load()?;
    // SAFETY: a string owned by the library.
    println!(
        "sqlite {}",
        unsafe { ffi::string_in(&lib, lib.sqlite3_libversion()) }.to_string_lossy()
    );
    // SAFETY: a NUL-terminated file name.
    let (rc, db) = unsafe { lib.sqlite3_open(c":memory:".as_ptr()) };
    if rc != sqlite::SQLITE_OK {
        return Err(format!("sqlite3_open failed: {rc}").into());
    }
    let db = ffi::gc(db, |db| {
        // SAFETY: opened above, closed once here.
        unsafe { lib.sqlite3_close(db) };
    });

    let exec = |sql: &CStr, rows: &mut Vec<Vec<String>>| -> c_int {
        let mut on_row =
            |ncols: c_int, values: *mut *mut c_char, _names: *mut *mut c_char| -> c_int {
                let row = (0..ncols as usize)
                    .map(|i| {
                        // SAFETY: sqlite passes `ncols` values, each a string or null.
                        let v = unsafe { *values.add(i) };
                        if v.is_null() {
                            "NULL".to_string()
                        } else {
                            unsafe { ffi::string(v) }.to_string_lossy().into_owned()
                        }
                    })
                    .collect();
                rows.push(row);
                0
            };
        let closure = Closure::data_first(&mut on_row);
        // SAFETY: the database is open, and the callback and its data live through the call.
        unsafe { lib.sqlite3_exec(*db, sql, Some(closure.fn_ptr()), &closure, ffi::null()) }
    };

    let mut rows = Vec::new();
    let rc = exec(
        c"CREATE TABLE planets (name TEXT, moons INTEGER);
          INSERT INTO planets VALUES ('Mercury', 0), ('Venus', 0), ('Earth', 1), ('Mars', 2);",
        &mut rows,
    );
    if rc != sqlite::SQLITE_OK {
        return Err(format!("sqlite3_exec failed: {rc}").into());
    }
    exec(
        c"SELECT name, moons FROM planets WHERE moons > 0 ORDER BY moons DESC",
        &mut rows,
    );
    for row in &rows {
        println!("{}", row.join(" | "));
    }
    Ok(())
}
