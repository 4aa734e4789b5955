/* Layouts with types only 64-bit targets have; checked against gcc like layout_cases.h. */
struct c38 { char a; __int128 b; };
struct c51 { unsigned __int128 a : 100; char b; };
