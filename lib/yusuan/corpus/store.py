"""The corpus of a `yusuan batch` run as data you can query: Parquet (partitioned by year) and DuckDB.

Layout of OUT (the batch's output folder)::

    OUT/<doc_id>/                       each document's files (tables/*.csv, tidy.csv, findings.csv, …)
    OUT/parquet/figures/year=YYYY/<doc_id>.parquet       every printed figure, typed (see FIGURES below)
    OUT/parquet/findings/year=YYYY/<doc_id>.parquet      every check of every document
    OUT/parquet/key_figures/year=YYYY/<doc_id>.parquet   the key figures (三公经费, 基本支出 …) of each
    OUT/corpus.duckdb                   tables documents, figures, findings, key_figures, failures and the views
                                        three_public, by_function, basic_vs_project, changes
    OUT/corpus_index.csv, OUT/corpus_failures.csv        the documents / failures tables as CSV

The Parquet fragments of a document are written by the worker that read it (``write_fragments``), each
atomically; ``sync`` brings corpus.duckdb up to date with the manifest in one transaction, loading only the
documents that are new or were redone and dropping those no longer in the folder, so adding ten documents
to ten thousand loads ten.  ``year`` is the disclosure's fiscal year; ``column_year`` the year a printed
column refers to (last year's 执行数 in a 2026 budget has column_year 2025).

``amount_wan`` is every amount in 万元 (元 ÷ 10 000, 亿元 × 10 000), beside the printed ``value`` and ``unit``;
percentages, rates, scores and counts printed in a money table (增减(%), 执行率, 人数 …) get NULL.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from yusuan.base import paths

PARQUET = "parquet"
DATABASE = "corpus.duckdb"
DATASETS = ("figures", "findings", "key_figures")

# how many 万元 one printed unit is
PER_WAN = {"元": 1e-4, "千元": 0.1, "万元": 1.0, "百万元": 100.0, "亿元": 1e4}
# a column (or row) of a money table that is not money: percentages, rates, scores, counts
_NOT_MONEY = re.compile(r"%|％|百分比|比重|占比|分值|得分|权重|人数|人次|数量|[（(](辆|人|个|台|套|次|项)[)）]|个数|台数|"
                        r"行次|序号|率(?=$|\s|/|[（(])")

FIGURE_COLUMNS = ["doc_id", "publisher", "department", "kind", "table", "page", "row", "section", "code", "item",
                  "column", "value", "unit", "amount_wan", "stage", "column_year"]
FINDING_COLUMNS = ["doc_id", "publisher", "department", "kind", "check", "status", "severity", "table", "row",
                   "column", "page", "stated", "computed", "difference", "unit", "subject", "sentence", "reason",
                   "message", "confidence", "readings"]
KEY_FIGURE_COLUMNS = ["doc_id", "publisher", "department", "kind", "key", "name", "value", "unit", "amount_wan",
                      "status", "stage", "column_year", "table", "page"]
# where the publisher sits (yusuan.vocab.divisions.Place) and what it is (meta.json's fields of yusuan.steps.names)
PLACE_COLUMNS = ["province", "city", "county", "township", "level", "unit_level", "division_code", "department_code"]
DOCUMENT_COLUMNS = ["doc_id", "department", "publisher", "region", *PLACE_COLUMNS, "year", "kind", "pages", "tables",
                    "empty_tables", "figures", "findings", "mismatches", "status", "missing_tables", "stage", "reason",
                    "file", "companion_file", "previous_doc_id", "sha256", "yusuan_version"]
# documents.status of a document read (yusuan.steps.extract.STATUSES); the others are "not a disclosure" (a
# look-alike: ``reason`` says what it is) and "failed".  The views count complete documents; their *_all twins
# every document read, with its status.
READ_STATUSES = ("complete", "incomplete", "explanation only", "supplementary tables only")
COMPLETE = "complete"
FAILURE_COLUMNS = ["file", "sha256", "stage", "reason"]


def department(publisher: str | None) -> str | None:
    """The publisher without the scope its cover prints in brackets at the end ((部门), （本级）, （汇总）: names.yml
    ``scopes``): the key that pairs a department's disclosures across years (``pair_years``)."""
    if not publisher:
        return publisher
    from yusuan.vocab import names_words

    scopes = names_words()["scopes"]
    return re.sub(rf"(?:{scopes.pattern})$", "", publisher.strip()).strip()


