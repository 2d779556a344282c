#!/usr/bin/env python3
"""Writes (or checks) docs/rust-conformance.md from the conformance tests.

One row per test with the CTest label `conformance`. The test *is* the row,
as in LLVM's lit: the comment block just above a gtest `TEST(...)`, or at the
top of a compile-fail source or a Rust reference program, states the Rust
behaviour it checks (the std docs' sentence, or rustc's observed output). A
comment line starting `Rust:` marks where that statement begins, in a
comment that says more; one starting `Differs:` says where safelab cannot behave as Rust and
why; the test then checks safelab's documented behaviour instead.

The page lists only what a test backs: CTest runs every listed test, so a
row whose behaviour broke fails CI. Use the clang build: it is the one with
the Clang-only compile-fail cases (-Wdangling).

    tools/conformance_page.py --build build/clang --output docs/rust-conformance.md
    tools/conformance_page.py --build build/clang --check docs/rust-conformance.md
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_MACRO = re.compile(r"^\s*TEST(?:_F|_P)?\(\s*(\w+)\s*,\s*(\w+)\s*\)")


class PageError(Exception):
    pass


def conformance_tests(build: Path):
    """(name, command) of every CTest test labelled `conformance`."""
    def listed(*label):
        out = subprocess.run(["ctest", "--test-dir", str(build), *label, "--show-only=json-v1"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out).get("tests", [])
    # A gtest binary not yet built lists no tests (CTest shows X_NOT_BUILT),
    # which would silently drop its rows.
    unbuilt = [t["name"] for t in listed() if t["name"].endswith("_NOT_BUILT")]
    if unbuilt:
        raise PageError(f"not built in {build}: {', '.join(unbuilt)}")
    tests = listed("-L", "^conformance$")
    if not tests:
        raise PageError(f"no test labelled conformance in {build}: is it configured?")
    return [(t["name"], t.get("command", [])) for t in tests]


def comment_text(lines):
    """Joins `//` comment lines into paragraphs of plain text."""
    text = []
    for line in lines:
        body = re.sub(r"^\s*//\s?", "", line).rstrip()
        text.append(body)
    return text


def leading_comment(path: Path):
    lines = path.read_text().splitlines()
    block = []
    for line in lines:
        if line.lstrip().startswith("//"):
            block.append(line)
        else:
            break
    return comment_text(block)


def comment_above(lines, index):
    """The comment block above line `index`, across the declarations (a helper
    struct, say) between it and the TEST, but not across a blank line."""
    i = index - 1
    while i >= 0 and lines[i].strip() and not lines[i].lstrip().startswith("//"):
        i -= 1
    end = i + 1
    while i >= 0 and lines[i].lstrip().startswith("//"):
        i -= 1
    return comment_text(lines[i + 1:end])


def gtest_sources():
    """Suite.Name -> (source, comment) for every gtest in tests/."""
    found = {}
    for src in sorted((ROOT / "tests").rglob("*.cpp")):
        lines = src.read_text().splitlines()
        for i, line in enumerate(lines):
            m = TEST_MACRO.match(line)
            if m:
                found[f"{m.group(1)}.{m.group(2)}"] = (src, comment_above(lines, i))
    return found


def source_of(name, command, gtests):
    """(source file, the comment stating the Rust behaviour) of one test."""
    if name in gtests:
        return gtests[name]
    if name.startswith("compile_fail."):
        src = ROOT / "tests" / "compile_fail" / (name.split(".", 1)[1] + ".cpp")
        if src.exists():
            return src, leading_comment(src)
    for arg in command:  # a script test: the reference program it runs
        m = re.match(r"-D\w+=(.+\.(?:rs|cpp|c))$", arg)
        if m and Path(m.group(1)).exists():
            src = Path(m.group(1))
            return src, leading_comment(src)
    raise PageError(f"{name}: cannot find the source that states its Rust behaviour")


def split_differs(text):
    """(Rust behaviour, safelab's difference or '') from a comment. A comment
    that explains more than the Rust behaviour marks it with a `Rust:` line."""
    marked = [i for i, line in enumerate(text) if line.startswith("Rust:")]
    if marked:
        text = text[marked[0]:]
    rust, differs = [], []
    target = rust
    for line in text:
        if line.startswith("Differs:"):
            target = differs
            line = line[len("Differs:"):].strip()
        target.append(line)
    join = lambda ls: " ".join(l for l in ls if l).strip()
    return join(rust), join(differs)


# Sections: the component a test belongs to (its folder, or the prefix of a
# compile-fail case or Rust program), titled by what of Rust's std it covers.
SECTIONS = {
    "own": "own: threads, locks, channels and Send (std::thread, std::sync)",
    "mem": "mem: RefCell, Rc and borrowing (std::cell, std::rc)",
    "err": "err: Result, Option and checked arithmetic (std::result, std::option, integers)",
}


def component_of(name, src: Path):
    rel = src.relative_to(ROOT)
    if rel.parts[:2] == ("tests", "compile_fail"):
        return src.stem.split("_", 1)[0]
    if rel.parts[:2] == ("tests", "conformance"):  # a Rust program: its test's component
        return name.split(".", 1)[0]
    return rel.parts[1]


def cell(text):
    return text.replace("|", "\\|")


def render(build: Path):
    gtests = gtest_sources()
    sections = {}
    for name, command in conformance_tests(build):
        src, text = source_of(name, command, gtests)
        rust, differs = split_differs(text)
        if not rust:
            raise PageError(f"{name} ({src.relative_to(ROOT)}): no comment states the Rust "
                            "behaviour it checks")
        component = component_of(name, src)
        if component not in SECTIONS:
            raise PageError(f"{name} ({src.relative_to(ROOT)}): no section for '{component}'")
        sections.setdefault(component, []).append((name, rust, differs, src.relative_to(ROOT)))
    out = ["# Rust conformance", "",
           "Generated by `tools/conformance_page.py --build build/clang --output "
           "docs/rust-conformance.md` from the tests labelled `conformance` (`ctest -L "
           "conformance`); CI fails if it is stale. Each row is one test: the Rust behaviour "
           "it checks (Rust's docs, or rustc's output), and whether safelab behaves the same. "
           "Where it cannot, the row says why and the test checks safelab's documented "
           "behaviour instead.", ""]
    total = differ = 0
    for component, title in SECTIONS.items():
        rows = sections.get(component, [])
        if not rows:
            continue
        out += [f"## {title}", "", "| Rust | safelab | test (source) |", "|---|---|---|"]
        for name, rust, differs, src in sorted(rows, key=lambda r: (str(r[3]), r[0])):
            total += 1
            differ += bool(differs)
            verdict = f"**differs**: {differs}" if differs else "same"
            out.append(f"| {cell(rust)} | {cell(verdict)} | `{name}` ({src}) |")
        out.append("")
    out += [f"{total} behaviours checked: {total - differ} as in Rust, {differ} documented "
            "differences.", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, type=Path, help="a configured build (build/clang)")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--output", type=Path, help="write the page here")
    group.add_argument("--check", type=Path, help="fail if this page is not what --output writes")
    args = ap.parse_args()
    try:
        page = render(args.build)
    except (PageError, subprocess.CalledProcessError, OSError) as e:
        print(f"conformance_page: {e}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(page)
        print(f"wrote {args.output}")
        return 0
    current = args.check.read_text() if args.check.exists() else ""
    if current != page:
        print(f"conformance_page: {args.check} is stale: regenerate it with "
              f"tools/conformance_page.py --build {args.build} --output {args.check}",
              file=sys.stderr)
        return 1
    print(f"{args.check} is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
