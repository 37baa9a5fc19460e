"""Build the offline vector basemap ``data/basemap/basemap.geojson`` (deterministic).

Country outlines (Natural Earth 1:50m, via world-atlas TopoJSON), Syrian and Iraqi governorates
(OCHA COD-AB admin 1) and the larger rivers (Natural Earth 1:10m centre lines), clipped to the
region, simplified with shapely and rounded to 3 decimals (about 100 m), written with sorted keys
and a fixed feature order so the same inputs always give the same bytes. Sources and licences:
``SOURCES.md`` beside this file.

Usage::

    python data/basemap/build.py [--shared ../shared/data] [--out data/basemap/basemap.geojson]
"""
from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: lon_min, lat_min, lon_max, lat_max of the area kept (Syria, Iraq and their neighbours).
BBOX = (25.0, 22.0, 56.0, 44.0)
#: Douglas-Peucker tolerance in degrees per layer (0.01° ≈ 1 km).
TOLERANCE = {"country": 0.004, "admin1": 0.003, "river": 0.004}
DECIMALS = 3


def _round(coords, nd: int = DECIMALS):
    if isinstance(coords, (int, float)):
        return round(float(coords), nd)
    return [_round(c, nd) for c in coords]


def _features(frame, layer: str, props) -> list[dict]:
    import shapely
    from shapely.geometry import box, mapping

    clip = box(*BBOX)
    out = []
    for _, row in frame.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        geom = shapely.make_valid(geom).intersection(clip)
        geom = geom.simplify(TOLERANCE[layer], preserve_topology=True)
        if geom.is_empty:
            continue
        if geom.geom_type == "GeometryCollection":  # keep only the parts of this layer's kind
            parts = [g for g in geom.geoms if g.geom_type.endswith(("Polygon", "LineString"))]
            if not parts:
                continue
            geom = shapely.union_all(parts)
        gj = mapping(geom)
        feat = {"type": "Feature", "properties": {"layer": layer, **props(row)},
                "geometry": {"type": gj["type"], "coordinates": _round(gj["coordinates"])}}
        out.append(feat)
    return sorted(out, key=lambda f: json.dumps(f["properties"], sort_keys=True, ensure_ascii=False))


def build(shared: Path, out: Path) -> int:
    """Write the basemap; return its size in bytes."""
    import geopandas as gpd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        countries = gpd.read_file(shared / "world" / "countries-50m.json", layer="countries")
    countries = countries.set_crs(4326, allow_override=True)
    syr = gpd.read_file(shared / "boundaries" / "syr_admbnda_adm1_uncs_unocha.json").to_crs(4326)
    irq = gpd.read_file(shared / "boundaries" / "irq_admbnda_adm1_cso_20190603.geojson").to_crs(4326)
    rivers = gpd.read_file(shared / "world" / "ne_10m_rivers_lake_centerlines_middle_east.geojson").to_crs(4326)
    rivers = rivers[rivers["scalerank"] <= 9]

    feats = _features(countries, "country", lambda r: {"name": str(r["name"])})
    for frame in (syr, irq):
        feats += _features(frame, "admin1", lambda r: {
            "name": str(r["ADM1_EN"]), "name_ar": str(r["ADM1_AR"]), "country": str(r["ADM0_EN"]),
            "pcode": str(r["ADM1_PCODE"])})
    feats += _features(rivers, "river", lambda r: {"name": str(r["name_en"] or r["name"] or "")})
    doc = {"type": "FeatureCollection",
           "sources": "see SOURCES.md: Natural Earth (public domain); OCHA COD-AB (CC BY 3.0 IGO)",
           "features": feats}
    data = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    out.write_bytes(data + b"\n")
    return len(data) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared" / "data")
    parser.add_argument("--out", type=Path, default=HERE / "basemap.geojson")
    args = parser.parse_args()
    size = build(args.shared, args.out)
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
