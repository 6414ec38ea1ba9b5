"""The package reads the way the data flows (ARCHITECTURE.md): every import between yusuan's packages points down
the flow, and no module grows past what a newcomer can read.

The layers, lowest first; a module may import its own package and any lower layer, never a higher one.  Imports
inside functions count too: a lazy import upward is still a dependency upward."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "yusuan"

LAYERS = (
    ("yusuan", "yusuan.base"),  # the root holds only __version__
    ("yusuan.vocab",),
    ("yusuan.pdf",),
    ("yusuan.tables",),
    ("yusuan.check",),
    ("yusuan.present",),
    ("yusuan.steps",),
    ("yusuan.corpus",),
    ("yusuan.data", "yusuan.runner", "yusuan.commands", "yusuan.cli", "yusuan.envfile"),
)
MAX_LINES = 1000


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> tuple[int, str]:
    """(layer index, the layer's package) of a dotted module name: the longest layer prefix it falls under."""
    best = None
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[1])):
                best = (i, name)
    if best is None:
        raise AssertionError(f"{module} is in no layer of tests/test_architecture.py: add it to LAYERS")
    return best


def imported(path: Path, module: str, root: Path) -> list[tuple[int, str]]:
    """(line, module) of every yusuan module ``path`` imports, at any depth, relative imports resolved."""
    is_package = path.name == "__init__.py"
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "yusuan"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "yusuan":
                continue
            # "from yusuan.pdf import grid" imports the module yusuan.pdf.grid
            out += [(node.lineno, f"{target}.{a.name}" if a.name != "__version__" and _is_module(root, target, a.name)
                     else target) for a in node.names]
    return out


def _is_module(root: Path, package: str, name: str) -> bool:
    folder = root.parent.joinpath(*package.split("."))
    return (folder / f"{name}.py").is_file() or (folder / name / "__init__.py").is_file()


def upward_imports(root: Path) -> list[str]:
    """Every import in the package at ``root`` of a higher layer than the importing module's own."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        mine, my_pkg = layer(module)
        for line, target in imported(path, module, root):
            theirs, their_pkg = layer(target)
            if theirs > mine:
                found.append(f"{path.relative_to(root.parent)}:{line}: {module} ({my_pkg}) imports {target} "
                             f"({their_pkg}, a later stage)")
    return found


def test_every_import_points_down_the_flow():
    assert upward_imports(PACKAGE) == []


def test_an_upward_import_added_on_purpose_is_caught(tmp_path):
    """The check above can fail: a copy of the package where the table model imports the fact-check."""
    copy = tmp_path / "yusuan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pdf"))
    target = copy / "tables" / "printed.py"
    target.write_text(target.read_text(encoding="utf-8") + "\n\ndef _late():\n    from yusuan.check import findings\n",
                      encoding="utf-8")
    relative = copy / "pdf" / "grid.py"
    relative.write_text(relative.read_text(encoding="utf-8") + "\nfrom ..present.charts import frame\n",
                        encoding="utf-8")
    found = upward_imports(copy)
    assert len(found) == 2, found
    assert "yusuan.tables.printed (yusuan.tables) imports yusuan.check.findings" in found[1]
    assert "yusuan.pdf.grid (yusuan.pdf) imports yusuan.present.charts.frame" in found[0]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_too_long_to_read(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {n} lines: split it along its seams (ARCHITECTURE.md)"


def test_every_package_says_what_it_owns():
    """Each stage package opens with a docstring saying what it owns and what it may import."""
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{init.relative_to(PACKAGE)} has no docstring saying what the package owns"
