"""Tables in partitions (geo_incidents.corpus.corpus_table, assign_table, resolve_names): the
Dask engine gives the single-process results, row numbers count rows of the whole input.

Most tests run the Dask graph with ``scheduler="synchronous"`` (same partitions, same merge,
no cluster); one test starts a real local cluster of two processes.
"""
from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from geo_incidents import InputError, MissingDependency
from geo_incidents import _corpus_tables as T
from geo_incidents.cli import cli
from geo_incidents.control import assign_control
from geo_incidents.corpus import assign_table, corpus_table, resolve_names
from geo_incidents.incidents import read_incidents

pytest.importorskip("dask")
SYNC = {"engine": "dask", "scheduler": "synchronous"}
PLACES = [("Palmyra", "Homs", 34.5656, 38.2877), ("Sukhna", "Homs", None, None),
          ("Raqqa", "Ar-Raqqa", 35.95, 39.01), ("Hasakeh", "Al-Hasakeh", None, None),
          ("Mosul", "Ninewa", 36.34, 43.13), ("Deir ez-Zor", "Deir-ez-Zor", None, None),
          ("Nowhereville", "", None, None), ("Al Mayadin", "", 35.02, 40.45)]


def _acled(n: int = 600, seed: int = 1) -> pd.DataFrame:
    """ACLED-shaped string cells, with the rows that need the whole table to be read right."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(PLACES), n)
    days = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 2000, n), unit="D")
    rows = []
    for i, (k, day) in enumerate(zip(pick, days)):
        name, admin1, lat, lon = PLACES[k]
        rows.append({"event_id_cnty": f"SYR{i}", "event_date": day.strftime("%Y-%m-%d"), "time_precision": "1",
                     "event_type": "Battles", "actor1": "IS", "actor2": "SDF" if i % 3 else "",
                     "country": "Iraq" if name == "Mosul" else "Syria", "admin1": admin1, "location": name,
                     "latitude": "" if lat is None else f"{lat + (i % 7) * 0.001:.4f}",
                     "longitude": "" if lon is None else f"{lon:.4f}",
                     "geo_precision": str(1 + i % 3), "notes": f"event {i}", "fatalities": str(i % 9)})
    df = pd.DataFrame(rows)
    df.loc[7, "notes"] = 'first line\nsecond "quoted", line'      # a newline inside a quoted field
    df.loc[n - 40, "event_id_cnty"] = df.loc[3, "event_id_cnty"]   # a duplicate in another partition
    df.loc[n // 2] = ""                                            # an empty row
    df.loc[n // 3, "event_date"] = "2023-02-30"                   # an impossible date
    df.loc[n // 4, ["latitude", "longitude"]] = ["39.0", "35.95"]  # swapped coordinates
    df.loc[n - 5, "event_date"] = "11 February 2023"
    return df


@pytest.fixture(autouse=True)
def _pack_small_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results travel packed from 1,000 rows; test partitions are smaller (not on real workers)."""
    monkeypatch.setattr(T, "PACK_MIN_ROWS", 0)


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> dict[str, Path]:
    """The same table as one CSV file and as a folder of four Parquet parts."""
    tmp = tmp_path_factory.mktemp("tables")
    df = _acled()
    csv_path = tmp / "acled.csv"
    df.to_csv(csv_path, index=False)
    parts = tmp / "parts"
    parts.mkdir()
    for k in range(4):
        df.iloc[k * 150:(k + 1) * 150].to_parquet(parts / f"part-{k:02d}.parquet", index=False)
    (parts / "_SUCCESS").write_text("")  # a marker file, skipped
    return {"csv": csv_path, "parts": parts}


@pytest.fixture(scope="module")
def reference(table):
    """The single-process path: read_incidents, then assign_control."""
    return assign_control(read_incidents(table["csv"]), date_column="date")


def _same(got, want) -> None:
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")),
                                  pd.DataFrame(want.drop(columns="geometry")))
    assert got.geometry.to_wkb().tolist() == want.geometry.to_wkb().tolist()
    assert got.crs == want.crs


def test_parquet_folder_dask_equals_single_process(table, reference) -> None:
    got = corpus_table(table["parts"], **SYNC)
    _same(got, reference)
    assert got.attrs == {"unmapped_columns": [], "layout": "acled"}
    assert "duplicate id 'SYR3' (first at row 4)" in got["check"].iloc[560]  # found across partitions
    _same(corpus_table(table["parts"]), reference)  # the local engine on a folder: the same parts, here


