use cffi_core::c_source;

c_source! {
    pub mod broken {
        r#"
        int twice(int x) { return 2 * x; }
        int thrice(int x { return 3 * x; }
        "#
    }
}

fn main() {}
