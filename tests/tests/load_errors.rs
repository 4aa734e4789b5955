//! Failing to load says what was tried and what the system said.

/// How the system says a file does not exist.
const NOT_FOUND: &str = if cfg!(windows) {
    "(os error 126)"
} else if cfg!(target_os = "linux") {
    "cannot open shared object file"
} else {
    "no such file"
};

use cffi_core::{LoadError, cdef};

cdef! {
    #[cffi(abi, lib = "cffi_rs_no_such_library")]
    pub unsafe mod absent {
        int f(int x);
    }
}

cdef! {
    #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
    pub unsafe mod partly_missing {
        int add1(int x);
        int missing_one(int x);
        double missing_two(void);
        extern int missing_global;
    }
}

#[test]
fn missing_library_lists_every_file_tried() {
    let err = absent::Lib::load().unwrap_err();
    let LoadError::NotFound { name, tried } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "cffi_rs_no_such_library");
    assert!(!tried.is_empty());
    let text = err.to_string();
    assert!(
        text.starts_with("cannot load library `cffi_rs_no_such_library`: tried `"),
        "{text}"
    );
    assert!(text.contains(NOT_FOUND), "{text}");
}

#[test]
fn wrong_path_names_the_path_and_the_reason() {
    // SAFETY: nothing is opened: the file does not exist.
    let err = unsafe { partly_missing::Lib::load_from("/nonexistent/libnothing.so") }.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("`/nonexistent/libnothing.so`"), "{text}");
    assert!(
        text.contains("No such file or directory") || text.contains(NOT_FOUND),
        "{text}"
    );
}

#[test]
fn missing_symbols_are_listed_together() {
    let err = partly_missing::Lib::load().unwrap_err();
    let LoadError::MissingSymbols { library, symbols } = &err else {
        panic!("{err:?}")
    };
    assert!(library.ends_with(env!("CFFI_FIXTURE_LIB")), "{library}");
    assert_eq!(symbols, &["missing_one", "missing_two", "missing_global"]);
    assert_eq!(
        err.to_string(),
        format!(
            "library `{library}` lacks 3 declared symbols: missing_one, missing_two, missing_global"
        )
    );
}

#[test]
fn keep_loaded_and_global_options() {
    use cffi_core::LoadOptions;
    cdef! {
        #[cffi(abi, lib = env!("CFFI_FIXTURE_LIB"))]
        unsafe mod fixture { int add1(int x); }
    }
    let options = LoadOptions::new().keep_loaded(true).global(true).lazy(true);
    let f = fixture::Lib::load_with(options).unwrap();
    assert_eq!(f.add1(1), 2);
    drop(f);
    let f = fixture::Lib::load().unwrap();
    assert_eq!(f.add1(2), 3);
}
