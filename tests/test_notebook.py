"""The notebook runs top to bottom with the public API only."""
from __future__ import annotations

import json
import re

import nbformat
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def test_notebook_runs_top_to_bottom(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = json.dumps([o.get("text", "") for o in outputs], ensure_ascii=False)
    assert "Deir-ez-Zor" in json.dumps(nb.cells[1].outputs, ensure_ascii=False)
    assert "Sokhneh" in text and "admin2" in text
    html = json.dumps([o.get("data", {}).get("text/html", "") for o in outputs], ensure_ascii=False)
    assert "leaflet" in html.lower()  # the map rendered inline


def test_notebook_uses_only_the_public_api():
    import geo_incidents

    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "geo_incidents." not in source.replace("import geo_incidents as gi", "")
    for attr in sorted({re.match(r"\w+", w).group(0) for w in source.split("gi.")[1:]}):
        assert attr in geo_incidents.__all__, attr
