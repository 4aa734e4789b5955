#!/usr/bin/env python3
"""Python cffi's own declaration strings and cffi's verdict on each, for the conformance test.

Usage: cffi_suite.py CACHE_DIR > cases.json

Downloads the cffi source distribution with pip into CACHE_DIR (once), reads every test file
under `testing/` with Python's `ast`, and collects each `X.cdef("...")` whose first argument
is a string literal. Calls on the same receiver in the same function build on each other, as
they do in the tests, so each case carries the strings that came before it (`prefix`), each with its options.

For every case it asks the installed cffi whether it accepts the text, and for the structs and
unions of an accepted text that cffi can measure, it records `sizeof`, `alignof` and the offset
of every field that is not a bit-field. Nothing of cffi's sources leaves CACHE_DIR.
"""

import ast
import json
import pathlib
import subprocess
import sys
import tarfile

import warnings

import cffi

VERSION = "2.0.0"
CDEF_OPTIONS = ("packed", "pack", "override")


def sources(cache):
    """The cffi source tree in `cache`, downloaded and unpacked when missing."""
    root = cache / f"cffi-{VERSION}"
    if (root / "testing").is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", f"cffi=={VERSION}",
         "--no-binary", ":all:", "--no-deps", "-d", str(cache)],
        check=True, stdout=sys.stderr)
    with tarfile.open(cache / f"cffi-{VERSION}.tar.gz") as tar:
        members = [m for m in tar.getmembers() if "/testing/" in m.name]
        tar.extractall(cache, members=members, filter="data")
    return root


def literal_option(node):
    """The value of a `packed=True`/`pack=2` keyword, or None when it is not a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int)):
        return node.value
    return None


class CdefCalls(ast.NodeVisitor):
    """Every `X.cdef(<literal>, ...)` call, with its group: the enclosing function, the
    receiver, and how many times the receiver was assigned before the call."""

    def __init__(self):
        self.calls = []
        self.scope = ["<module>"]
        self.non_literal = 0
        # A receiver assigned anew (`ffi = FFI()`) starts a new group of calls.
        self.generation = {}

    def visit_Assign(self, node):
        self.generic_visit(node)
        for target in node.targets:
            key = (".".join(self.scope), ast.unparse(target))
            self.generation[key] = self.generation.get(key, 0) + 1

    def visit_FunctionDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "cdef" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                options = {k.arg: literal_option(k.value) for k in node.keywords
                           if k.arg in CDEF_OPTIONS}
                scope, receiver = ".".join(self.scope), ast.unparse(func.value)
                group = (scope, receiver, self.generation.get((scope, receiver), 0))
                self.calls.append((group, node.lineno, arg.value, options))
            else:
                self.non_literal += 1
        self.generic_visit(node)


def cffi_verdict(prefix, call):
    """Replays `prefix` then `call` on a fresh FFI: (None, ffi) or (error text, None)."""
    ffi = cffi.FFI()
    try:
        for src, options in prefix:
            ffi.cdef(src, **options)
        ffi.cdef(call[0], **call[1])
    except Exception as e:  # cffi raises many kinds: its verdict is any of them.
        return f"{type(e).__name__}: {e}", None
    return None, ffi


def record_layouts(ffi):
    """Size, alignment and field offsets of every struct or union cffi can measure."""
    typedefs, structs, unions = ffi.list_types()
    names = [f"struct {s}" for s in structs] + [f"union {u}" for u in unions] + typedefs
    out = []
    for name in names:
        if "$" in name:
            continue
        try:
            ty = ffi.typeof(name)
            if ty.kind not in ("struct", "union"):
                continue
            size, align = ffi.sizeof(ty), ffi.alignof(ty)
            fields = [[f, info.offset] for f, info in (ty.fields or [])
                      if info.bitshift == -1 and f]
        except Exception:  # opaque, partial, or holding an opaque type: cffi cannot say.
            continue
        out.append({"name": name, "size": size, "align": align, "fields": fields})
    return out


def cases(root):
    for path in sorted((root / "testing").rglob("*.py")):
        visitor = CdefCalls()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        accepted = {}
        for key, line, src, options in visitor.calls:
            group = accepted.setdefault(key, [])
            if None in options.values():
                continue
            error, ffi = cffi_verdict(group, (src, options))
            yield {
                "file": str(path.relative_to(root)),
                "line": line,
                "prefix": [{"src": p, "options": o} for p, o in group],
                "src": src,
                "options": options,
                "cffi_error": error,
                "layouts": record_layouts(ffi) if ffi else [],
            }
            if error is None:
                group.append((src, options))


def main():
    warnings.simplefilter("ignore")  # cffi warns about spellings it accepts; the verdict is what counts.
    root = sources(pathlib.Path(sys.argv[1]))
    json.dump(list(cases(root)), sys.stdout, indent=0)


if __name__ == "__main__":
    main()