def test_csv_cut_in_byte_ranges_equals_single_process(table, reference) -> None:
    parts = T.table_parts(table["csv"], 4)
    assert len(parts) == 4 and parts[0].start == parts[0].header_end
    assert [p.end for p in parts[:-1]] == [p.start for p in parts[1:]]
    _same(corpus_table(table["csv"], partitions=4, **SYNC), reference)
    plain = corpus_table(table["csv"], partitions=3, assign=False, **SYNC)
    _same(plain, read_incidents(table["csv"]))


def test_cuts_never_fall_inside_a_quoted_field(tmp_path: Path) -> None:
    rows = [{"id": str(i), "place": "Raqqa", "notes": "a\n\"b\"\nc, d\n" * (i % 4)} for i in range(300)]
    path = tmp_path / "q.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    parts = T.table_parts(path, 9)
    assert len(parts) == 9
    got = pd.concat([T.read_part(p) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(got, pd.read_csv(path, dtype=str, keep_default_na=False))


def test_geoparquet_row_groups(tmp_path: Path) -> None:
    import geopandas as gpd

    df = _acled(200).drop(columns=["latitude", "longitude"]).iloc[:180]
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(38 + np.arange(180) * 0.01, 35.0 + np.zeros(180)), crs=4326)
    path = tmp_path / "acled.parquet"
    gdf.to_parquet(path, row_group_size=40)
    parts = T.table_parts(path, 3)  # five row groups of 40, 40, 40, 40 and 20 rows
    assert [p.row_groups for p in parts] == [(0, 1), (2,), (3, 4)]
    _same(corpus_table(path, partitions=3, **SYNC), corpus_table(path))


def test_a_workers_memo_does_not_change_what_a_partition_resolves_to(table, gz) -> None:
    parts = T.table_parts(table["parts"], 4)
    runs = []
    for order in (parts, parts[::-1]):  # a warm memo for different partitions each time
        T._MEMOS.clear()
        got = {p: T.incidents_part(p, None, gz, False, False, None).frame for p in order}
        runs.append([got[p] for p in parts])
    assert ("Sukhna", "SY", "Homs") in T._memo(gz).seen
    for a, b in zip(*runs):
        pd.testing.assert_frame_equal(a, b)
    assert "Sokhneh" in set(pd.concat(runs[0])["name"].dropna())


def test_errors_report_numbers_rows_of_the_whole_input(table, tmp_path: Path) -> None:
    want, got = tmp_path / "want.csv", tmp_path / "got.csv"
    read_incidents(table["csv"], errors=str(want))
    corpus_table(table["parts"], errors=str(got), assign=False, **SYNC)
    assert got.read_bytes() == want.read_bytes()
    rows = list(csv.DictReader(got.open(encoding="utf-8")))
    assert {"201", "301", "151", "561"} <= {r["row"] for r in rows}  # 200 and 560 are in partitions 2 and 4


def test_one_date_convention_for_the_whole_column(tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("date,place\n" + "03/04/2023,Raqqa\n" * 50 + "02/17/2023,Raqqa\n" * 50, encoding="utf-8")
    whole = read_incidents(path)
    assert whole["date"].iloc[0] == pd.Timestamp("2023-03-04")  # 02/17 shows the column is month first
    for got in (read_incidents(path, chunksize=10), corpus_table(path, partitions=4, assign=False, **SYNC)):
        pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")),
                                      pd.DataFrame(whole.drop(columns="geometry")))


def test_assign_table_equals_single_process_and_numbers_rows(table, tmp_path: Path) -> None:
    kw = {"date_column": "event_date", "lat_column": "latitude", "lon_column": "longitude",
          "place_column": "location", "strict": False}
    local = assign_table(table["csv"], **kw)
    assert len(local) == 600 and list(local.columns[-6:-5]) == ["geometry"]
    _same(assign_table(table["csv"], partitions=4, **kw, **SYNC), local)
    _same(assign_table(table["parts"], **kw, **SYNC), local)
    strict = {**kw, "strict": True}
    with pytest.raises(InputError, match=r"^row 201: cannot read date '2023-02-30'"):
        assign_table(table["parts"], **strict, **SYNC)
    parts = tmp_path / "parts"
    shutil.copytree(table["parts"], parts)
    bad = pd.read_parquet(parts / "part-03.parquet")
    bad.loc[bad.index[20], "latitude"] = "134.5"  # row 471, in the last partition
    bad.to_parquet(parts / "part-03.parquet", index=False)
    # coordinates are checked before dates, across partitions as in one piece
    with pytest.raises(InputError, match=r"^row 471: impossible coordinates lat='134.5'"):
        assign_table(parts, **strict, **SYNC)


def test_user_layers_on_top(table, tmp_path: Path) -> None:
    import pickle

    import geopandas as gpd
    from shapely.geometry import box

    from geo_incidents.control import default_layers, load_layers

    path = tmp_path / "mine.geojson"
    gpd.GeoDataFrame({"controller": ["ISIL"], "valid_from": ["2019-01-01"], "valid_to": ["2024-12-31"],
                      "source": ["test"], "confidence": ["low"]}, geometry=[box(38.9, 35.9, 39.1, 36.0)],
                     crs=4326).to_file(path)
    top = pickle.loads(pickle.dumps(load_layers(path, on_top_of=default_layers())))  # as a cluster ships it
    want = assign_control(read_incidents(table["csv"]), date_column="date", layers=top)
    assert (want["controller"] == "ISIL").sum() > 10
    _same(corpus_table(table["parts"], layers=top, **SYNC), want)


def test_resolve_names_dask_equals_local() -> None:
    names = ["Palmyra", "Hasakeh", "Palmyra", "Nowhereville", "", "الحسكة", "Hasakeh"]
    local = resolve_names(names, country="SY")
    assert local[0] is local[2] and local[3] is None
    got = resolve_names(names, country="SY", partitions=3, **SYNC)
    assert [m and m.to_dict() for m in got] == [m and m.to_dict() for m in local]


def test_bad_inputs(table, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    pd.DataFrame({"place": ["Raqqa"]}).to_parquet(mixed / "a.parquet")
    (mixed / "b.csv").write_text("place\nRaqqa\n", encoding="utf-8")
    with pytest.raises(InputError, match="mixes Parquet and CSV"):
        corpus_table(mixed, **SYNC)
    (mixed / "b.csv").unlink()
    pd.DataFrame({"town": ["Raqqa"]}).to_parquet(mixed / "c.parquet")
    with pytest.raises(InputError, match=r"c.parquet reads other columns \(town=place\) than .*a.parquet"):
        corpus_table(mixed, **SYNC)
    pd.DataFrame({"foo": ["Raqqa"]}).to_parquet(mixed / "c.parquet")
    with pytest.raises(InputError, match="cannot find a place or coordinates"):
        corpus_table(mixed, **SYNC)
    with pytest.raises(InputError, match="file not found"):
        corpus_table(tmp_path / "none", **SYNC)
    with pytest.raises(InputError, match="engine must be one of"):
        corpus_table(table["csv"], engine="spark")
    with pytest.raises(InputError, match="standard input"):
        assign_table(b"date,lat,lon\n", **SYNC)


@pytest.mark.parametrize("call", [
    lambda p: corpus_table(p, engine="dask"),
    lambda p: assign_table(p, engine="dask"),
    lambda p: resolve_names(["Raqqa"], engine="dask"),
])
def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, table, call) -> None:
    for mod in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, mod, None)  # an import of these now fails
    with pytest.raises(MissingDependency, match=r"geo-incidents\[dask\]"):
        call(table["csv"])


