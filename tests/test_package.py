"""Package-level promises: fast --help, lazy imports, one-way data flow between stages."""
from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

PKG = REPO / "geo_incidents"
# pipeline order: a module may import only modules of its own or an earlier stage
STAGES = ["base", "names", "gazetteer", "extract", "incidents", "control", "cluster", "render", "corpus"]
_GROUPS = {"exceptions": "base", "_data": "base", "_files": "base", "_jsonl": "base", "_dates": "incidents", "_index": "gazetteer", "_ranking": "gazetteer",
           "_frames": "gazetteer", "geocoder": "gazetteer"}


def _stage(module: str) -> int | None:
    name = _GROUPS.get(module)
    if name is None:
        name = module.lstrip("_").split("_")[0]
    return STAGES.index(name) if name in STAGES else None


def test_help_does_not_import_heavy_libraries():
    code = ("import sys;from geo_incidents.cli import cli\n"
            "try:\n cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('pandas','geopandas','folium','shapely','numpy','rapidfuzz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_import_is_light():
    code = "import sys, geo_incidents; print(len([m for m in sys.modules if m.startswith(('pandas','geopandas'))]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


def test_public_api_is_curated():
    import geo_incidents

    for name in geo_incidents.__all__:
        assert getattr(geo_incidents, name) is not None


def test_no_module_imports_a_later_stage_or_the_cli():
    problems = []
    for path in PKG.glob("*.py"):
        me = _stage(path.stem)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module:
                target = node.module.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo_incidents."):
                target = node.module.split(".")[1]
            else:
                continue
            if target == "cli":
                problems.append(f"{path.name} imports the CLI")
            them = _stage(target)
            if me is not None and them is not None and them > me:
                problems.append(f"{path.name} (stage {STAGES[me]}) imports {target} (stage {STAGES[them]})")
    assert not problems, problems


def test_library_never_imports_click():
    for path in PKG.glob("*.py"):
        assert "import click" not in path.read_text(encoding="utf-8"), path.name