def pair_years(ident: dict) -> dict:
    """{key: identity} → {key: the key of the same department's closest earlier disclosure of the same kind}:
    the rule that pairs a department's years (`yusuan report` over PDFs, `yusuan batch` over a corpus).
    An identity is {"publisher", "kind", "year"} (``extract.identity``); one without publisher or year, or
    with an "error", is not paired.  Of two disclosures of the closest earlier year the larger key is taken.
    Grouped by (department, kind) and sorted by year: O(n log n), so 100,000 identities pair in a second."""
    from collections import defaultdict

    groups: dict = defaultdict(list)
    for key, i in ident.items():
        if i.get("publisher") and i.get("year") and not i.get("error"):
            groups[(department(i["publisher"]), i.get("kind"))].append((int(i["year"]), key))
    out = {}
    for members in groups.values():
        members.sort()
        year = before = last = None
        for y, key in members:
            if y != year:  # the last member of the earlier years: the closest earlier, larger key on a tie
                year, before = y, last
            if before is not None:
                out[key] = before[1]
            last = (y, key)
    return out


def region(publisher: str | None, year: int | None = None) -> str | None:
    """Where a publisher sits, highest division first, from its name and the list of administrative divisions
    (yusuan.vocab.divisions): 上海市普陀区… → 上海市普陀区, 深圳市统计局 → 广东省深圳市, 中共重庆市委宣传部 →
    重庆市, 江苏省高级人民法院 → 江苏省; 中央 for a central department (国家信访局), None when the name carries
    none."""
    return place(publisher, year)["region"]


def place(publisher: str | None, year: int | None = None) -> dict:
    """{"region", *PLACE_COLUMNS} of a publisher from its name alone (yusuan.vocab.divisions.place_of; unit_level
    and department_code None): for a document that failed before its meta.json was written."""
    from yusuan.vocab.divisions import place_of

    p = place_of(publisher, year).as_dict()
    out = {c: p.get(c) for c in PLACE_COLUMNS}
    out["region"] = p["region"]
    return out


def amount_wan(value, unit: str, column: str = "", item: str = "") -> float | None:
    """A printed value in 万元, or None when it is not an amount of money (a percentage, a count) or the unit
    is unknown."""
    factor = PER_WAN.get((unit or "").strip())
    if factor is None or _NOT_MONEY.search(column or "") or re.search(r"[（(](%|％)[)）]|人数$", item or ""):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return round(v * factor, 6)


# ------------------------------------------------------------------ one document's fragments (in the worker)

def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ints(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.replace("", None), errors="coerce").astype("Int64")


def _floats(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.replace("", None), errors="coerce").astype("float64")