def test_places_resolved_in_shares_on_separate_workers_give_the_one_task_result(table, monkeypatch) -> None:
    """The cluster's three steps (type, resolve the distinct places in shares, locate), each
    on a "worker" with its own empty memo, equal one task per partition."""
    from geo_incidents.gazetteer import Gazetteer

    gz = Gazetteer.default()
    parts = T.table_parts(table["parts"], 4)
    for verify in (False, True):
        monkeypatch.setattr(T, "_MEMOS", {})
        want = [T.incidents_part(p, None, gz, verify, True, None) for p in parts]
        typed = [T.typed_part(p, None) for p in parts]
        places = pd.concat([T.wanted_places(t, verify) for t in typed], ignore_index=True).drop_duplicates()
        assert set(places["place"]) >= {"Sukhna", "Hasakeh", "Nowhereville"}
        assert verify == ("Palmyra" in set(places["place"]))  # rows with coordinates: verified only
        shares = []
        for k in range(2):
            monkeypatch.setattr(T, "_MEMOS", {})
            shares.append(T.resolve_places(places.iloc[k::2], gz))
        assert len(shares[0]) + len(shares[1]) == len(places)
        for t, w in zip(typed, want):
            monkeypatch.setattr(T, "_MEMOS", {})
            got = T.located_part(t, gz, verify, True, None, *shares)
            assert T._memo(gz).seen.keys() == shares[0].keys() | shares[1].keys()  # nothing resolved again
            pd.testing.assert_frame_equal(got.frame, w.frame)
            assert (got.located, got.converted) == (w.located, w.converted)
            assert got.id_hashes.tolist() == w.id_hashes.tolist()


