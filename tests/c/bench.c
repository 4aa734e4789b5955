/* The trivial function whose call cost the benches measure, compiled with the crate. */
int bench_add1(int x) { return x + 1; }