def document_frames(folder: Path) -> dict[str, pd.DataFrame]:
    """The figures, findings and key figures of one processed document folder, typed, with the document's
    publisher, department and kind on every row (FIGURE_COLUMNS, FINDING_COLUMNS, KEY_FIGURE_COLUMNS)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    who = meta.get("publisher") or None
    common = {"doc_id": meta["doc_id"], "publisher": who, "department": department(who), "kind": meta.get("kind")}

    t = _read(folder / "tidy.csv")
    fig = pd.DataFrame({k: pd.Series([v] * len(t), dtype="string") for k, v in common.items()})
    for c in ["table", "section", "code", "item", "column", "value", "unit", "stage"]:
        fig[c] = t.get(c, pd.Series([""] * len(t))).astype("string").values
    fig["page"] = _ints(t.get("page", pd.Series([""] * len(t)))).values
    fig["row"] = _ints(t.get("row", pd.Series([""] * len(t)))).values
    fig["column_year"] = _ints(t.get("year", pd.Series([""] * len(t)))).values
    fig["amount_wan"] = pd.array([amount_wan(v, u, c, i) for v, u, c, i in
                                  zip(fig["value"], fig["unit"], fig["column"], fig["item"])], dtype="Float64")

    f = _read(folder / "findings.csv")
    fnd = pd.DataFrame({k: pd.Series([v] * len(f), dtype="string") for k, v in common.items()})
    for c in FINDING_COLUMNS[4:]:
        col = f.get(c, pd.Series([""] * len(f)))
        if c in ("row", "page"):
            fnd[c] = _ints(col).values
        elif c in ("stated", "computed", "difference"):
            fnd[c] = _floats(col).values
        else:
            fnd[c] = col.astype("string").values

    k = _read(folder / "key_figures.csv")
    kf = pd.DataFrame({c: pd.Series([v] * len(k), dtype="string") for c, v in common.items()})
    for c in ["key", "name", "value", "unit", "status", "stage", "table"]:
        kf[c] = k.get(c, pd.Series([""] * len(k))).astype("string").values
    kf["page"] = _ints(k.get("page", pd.Series([""] * len(k)))).values
    kf["column_year"] = _ints(k.get("year", pd.Series([""] * len(k)))).values
    kf["amount_wan"] = pd.array([amount_wan(v, u) if v else None for v, u in zip(kf["value"], kf["unit"])],
                                dtype="Float64")
    return {"figures": fig[FIGURE_COLUMNS], "findings": fnd[FINDING_COLUMNS], "key_figures": kf[KEY_FIGURE_COLUMNS]}


def _partition(year) -> str:
    return f"year={int(year)}" if year else "year=0"


def write_fragments(folder: Path, out: Path) -> dict[str, int]:
    """Write OUT/parquet/<dataset>/year=YYYY/<doc_id>.parquet for one processed document (each atomically;
    a fragment of the same document under another year is removed).  Returns the row counts."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    doc_id, part = meta["doc_id"], _partition(meta.get("year"))
    counts = {}
    for name, frame in document_frames(folder).items():
        base = Path(out) / PARQUET / name
        dest = base / part / f"{doc_id}.parquet"
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{doc_id}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        try:
            frame.to_parquet(tmp, index=False)
            paths.honour_umask(tmp)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for other in base.glob(f"year=*/{doc_id}.parquet"):
            if other != dest:
                other.unlink(missing_ok=True)
        counts[name] = len(frame)
    return counts


def fragments(out: Path, doc_id: str) -> dict[str, Path | None]:
    """The Parquet fragment of each dataset of one document (None if absent)."""
    return {name: next((Path(out) / PARQUET / name).glob(f"year=*/{doc_id}.parquet"), None) for name in DATASETS}


def prune(out: Path, keep: set[str]) -> int:
    """Remove the fragments of documents not in ``keep`` (files gone from the folder, superseded content)."""
    n = 0
    for name in DATASETS:
        for p in (Path(out) / PARQUET / name).glob("year=*/*.parquet"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)
                n += 1
    return n


# ------------------------------------------------------------------ the database

_TABLES = {
    "figures": """doc_id VARCHAR, publisher VARCHAR, department VARCHAR, kind VARCHAR, "table" VARCHAR,
        page INTEGER, "row" INTEGER, section VARCHAR, code VARCHAR, item VARCHAR, "column" VARCHAR, value VARCHAR,
        unit VARCHAR, amount_wan DOUBLE, stage VARCHAR, column_year INTEGER, year INTEGER""",
    "findings": """doc_id VARCHAR, publisher VARCHAR, department VARCHAR, kind VARCHAR, "check" VARCHAR,
        status VARCHAR, severity VARCHAR, "table" VARCHAR, "row" INTEGER, "column" VARCHAR, page INTEGER,
        stated DOUBLE, computed DOUBLE, difference DOUBLE, unit VARCHAR, subject VARCHAR, sentence VARCHAR,
        reason VARCHAR, message VARCHAR, confidence VARCHAR, readings VARCHAR, year INTEGER""",
    "key_figures": """doc_id VARCHAR, publisher VARCHAR, department VARCHAR, kind VARCHAR, key VARCHAR,
        name VARCHAR, value VARCHAR, unit VARCHAR, amount_wan DOUBLE, status VARCHAR, stage VARCHAR,
        column_year INTEGER, "table" VARCHAR, page INTEGER, year INTEGER""",
}