def test_a_real_local_cluster_of_two_processes(table, reference) -> None:
    pytest.importorskip("distributed")
    _same(corpus_table(table["parts"], engine="dask", workers=2), reference)


def test_our_local_cluster_steals_no_work() -> None:
    """The table graph places its tasks itself: with work stealing on, the scheduler moved the
    short step listing a typed partition's places to the other worker, copying the partition,
    whose next step could then run there too (5 partitions against 3 on 2 workers)."""
    pytest.importorskip("distributed")
    from geo_incidents import corpus

    with corpus._dask(None, 2) as session:
        extensions = session.client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.extensions))
        assert len(session.client.nthreads()) == 2
    assert "stealing" not in extensions and "shuffle" in extensions  # (the list is the scheduler's own)


def test_our_local_cluster_leaves_port_8787_alone() -> None:
    """A user's own Dask dashboard (or another xdist worker's cluster) may hold 8787: the
    scheduler's HTTP server takes a free local port, with no "Port 8787 is already in use"."""
    pytest.importorskip("distributed")
    import socket
    import warnings

    from geo_incidents import corpus

    with socket.socket() as held, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            held.bind(("127.0.0.1", 8787))
            held.listen()
        except OSError:
            pass  # already held by someone else: the same situation
        with corpus._dask(None, 1) as session:
            assert session.client.submit(int, "2").result() == 2
    assert not [w for w in caught if "8787" in str(w.message)]


def test_partitions_are_located_on_the_worker_that_typed_them(table, reference, monkeypatch) -> None:
    """A typed partition does not travel: its located_part is sent to the worker holding it (the
    scheduler, not knowing how long located_part takes, moved some to even out the queues).
    The graph is built on a stand-in client that runs each task at once and records where it
    was asked to run."""
    pytest.importorskip("distributed")
    from geo_incidents import corpus
    from geo_incidents.gazetteer import Gazetteer

    class Future:
        def __init__(self, key: str, value) -> None:
            self.key, self.value = key, value

    class Client:
        def __init__(self) -> None:
            self.sent: list[tuple[str, tuple, object]] = []

        def submit(self, func, *args, pure=True, workers=None, allow_other_workers=False, **kwargs):
            value = func(*[a.value if isinstance(a, Future) else a for a in args], **kwargs)
            key = f"{func.__name__}-{len(self.sent)}"
            self.sent.append((key, tuple(a.key for a in args if isinstance(a, Future)), workers))
            return Future(key, value)

        def map(self, func, futures, **kwargs):
            return [self.submit(func, f, **kwargs) for f in futures]

        def gather(self, futures):
            return [f.value for f in futures]

        def who_has(self, futures):
            return {f.key: (f"tcp://worker-{k % 2}",) for k, f in enumerate(futures)}

    monkeypatch.setattr(corpus, "_as_completed", lambda distributed, futures: [f.value for f in futures])
    client = Client()
    parts = T.table_parts(table["parts"], 4)
    done = corpus._table_graph(corpus._Session(None, 2, None, client), parts, None, None, Gazetteer.default(),
                               False, True, None)
    _same(T.merge_incidents(done, True, None), reference)
    typed = [key for key, _deps, _w in client.sent if key.startswith("typed_part")]
    located = [(deps, workers) for key, deps, workers in client.sent if key.startswith("located_part")]
    assert len(located) == len(typed) == len(parts)
    for k, (deps, workers) in enumerate(located):
        assert deps[0] == typed[k] and workers == [f"tcp://worker-{k % 2}"]


def test_a_partition_tells_dask_its_size() -> None:
    from dask.sizeof import sizeof

    frame = pd.DataFrame({"x": np.arange(10_000, dtype="float64")})
    typed = T.TypedPart(frame, [], None, None, "part")
    assert sizeof(typed) >= 80_000  # the scheduler weighs where a task's inputs are by it
    done = T.IncidentsPart(frame, [], [], None, None, "part", [], None)
    assert sizeof(done) >= 80_000


