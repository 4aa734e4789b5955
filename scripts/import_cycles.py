#!/usr/bin/env python3
"""Finds import circles between the modules of each crate of the workspace, and between its
folders.

A module is a file under src/ (mod.rs and lib.rs name their folder). An arrow goes from a
module to each module its `use crate::...`, `use super::...` and `crate::...` paths name;
folders are compared by the arrows of the modules in them. Prints every circle (a strongly
connected set of two or more modules, or of folders) and exits 1 if there is one:
`python3 scripts/import_cycles.py [crate-dir ...]`. With `--graph`, prints the arrows.
"""
import os
import re
import sys

CRATES = ["cffi-frontend", "cffi-codegen", "cffi-core", "cffi-build", "cffi-macros"]


def module_of(src, path):
    rel = os.path.relpath(path, src)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return "::".join(parts)


def modules(src):
    found = {}
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith(".rs"):
                path = os.path.join(root, f)
                found[module_of(src, path)] = path
    return found


def strip_comments(text):
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def resolve(mods, base, segments):
    """The longest module path that `segments` (relative to `base`) names."""
    for n in range(len(segments), 0, -1):
        cand = "::".join(base + segments[:n]) if base else "::".join(segments[:n])
        if cand in mods:
            return cand
    return None


def arrows(mods, name, path):
    text = strip_comments(open(path, encoding="utf-8").read())
    # Test modules are not part of the library's shape.
    text = re.split(r"#\[cfg\(test\)\]\s*mod\s+tests\s*\{", text)[0]
    out = set()
    me = name.split("::") if name else []
    # `use a::{b, c::d}` trees are flattened crudely: every path-like run after crate/super.
    for m in re.finditer(r"\b(crate|super)((?:::\s*[A-Za-z_][A-Za-z0-9_]*)+)", text):
        head, rest = m.group(1), m.group(2)
        segs = [s.strip() for s in rest.split("::") if s.strip()]
        if head == "crate":
            base = []
        else:
            # `super` from a folder's mod.rs is the folder's parent; from a file, its folder.
            is_folder = os.path.basename(path) in ("mod.rs", "lib.rs")
            parent = me[:-1] if not is_folder else me[:-1]
            base = parent if not is_folder else me[:-1]
        target = resolve(mods, base, segs)
        if target is not None and target != name and not name.startswith(target + "::") and target != "":
            out.add(target)
    for m in re.finditer(r"\buse\s+(crate|super)::\{([^;]*)\}", text):
        head = m.group(1)
        base = [] if head == "crate" else me[:-1]
        for item in re.split(r"[,{}]", m.group(2)):
            item = item.strip()
            if not item:
                continue
            segs = [s.strip() for s in item.split("::") if s.strip()]
            target = resolve(mods, base, segs)
            if target is not None and target != name and target != "":
                out.add(target)
    return out


def sccs(graph):
    index, low, stack, on, result, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            result.append(comp)

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return result


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--graph" in sys.argv
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    crates = args or CRATES
    bad = False
    for crate in crates:
        src = os.path.join(root, crate, "src")
        mods = modules(src)
        graph = {name: arrows(mods, name, path) for name, path in mods.items()}
        if show:
            for name in sorted(graph):
                print(f"{crate}: {name or 'lib'} -> {', '.join(sorted(graph[name]))}")
        circles = [sorted(c) for c in sccs(graph) if len(c) > 1]
        # The same between top-level folders: a folder's modules may use each other, but
        # the folders must depend on each other one way.
        folders = {}
        for name, targets in graph.items():
            top = name.split("::")[0] if "::" in name else None
            if top is None:
                continue
            for t in targets:
                other = t.split("::")[0] if "::" in t else None
                if other is not None and other != top:
                    folders.setdefault(top, set()).add(other)
        for c in sccs(folders):
            if len(c) > 1:
                circles.append(["folder " + f for f in sorted(c)])
        for c in circles:
            bad = True
            print(f"{crate}: circle: {' <-> '.join(c)}")
        if not circles:
            print(f"{crate}: {len(mods)} modules, no circles")
    sys.exit(1 if bad else 0)


main()