# the ready tables: views over the tables, so they are never stale.  Each counts complete documents (documents.status
# = 'complete': every statutory table printed), so that a total is not made of half-disclosures; its twin
# <name>_all counts every document read and says each one's status.  {only} is where the filter goes.
_VIEW_SQL = {
    # 三公经费 (the "三公" table's total, from each document's key figures) by department and year
    "three_public": """
        SELECT d.department, d.region, d.year, d.kind, k.stage, k.amount_wan, k.value, k.unit,
               k.status AS checked, d.status AS document_status, d.doc_id
        FROM key_figures k JOIN documents d USING (doc_id)
        WHERE k.key = 'three_public' AND k.value <> '' {only}""",
    # spending per function class (类, a 3-digit code) per document: the row total of the 支出总表
    # (expenditure), else of the 一般公共预算支出表, in the document's own year
    "by_function": """
        WITH rows AS (
            SELECT f.doc_id, f."table", f.code, any_value(f.item) AS item, max(f.amount_wan) AS amount_wan
            FROM figures f
            WHERE f."table" IN ('expenditure', 'general_budget_expenditure') AND regexp_matches(f.code, '^[0-9]{3}$')
              AND f.amount_wan IS NOT NULL AND (f.column_year IS NULL OR f.column_year = f.year)
              AND NOT regexp_matches(f."column", '增减|变动|比上年|上年')
            GROUP BY f.doc_id, f."table", f.code),
        pick AS (SELECT doc_id, min("table") AS "table" FROM rows GROUP BY doc_id)
        SELECT d.department, d.region, d.year, d.kind, r.code, regexp_replace(r.item, '^[0-9]+\\s*', '') AS class,
               r.amount_wan, r."table", d.status AS document_status, d.doc_id
        FROM rows r JOIN pick p USING (doc_id, "table") JOIN documents d USING (doc_id)
        WHERE TRUE {only}""",
    # 基本支出 (running costs) against 项目支出 (projects), per document
    "basic_vs_project": """
        SELECT d.department, d.region, d.year, d.kind,
               max(k.amount_wan) FILTER (WHERE k.key = 'basic') AS basic_wan,
               max(k.amount_wan) FILTER (WHERE k.key = 'project') AS project_wan,
               max(k.amount_wan) FILTER (WHERE k.key = 'expenditure') AS expenditure_wan,
               round(basic_wan / nullif(basic_wan + project_wan, 0), 4) AS basic_share,
               d.status AS document_status, d.doc_id
        FROM documents d JOIN key_figures k USING (doc_id)
        WHERE TRUE {only}
        GROUP BY d.department, d.region, d.year, d.kind, d.status, d.doc_id""",
}


def _changes_sql(by_function: str = "by_function") -> str:
    """Each function class's change per department: this disclosure against the previous year's of the same
    department and kind (documents.previous_doc_id, paired by the batch), both from ``by_function`` (the view
    of complete documents, or by_function_all)."""
    # a class present in only one of the two years still shows (NULL on the other side)
    return f"""
        WITH pairs AS (SELECT d.doc_id, d.previous_doc_id, d.department, d.region, d.kind, d.year,
                              p.year AS previous_year
                       FROM documents d JOIN documents p ON p.doc_id = d.previous_doc_id),
        cur AS (SELECT b.* FROM {by_function} b JOIN pairs USING (doc_id)),
        prev AS (SELECT b.*, pairs.doc_id AS later FROM {by_function} b JOIN pairs ON b.doc_id = pairs.previous_doc_id),
        both_ AS (SELECT coalesce(cur.doc_id, prev.later) AS doc_id, coalesce(cur.code, prev.code) AS code,
                         coalesce(cur.class, prev.class) AS class, cur.amount_wan, prev.amount_wan AS previous_wan
                  FROM cur FULL JOIN prev ON prev.later = cur.doc_id AND prev.code = cur.code)
        SELECT p.department, p.region, p.kind, p.year, p.previous_year, b.code, b.class, b.amount_wan,
               b.previous_wan, round(coalesce(b.amount_wan, 0) - coalesce(b.previous_wan, 0), 6) AS change_wan,
               round(100 * (b.amount_wan - b.previous_wan) / nullif(b.previous_wan, 0), 2) AS change_pct,
               p.doc_id, p.previous_doc_id
        FROM both_ b JOIN pairs p USING (doc_id)"""


VIEWS = {}
for _name, _sql in _VIEW_SQL.items():
    VIEWS[_name] = _sql.replace("{only}", f"AND d.status = '{COMPLETE}'")
    VIEWS[f"{_name}_all"] = _sql.replace("{only}", "")
VIEWS["changes"] = _changes_sql("by_function")
VIEWS["changes_all"] = _changes_sql("by_function_all")


def connect(out: Path, read_only: bool = True):
    """A DuckDB connection to OUT/corpus.duckdb (read-only by default: any number of readers at once)."""
    import duckdb

    return duckdb.connect(str(Path(out) / DATABASE), read_only=read_only)


