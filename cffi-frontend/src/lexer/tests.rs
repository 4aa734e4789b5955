//! The lexer's unit tests.

use super::*;

fn kinds(src: &str) -> Vec<Tok> {
    lex(src).tokens.iter().map(|t| t.kind).collect()
}

#[test]
fn tokens_and_spans() {
    let src = "unsigned long x[3]; /* c */ f(a, ...);";
    let lexed = lex(src);
    assert!(lexed.errors.is_empty());
    let texts: Vec<&str> = lexed.tokens.iter().map(|t| &src[t.span()]).collect();
    assert_eq!(
        texts,
        [
            "unsigned", "long", "x", "[", "3", "]", ";", "f", "(", "a", ",", "...", ")", ";", ""
        ]
    );
}

#[test]
fn numbers_are_classified() {
    assert_eq!(
        kinds("1 0x1F 1.5 1e3 0x1p-3 .5f 1ULL 0x1e+1"),
        [
            Tok::Int,
            Tok::Int,
            Tok::Float,
            Tok::Float,
            Tok::Float,
            Tok::Float,
            Tok::Int,
            Tok::Int,
            Tok::P(Punct::Plus),
            Tok::Int,
            Tok::Eof
        ]
    );
}

#[test]
fn defines_go_to_their_own_stream() {
    let src = "#define A (1 + \\\n 2)\nint x;\n#define F(x) x\n#undef A\n";
    let lexed = lex(src);
    assert!(lexed.errors.is_empty());
    assert_eq!(lexed.tokens.len(), 4);
    assert_eq!(lexed.macros.len(), 3);
    match &lexed.macros[0] {
        MacroEvent::Define {
            name,
            body,
            function_like,
            ..
        } => {
            assert_eq!(&src[name.clone()], "A");
            assert_eq!(body.len(), 5);
            assert!(!function_like);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        lexed.macros[1],
        MacroEvent::Define {
            function_like: true,
            ..
        }
    ));
    assert!(matches!(lexed.macros[2], MacroEvent::Undef { .. }));
}

#[test]
fn line_markers_name_files_and_lines() {
    let src = "# 1 \"a.h\"\nint a;\n# 40 \"b.h\" 1 3\n\nint b;\n";
    let lexed = lex(src);
    let b = src.find("int b").unwrap();
    let loc = lexed.source_map.loc(src, b);
    assert_eq!((loc.file, loc.line, loc.column), (Some("b.h"), 41, 1));
    let a = src.find("a;").unwrap();
    let loc = lexed.source_map.loc(src, a);
    assert_eq!((loc.file, loc.line, loc.column), (Some("a.h"), 1, 5));
}

#[test]
fn pack_pragmas_are_kept_in_place() {
    let lexed = lex("int a;\n#pragma pack(push, 2)\nint b;\n#pragma pack(pop)\n#pragma once\n");
    assert_eq!(
        lexed.pragmas,
        [(3, PackAction::Push(Some(2))), (6, PackAction::Pop)]
    );
}

#[test]
fn doc_comments_are_collected() {
    let lexed = lex("/** Adds.\n * Two numbers. */ int add(int, int);\n/// Sub.\nint sub(int);");
    let texts: Vec<&str> = lexed.docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["Adds.\nTwo numbers.", "Sub."]);
}

#[test]
fn lexical_errors() {
    let e = lex("int a; /* open").errors;
    assert_eq!(e[0].kind, ErrorKind::UnterminatedComment);
    let e = lex("char *s = \"abc\nint x;").errors;
    assert_eq!(e[0].kind, ErrorKind::UnterminatedLiteral);
    let e = lex("#include <stdio.h>\nint x;").errors;
    assert_eq!(e[0].kind, ErrorKind::UnsupportedDirective);
    assert!(e[0].hint.as_deref().unwrap().contains("include ="));
}

#[test]
fn non_ascii_input_keeps_char_boundaries() {
    let src = "int é; \"ü";
    let lexed = lex(src);
    for t in &lexed.tokens {
        assert!(src.get(t.span()).is_some());
    }
}
