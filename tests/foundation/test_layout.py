"""The code's layout holds: no module reaches into another module's private (_name) parts.

The layers themselves are import-linter contracts (pyproject.toml), checked by `make test`.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUR_PACKAGES = ("pipdash", "programmes", "projects", "metrics")


def _our_modules():
    for package in OUR_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_imports_another_modules_private_names():
    offences = []
    for path in _our_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] not in OUR_PACKAGES:
                    continue
                offences += [
                    f"{path.relative_to(ROOT)}: from {node.module} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    assert offences == []


def test_every_feature_package_has_its_views_and_urls_in_one_folder():
    for feature in ("compare", "entry", "imports"):
        folder = ROOT / "metrics" / feature
        assert (folder / "views.py").exists() and (folder / "urls.py").exists(), feature
    flat = sorted(
        p.name for p in (ROOT / "metrics").glob("*.py") if p.stem.startswith(("compare_", "entry_", "import_"))
    )
    assert flat == []