def sync(out: Path, documents: pd.DataFrame, failures: pd.DataFrame, stamps: dict[str, str]) -> dict[str, int]:
    """Bring OUT/corpus.duckdb up to date, in one transaction: ``documents`` (DOCUMENT_COLUMNS, every file of
    the folder) and ``failures`` (FAILURE_COLUMNS) replace their tables; the rows of figures, findings and
    key_figures are loaded from the Parquet fragments for the documents whose ``stamps`` (doc_id → a mark
    that changes when the document is redone) are new or changed, and dropped for documents no longer there.
    A run killed midway leaves the database as it was (DuckDB rolls the transaction back)."""
    import duckdb

    out = Path(out)
    con = duckdb.connect(str(out / DATABASE))
    try:
        con.execute("BEGIN TRANSACTION")
        for name, cols in _TABLES.items():
            con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
        con.execute("CREATE TABLE IF NOT EXISTS _loaded (doc_id VARCHAR PRIMARY KEY, stamp VARCHAR)")
        loaded = dict(con.execute("SELECT doc_id, stamp FROM _loaded").fetchall())
        stale = [d for d, s in loaded.items() if stamps.get(d) != s]
        fresh = [d for d, s in stamps.items() if loaded.get(d) != s]
        if stale:
            con.execute("CREATE TEMP TABLE _stale AS SELECT unnest($1::VARCHAR[]) AS doc_id", [stale])
            for name in list(_TABLES) + ["_loaded"]:
                con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT doc_id FROM _stale)")
            con.execute("DROP TABLE _stale")
        for name in _TABLES:
            files = [str(p) for d in fresh if (p := fragments(out, d)[name]) is not None]
            for i in range(0, len(files), 500):
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM read_parquet($1, hive_partitioning = true, "
                            "union_by_name = true)", [files[i:i + 500]])
        if fresh:
            con.executemany("INSERT INTO _loaded VALUES (?, ?)", [(d, stamps[d]) for d in fresh])
        docs = documents.reindex(columns=DOCUMENT_COLUMNS)
        fails = failures.reindex(columns=FAILURE_COLUMNS)
        con.register("_docs", docs)
        con.register("_fails", fails)
        places = "".join(f"{c}::VARCHAR AS {c}, " for c in PLACE_COLUMNS)
        con.execute(f"""CREATE OR REPLACE TABLE documents AS SELECT doc_id::VARCHAR AS doc_id,
            department::VARCHAR AS department, publisher::VARCHAR AS publisher, region::VARCHAR AS region, {places}
            year::INTEGER AS year, kind::VARCHAR AS kind, pages::INTEGER AS pages, tables::INTEGER AS tables,
            empty_tables::INTEGER AS empty_tables, figures::INTEGER AS figures, findings::INTEGER AS findings,
            mismatches::INTEGER AS mismatches, status::VARCHAR AS status, missing_tables::VARCHAR AS missing_tables,
            stage::VARCHAR AS stage,
            reason::VARCHAR AS reason, file::VARCHAR AS file, companion_file::VARCHAR AS companion_file,
            previous_doc_id::VARCHAR AS previous_doc_id, sha256::VARCHAR AS sha256,
            yusuan_version::VARCHAR AS yusuan_version FROM _docs ORDER BY file""")
        con.execute("""CREATE OR REPLACE TABLE failures AS SELECT file::VARCHAR AS file, sha256::VARCHAR AS sha256,
            stage::VARCHAR AS stage, reason::VARCHAR AS reason FROM _fails ORDER BY file""")
        con.unregister("_docs")
        con.unregister("_fails")
        for name, sql in VIEWS.items():
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
        counts = {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in _TABLES}
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    finally:
        con.close()
    return {**counts, "loaded": len(fresh), "dropped": len(set(stale) - set(fresh))}


def schema(out: Path) -> str:
    """The tables and views of OUT/corpus.duckdb with their columns, as text."""
    con = connect(out)
    try:
        rows = con.execute("""SELECT table_name, string_agg(column_name || ' ' || data_type, ', '
                              ORDER BY ordinal_position) FROM information_schema.columns
                              WHERE NOT starts_with(table_name, '_') GROUP BY table_name ORDER BY table_name""").fetchall()
    finally:
        con.close()
    return "\n".join(f"{t}({c})" for t, c in rows)