def test_closing_a_session_in_the_background_keeps_order_and_errors() -> None:
    from geo_incidents.corpus import _Closing

    closed = []

    class Thing:
        def __init__(self, name: str, fail: bool = False) -> None:
            self.name, self.fail = name, fail

        def close(self) -> None:
            closed.append(self.name)
            if self.fail:
                raise RuntimeError(f"{self.name} would not close")

    closing = _Closing(Thing("client"), Thing("cluster"))
    closing.start()
    closing.start()  # once only
    closing.join()
    assert closed == ["client", "cluster"]
    with pytest.raises(RuntimeError, match="client would not close"):
        _Closing(Thing("client", fail=True), Thing("cluster")).join()  # join alone also closes


def test_the_local_clusters_workers_run_with_quiet_monitors_and_no_malloc_trim() -> None:
    pytest.importorskip("distributed")
    import os

    import dask

    from geo_incidents.corpus import _dask

    def seen() -> tuple:
        return (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"),
                dask.config.get("distributed.admin.tick.interval"),
                dask.config.get("distributed.worker.profile.enabled"))

    default_trim = dask.config.get("distributed.nanny.pre-spawn-environ")["MALLOC_TRIM_THRESHOLD_"]
    with _dask(None, 1) as session:
        got = list(session.client.run(seen).values())
    assert got == [(None, "1", "500ms", False)]  # Dask's other worker variables are kept
    # only our own cluster is configured: the caller's Dask settings are untouched
    assert dask.config.get("distributed.nanny.pre-spawn-environ")["MALLOC_TRIM_THRESHOLD_"] == default_trim
    assert dask.config.get("distributed.admin.tick.interval") != "500ms"


# --- the command line --------------------------------------------------------------------------

def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_assign_engine_dask_gives_the_local_output(table) -> None:
    runner = CliRunner()
    args = ["assign", str(table["csv"]), "--date-column", "event_date", "--lat-column", "latitude",
            "--lon-column", "longitude", "--place-column", "location", "--lenient"]
    local = _ok(runner.invoke(cli, args))
    assert len(local.splitlines()) == 600 + 1 + 1  # header, and one quoted newline
    assert _ok(runner.invoke(cli, args + ["--engine", "dask", "--scheduler", "synchronous"])) == local
    parts = [str(table["parts"])] + args[2:]
    assert _ok(runner.invoke(cli, ["assign", *parts, "--engine", "dask", "--scheduler", "synchronous"])) == local
    r = runner.invoke(cli, ["assign", *parts[:-1], "--engine", "dask", "--scheduler", "synchronous"])
    assert r.exit_code == 2 and r.output.startswith("Error: row 201: cannot read date") and "Traceback" not in r.output


def test_cli_resolve_table_engine_dask_gives_the_local_output(table) -> None:
    runner = CliRunner()
    args = ["resolve", str(table["csv"]), "--column", "location", "--format", "csv"]
    local = _ok(runner.invoke(cli, args))
    rows = list(csv.DictReader(io.StringIO(local)))
    assert len(rows) == 600 and {r["name"] for r in rows} >= {"Tadmor", "Sokhneh"}
    assert _ok(runner.invoke(cli, args + ["--engine", "dask", "--scheduler", "synchronous"])) == local


@pytest.mark.parametrize("args", [
    ["assign", "{csv}", "--engine", "dask"],
    ["resolve", "{csv}", "--column", "location", "--engine", "dask"],
    ["resolve", "Palmyra", "--engine", "dask"],
])
def test_cli_missing_dask_is_exit_4_in_one_line(monkeypatch: pytest.MonkeyPatch, table, args) -> None:
    for mod in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, mod, None)
    r = CliRunner().invoke(cli, [a.format(csv=table["csv"]) for a in args])
    assert r.exit_code == 4, r.output
    assert len(r.output.strip().splitlines()) == 1 and "geo-incidents[dask]" in r.output
    assert "Traceback" not in r.output


def test_cli_assign_dask_refuses_standard_input() -> None:
    r = CliRunner().invoke(cli, ["assign", "-", "--engine", "dask"], input="date,lat,lon\n2023-01-01,35,39\n")
    assert r.exit_code == 2 and "standard input" in r.output
