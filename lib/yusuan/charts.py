"""Charts of one disclosure (or two), in the house style, from the tidy frame — charts a newsroom can publish.

Every chart reads the tidy DataFrame of a disclosure (one row per printed number, values as printed strings,
with the ``stage`` and ``year`` each figure's column prints) and its meta.json dict.  :func:`make` returns a
:class:`Chart`: the article figure (6.4 in wide, for a 640 px column), its title, a one-sentence takeaway in
Chinese (department, year, stage: used as the image's alt text), and ``data`` — a DataFrame of exactly what is
plotted (label, value, unit, and share / series / stage / year / source where relevant).  ``Chart.narrow()`` draws
the mobile variant (3.8 in, larger text relative to the picture).  A chart that cannot be drawn, or would say
nothing (one bar), comes back with ``figure`` None and ``reason`` set; :func:`make` never raises for a document's
data.

The rules (each from the issue the newsroom raised; the words are data, in charts.yml, stages.yml, words.yml):

- the department (meta ``publisher``) is in every title, with the stage of the plotted figures (预算 / 决算 …,
  the tidy ``stage`` of the column plotted); a final account's charts read its 决算 columns;
- amounts are shown in 亿元 when the chart's largest is at least 1亿元, else in 万元 (tables in 元 converted), two
  decimals; axis, bar labels, subtitle and CSV all use the unit shown;
- no total bar beside its parts (totals go in the subtitle), no one-bar chart; the economic chart is two panels,
  amounts (in the unit shown) and shares (in %), each on its own axis; the "三公" chart shows this year's figures
  beside the other column the table prints (the budget beside a 决算, last year beside this year);
- colours: Okabe–Ito (style.py): blue / orange / sky, grey for remainders; no red–green pair anywhere.

    c = make("function", tidy, meta)      # → Chart(name, figure, sentence, reason, title, data)
    draw_all(tidy, meta, doc_id)          # → {name: PNG Path | reason}; also .svg, .csv, -narrow.png, charts.json
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

import pandas as pd
import yaml

from . import paths, style
from .catalogue import (class_codes, former_class_names, header_stage, header_year, personnel_classes, stage_words,
                        words)
from .numbers import parse_number

__all__ = [
    "CHARTS", "Chart", "NoData", "Scale", "make", "draw_all", "save", "png_bytes", "write_csv", "doc_stage",
    "spending_by_function", "largest_function_detail", "basic_vs_project", "economic_classification",
    "revenue_by_source", "three_public", "projects_by_unit", "year_over_year",
    "function_classes", "function_shares", "three_public_data", "projects_data", "yoy_data",
]


class NoData(Exception):
    """This chart cannot be drawn for this document; str(exc) says why."""


@lru_cache(maxsize=1)
def config() -> dict:
    """charts.yml: units, titles and chart words (see the file for their source)."""
    return yaml.safe_load(resources.files("yusuan").joinpath("charts.yml").read_text(encoding="utf-8"))


def _w(key: str, **kw) -> str:
    text = config()["words"][key]
    return text.format(**kw) if kw else text


# ------------------------------------------------------------------ classification names

# 政府收支分类科目: the 类 of 支出功能分类 and of the two 经济分类, with the names of earlier years — read from
# classes.yml, the one place they are defined (catalogue.class_codes)
FUNCTION_CLASSES = class_codes("function_classes")
_CLASS_BY_NAME = {**{v: k for k, v in FUNCTION_CLASSES.items()}, **former_class_names("function_classes")}
ECONOMIC_CODES = {**class_codes("economic_classes"), **class_codes("government_economic_classes")}
ECONOMIC_CLASSES = list(dict.fromkeys(ECONOMIC_CODES.values()))
_PERSONNEL_ECON = {ECONOMIC_CODES[c] for w in ("economic_classes", "government_economic_classes")
                   for c in personnel_classes(w)}
_WAGES = {ECONOMIC_CODES[c] for c in ("301", "501")}  # 工资福利支出 / 机关工资福利支出
_ECON_IN_ITEM = re.compile(r"(?:^|/\s*)(3\d{2})\d{2,4}\s*[-－—]")

TOTAL_ITEMS = {"合计", "总计", "支出总计", "收入总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "小计",
               "本年支出", "本年收入"}
_TOTAL_SEGS = ("合计", "总计", "支出总计", "收入总计", "小计", "预算数")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
_FUNDING_SEGS = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金")


def doc_stage(meta: dict) -> str:
    """The stage a disclosure reports (预算 for a budget, 决算 for final accounts): its kind ("部门决算") read with
    the stage words of stages.yml (catalogue.header_stage); "" when the kind names none."""
    return header_stage([str(meta.get("kind") or "")])




def _norm(item: str) -> str:
    """An item without its list numbering and spaces: '一、一般公共服务支出' → '一般公共服务支出'."""
    s = _NUMBERING.sub("", str(item or "")).replace(" ", "").replace("\u3000", "")
    return s.replace("(", "（").replace(")", "）")


def _total_mask(r: pd.DataFrame) -> pd.Series:
    """Rows that print a table's total: 合计/总计, or a unit row with no item (深圳: the 预算单位 line)."""
    named = pd.Series([_is_total(i) for i in r["item"]], index=r.index, dtype=bool)
    return named | ((r["item"] == "") & (r["section"] != "") & (r["code"] == ""))


def _is_total(item: str) -> bool:
    s = _norm(item)
    return s in TOTAL_ITEMS or bool(re.fullmatch(r"(本年)?(收入|支出)?(合计|总计)", s))


# ------------------------------------------------------------------ reading the tidy frame

def _num(s) -> float | None:
    v = parse_number(s)
    return None if v is None else float(v)


def _table(tidy: pd.DataFrame, key: str, meta: dict | None = None) -> pd.DataFrame:
    """The rows of one table with ``v`` (the printed value as float) and ``stage`` / ``year`` as strings: from the
    tidy frame's columns, or (older processed data without them) read from each column's header with the words of
    stages.yml, defaulting to the disclosure's stage and year."""
    t = tidy[tidy["table"] == key].copy()
    t["v"] = [_num(s) for s in t["value"]]
    t = t[t["v"].notna()]
    meta = meta or {}
    year = meta.get("year")
    if "stage" not in t.columns:
        t["stage"] = [header_stage(_segs(c)) or doc_stage(meta) for c in t["column"]]
    if "year" not in t.columns:
        t["year"] = [header_year(_segs(c), year) or year or "" for c in t["column"]]
    t["stage"] = t["stage"].fillna("").astype(str)
    t["year"] = [str(y).split(".")[0] if str(y) not in ("", "nan", "None") else "" for y in t["year"]]
    return t


def _main_cols(t: pd.DataFrame, cols: list[str], meta: dict) -> list[str]:
    """Of a table's columns, those of the figures the disclosure reports: its stage (a final account's 决算 columns,
    not the budget printed beside them; a budget's 预算 columns, not last year's 执行), then its year (not 上年结转);
    all of them when none is marked so."""
    if t.empty or not cols:
        return cols
    first = t.drop_duplicates("column").set_index("column")
    stage, year = doc_stage(meta), str(meta.get("year") or "")
    for field_, want in (("stage", stage), ("year", year)):
        keep = [c for c in cols if c in first.index and first.at[c, field_] == want]
        if want and keep:
            cols = keep
    return cols


def _stage_year(t: pd.DataFrame, cols: list[str], meta: dict) -> tuple[str, str]:
    """The stage and year of the figures read from `cols` (the most frequent), else the disclosure's."""
    sub = t[t["column"].isin(cols)] if len(t) else t
    stage = sub["stage"].mode().iloc[0] if len(sub) and (sub["stage"] != "").any() else doc_stage(meta)
    year = sub["year"].mode().iloc[0] if len(sub) and (sub["year"] != "").any() else str(meta.get("year") or "")
    return stage or doc_stage(meta), year


def _columns(t: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(t["column"]))


def _segs(col: str) -> list[str]:
    return [s.strip() for s in str(col).split(" / ")]


def _total_col(cols: list[str]) -> str | None:
    for c in cols:
        segs = _segs(c)
        if segs[-1] in _TOTAL_SEGS or re.fullmatch(r"(20\d\d年)?(预算数?)?(合计|总计)", segs[-1]) \
                or (len(segs) == 1 and re.fullmatch(r"20\d\d年(预算数?)?", segs[0])):
            if not any(f in segs[-1] for f in _FUNDING_SEGS):
                return c
    return cols[0] if cols else None


def _cols_with(cols: list[str], word: str) -> list[str]:
    """The columns that carry `word` (e.g. 基本支出); when a group of them has a 小计/合计, only that one."""
    hit = [c for c in cols if any(word in s for s in _segs(c))]
    whole = [c for c in hit if _segs(c)[-1].startswith(word) or (word in c and _segs(c)[-1] in _TOTAL_SEGS)]
    return whole[:1] if whole else hit


def _rows(t: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """One line per printed row: page, row, section, code, item and the sum of `cols`."""
    sub = t[t["column"].isin(cols)]
    if sub.empty:
        return pd.DataFrame(columns=["page", "row", "section", "code", "item", "v", "stage", "year"])
    g = sub.groupby(["page", "row"], sort=False)
    out = g.agg(section=("section", "first"), code=("code", "first"), item=("item", "first"), v=("v", "sum"),
                stage=("stage", "first"), year=("year", "first")).reset_index()
    out["_order"] = [(int(p), int(r)) for p, r in zip(out["page"], out["row"])]
    return out.sort_values("_order").drop(columns="_order").reset_index(drop=True)


def _pages(t: pd.DataFrame, meta: dict, key: str) -> list[int]:
    for m in meta.get("tables", []):
        if m.get("key") == key and m.get("pages"):
            return [int(p) for p in m["pages"]]
    return sorted({int(p) for p in t["page"]}) if len(t) else []


def _table_title(meta: dict, key: str) -> str:
    for m in meta.get("tables", []):
        if m.get("key") == key:
            return m.get("title") or key
    return key


def _page_text(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return _w("page", pages=pages[0])
    if pages == list(range(pages[0], pages[-1] + 1)):
        return _w("page", pages=f"{pages[0]}–{pages[-1]}")
    return _w("page", pages="、".join(map(str, pages)))


def source_line(meta: dict, key: str, pages: list[int] | None = None, extra: str = "") -> str:
    """来源：<department>《<year>年<kind>公开》「<the table's printed title>」，第 n 页[；extra]."""
    who = meta.get("publisher") or meta.get("file") or "?"
    year = meta.get("year")
    kind = meta.get("kind") or ""
    pages = pages if pages is not None else _pages(pd.DataFrame(columns=["page"]), meta, key)
    head = f"{_w('source')}：{who}《{_w('year', year=year) if year else ''}{kind}公开》"
    table = f"「{_table_title(meta, key)}」"
    where = _page_text(pages)
    return f"{head}{table}{('，' + where) if where else ''}{('；' + extra) if extra else ''}"


# ------------------------------------------------------------------ units

@dataclass
class Scale:
    """How printed amounts are shown: divide a printed amount by ``factor``, label with ``unit`` (charts.yml: 亿元
    from 1亿元, else 万元); ``note`` says when the table printed another unit."""
    unit: str
    factor: float = 1.0
    note: str = ""
    decimals: int = 2

    def label(self) -> str:
        return f"{_w('amount')}（{self.unit}）"

    def show(self, printed: float) -> float:
        """A printed amount in the unit shown (rounded to 6 decimals: the number plotted and written to the CSV)."""
        return round(float(printed) / self.factor, 6)

    def fmt(self, shown: float) -> str:
        return _fmt(shown, self.decimals)

    def text(self, printed: float) -> str:
        """A printed amount as the chart writes it, with its unit: '2.06 亿元'."""
        return f"{self.fmt(self.show(printed))} {self.unit}"


def _yuan(unit: str) -> float | None:
    """How many 元 one printed unit is (charts.yml units), None for a unit not known there."""
    return config()["units"].get(unit)


def _scale(units: set[str], values, decimals: int | None = None) -> Scale:
    """The unit a chart shows its amounts in: one printed unit converted to 亿元 when the largest amount is at
    least 1亿元, else to 万元 (charts.yml ``show``); a missing or mixed unit is shown as printed."""
    conf = config()
    units = {u for u in units if u}
    dec = conf["show"]["decimals"] if decimals is None else decimals
    if len(units) != 1:
        return Scale("/".join(sorted(units)) if units else _w("unit_missing"), 1.0, "", dec)
    printed = next(iter(units))
    per = _yuan(printed)
    if per is None:
        return Scale(printed, 1.0, "", dec)
    big = max((abs(float(v)) for v in values), default=0.0) * per
    large, default = conf["show"]["large"], conf["show"]["default"]
    shown = large if big >= conf["units"][large] else default
    note = _w("converted", printed=printed, shown=shown) if shown != printed else ""
    return Scale(shown, conf["units"][shown] / per, note, dec)


def _fmt(v: float, decimals: int = 2) -> str:
    """Fixed decimals throughout, as the disclosures print 万元 (mixed precision reads as sloppy); a non-zero amount
    too small for them reads '<0.01', never '0.00'."""
    tiny = 0.5 * 10 ** -decimals
    if v and abs(v) < tiny:
        return f"<{10 ** -decimals:.{decimals}f}" if v > 0 else f"−<{10 ** -decimals:.{decimals}f}"
    return f"{v:,.{decimals}f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 2) if whole else float("nan")


def _short(s: str, n: int = 16) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass
class Functions:
    """The 类 (and their 款/项) of one function-classified table, with the column(s) summed."""
    key: str
    pages: list[int]
    unit: set[str]
    classes: pd.DataFrame          # code, name, v, and for each class its children rows
    children: dict[str, pd.DataFrame]  # class code/name → 款 rows (code, name, v)
    grandchildren: dict[str, pd.DataFrame]  # 款 code/name → 项 rows
    total: float
    basic: pd.DataFrame | None = None   # per class: basic, project
    totals_bp: tuple[float, float] | None = None
    kid_level: str = "款"  # "项" when only 项 rows were printed under the 类
    stage: str = ""        # the stage and year of the column read (tidy stage / year)
    year: str = ""


_FUNCTION_TABLES = ("general_budget_expenditure", "expenditure")


def _class_code(item: str, code: str) -> str | None:
    if code and len(code) == 3 and code.startswith("2"):
        return code
    return _CLASS_BY_NAME.get(_norm(item))


def _split_by_sums(rows: list[tuple[str, str, float]], tol: float) -> list[tuple[tuple[str, str, float], list]]:
    """Rows printed under one parent without codes: each child is followed by its own children summing to it."""
    out, i = [], 0
    while i < len(rows):
        head = rows[i]
        acc, j = 0.0, i + 1
        while j < len(rows) and acc < head[2] - tol:
            acc += rows[j][2]
            j += 1
        if j > i + 1 and abs(acc - head[2]) <= tol:
            out.append((head, rows[i + 1:j]))
            i = j
        else:
            out.append((head, []))
            i += 1
    return out


def _hierarchy_from_leaves(r: pd.DataFrame) -> tuple[pd.DataFrame, dict, dict]:
    """Only 款/项 codes printed (北京: 7-digit 项 rows): 类 are the sums of their 项 by the first 3 digits."""
    rows = [(str(c), _norm(i), v) for c, i, v in zip(r["code"], r["item"], r["v"])
            if str(c).isdigit() and str(c).startswith("2") and len(str(c)) in (5, 7)]
    leaves = [x for x in rows if len(x[0]) == 7] or [x for x in rows if len(x[0]) == 5]
    sums: dict[str, float] = {}
    for c, _, v in leaves:
        sums[c[:3]] = sums.get(c[:3], 0.0) + v
    classes = pd.DataFrame([(c, FUNCTION_CLASSES.get(c, c), v) for c, v in sums.items()], columns=["code", "name", "v"])
    kids = {c: pd.DataFrame([x for x in leaves if x[0].startswith(c)], columns=["code", "name", "v"]) for c in sums}
    return classes, kids, {"__level__": "项" if leaves and len(leaves[0][0]) == 7 else "款"}


def _hierarchy(r: pd.DataFrame) -> tuple[pd.DataFrame, dict, dict]:
    """类 rows, 款 rows per 类 and 项 rows per 款, from codes when printed, else from names and sums."""
    have_codes = any(len(c) == 3 and c.startswith("2") for c in r["code"])
    if not have_codes and any(len(c) in (5, 7) and c.isdigit() and c.startswith("2") for c in r["code"]):
        return _hierarchy_from_leaves(r)
    classes, kids, grand = [], {}, {}
    seen = set()
    current = None
    block: list[tuple[str, str, float]] = []

    def close():
        if current is None:
            return
        tol = max(0.015, 0.0005 * abs(current[2]))
        if have_codes:
            kuan = [b for b in block if len(b[0]) == 5]
            kids[current[0]] = pd.DataFrame(kuan, columns=["code", "name", "v"])
            for k in kuan:
                grand[k[0]] = pd.DataFrame([b for b in block if len(b[0]) == 7 and b[0].startswith(k[0])],
                                           columns=["code", "name", "v"])
        else:
            parts = _split_by_sums(block, tol)
            kids[current[0]] = pd.DataFrame([h for h, _ in parts], columns=["code", "name", "v"])
            for h, sub in parts:
                grand[h[0]] = pd.DataFrame(sub, columns=["code", "name", "v"])

    for code, item, v in zip(r["code"], r["item"], r["v"]):
        code = str(code or "").strip()
        if _is_total(item) and not code:
            continue
        cc = _class_code(item, code) if (have_codes and len(code) == 3) or not have_codes else None
        if have_codes and len(code) == 3 and not code.startswith("2"):
            cc = None
        if cc is not None:
            close()
            block = []
            if cc in seen:  # the same 类 printed again (another unit's block): keep the first
                current = None
                continue
            seen.add(cc)
            name = _norm(item) or FUNCTION_CLASSES.get(cc, cc)
            current = (cc, name, v)
            classes.append(current)
            continue
        if current is None:
            continue
        if have_codes:
            if code.startswith(current[0]) and len(code) in (5, 7):
                block.append((code, _norm(item), v))
        else:
            # no codes: key children by position so equal names (行政运行) under different 款 stay apart
            block.append((f"{current[0]}:{len(block)}", _norm(item), v))
    close()
    return pd.DataFrame(classes, columns=["code", "name", "v"]), kids, grand


def function_classes(tidy: pd.DataFrame, meta: dict, need_split: bool = False) -> Functions:
    """The 类 of the first function-classified table that has them: general_budget_expenditure, else expenditure,
    else the 支出 side of the summary table.  need_split: only a table with 基本支出 and 项目支出 columns.

    Amounts as printed (``unit``), from the columns of the disclosure's own stage and year (:func:`_main_cols`:
    a final account's 决算数, a budget's 预算数 — not 上年执行数 printed beside it)."""
    reasons = []
    for key in _FUNCTION_TABLES + ("summary",):
        t = _table(tidy, key, meta)
        if key == "summary":
            t = t[t["section"] == "支出"]
        if t.empty:
            reasons.append(f"no {key} table")
            continue
        cols = _main_cols(t, _columns(t), meta)
        if need_split and not (_cols_with(cols, "基本支出") and _cols_with(cols, "项目支出")):
            reasons.append(f"{key}: no 基本支出/项目支出 columns")
            continue
        total_col = _total_col(cols)
        r = _rows(t, [total_col])
        classes, kids, grand = _hierarchy(r)
        classes = classes[classes["v"].abs() > 0]
        if classes.empty:
            reasons.append(f"{key}: no 类 rows (function codes 2xx or class names) found")
            if need_split:
                rb, rp = _rows(t, _cols_with(cols, "基本支出")), _rows(t, _cols_with(cols, "项目支出"))
                tb, tp = rb[_total_mask(rb)], rp[_total_mask(rp)]
                if tb.empty and len(rb) == 1 and len(rp) == 1:  # a one-row table: that row is the total
                    tb, tp = rb, rp
                if len(tb) and len(tp):  # only the total row is split (江苏: 支出总表)
                    f = Functions(key, _pages(t, meta, key), set(t["unit"]), classes, {}, {}, 0.0)
                    f.stage, f.year = _stage_year(t, _cols_with(cols, "基本支出"), meta)
                    f.basic = pd.DataFrame(columns=["code", "name", "basic", "project"])
                    f.totals_bp = (float(tb["v"].iloc[0]), float(tp["v"].iloc[0]))
                    return f
            continue
        tot_rows = r[_total_mask(r)]
        total = float(classes["v"].sum())
        if len(tot_rows) and float(tot_rows["v"].iloc[0]) >= total * 0.99:
            total = float(tot_rows["v"].iloc[0])
        level = grand.pop("__level__", "款")
        f = Functions(key, _pages(t, meta, key), set(t["unit"]), classes.reset_index(drop=True), kids, grand, total,
                      kid_level=level)
        f.stage, f.year = _stage_year(t, [total_col], meta)
        basic_cols, project_cols = _cols_with(cols, "基本支出"), _cols_with(cols, "项目支出")
        if basic_cols and project_cols:
            rb, rp = _rows(t, basic_cols), _rows(t, project_cols)
            bmap = {(_class_code(i, str(c)) or ""): v for c, i, v in zip(rb["code"], rb["item"], rb["v"])}
            pmap = {(_class_code(i, str(c)) or ""): v for c, i, v in zip(rp["code"], rp["item"], rp["v"])}
            f.basic = pd.DataFrame({"code": f.classes["code"], "name": f.classes["name"],
                                    "basic": [bmap.get(c, 0.0) for c in f.classes["code"]],
                                    "project": [pmap.get(c, 0.0) for c in f.classes["code"]]})
            tb, tp = rb[_total_mask(rb)], rp[_total_mask(rp)]
            if len(tb) and len(tp):
                f.totals_bp = (float(tb["v"].iloc[0]), float(tp["v"].iloc[0]))
            else:
                f.totals_bp = (float(f.basic["basic"].sum()), float(f.basic["project"].sum()))
        return f
    raise NoData(("no 基本支出/项目支出 split by function: " if need_split else "no spending by function: ")
                 + "; ".join(reasons))


def function_shares(tidy: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """类 with amount (as printed unit) and share of the total, largest first."""
    f = function_classes(tidy, meta)
    d = f.classes.sort_values("v", ascending=False).reset_index(drop=True)
    d["share"] = d["v"] / f.total if f.total else 0.0
    return d


@dataclass
class Economic:
    key: str
    pages: list[int]
    unit: set[str]
    classes: pd.DataFrame   # name, v
    personnel: float | None
    public: float | None
    derived: bool = False
    column: str = ""
    stage: str = ""
    year: str = ""


def economic_data(tidy: pd.DataFrame, meta: dict) -> Economic:
    key = "general_budget_basic_economic"
    t = _table(tidy, key, meta)
    if t.empty:
        raise NoData("no general_budget_basic_economic table (基本支出分经济科目)")
    cols = _main_cols(t, _columns(t), meta)
    basic_only = [c for c in cols if _segs(c)[-1] == "基本支出"]
    col = basic_only[0] if basic_only else _total_col(cols)
    r = _rows(t, [col])
    codes = [str(c) for c in r["code"]]
    have_codes = any(len(c) == 3 and c[0] in "35" and c in ECONOMIC_CODES for c in codes)
    in_item = [bool(_ECON_IN_ITEM.search(str(i))) for i in r["item"]]
    classes, seen = [], set()
    if not have_codes and sum(in_item) >= max(1, len(r) // 2):
        # 款 printed with their 部门 codes in the label (北京: "工资奖金津补贴 / 30101-基本工资" under 50101):
        # 类 = sums by the first 3 digits of that code
        sums: dict[str, float] = {}
        for item, v in zip(r["item"], r["v"]):
            m = _ECON_IN_ITEM.search(str(item))
            if m and not _is_total(item):
                sums[m.group(1)] = sums.get(m.group(1), 0.0) + v
        classes = [(ECONOMIC_CODES[c], v) for c, v in sums.items() if c in ECONOMIC_CODES]
    else:
        for code, item, v in zip(codes, r["item"], r["v"]):
            name = _norm(str(item).split(" / ")[0])
            ok = (len(code) == 3 and code in ECONOMIC_CODES) if have_codes else name in ECONOMIC_CLASSES
            if ok and name not in seen:
                seen.add(name)
                classes.append((name, v))
    classes = pd.DataFrame(classes, columns=["name", "v"])
    classes = classes[classes["v"].abs() > 0]
    if len(classes) and not set(classes["name"]) & _WAGES:
        raise NoData(f"{key}: no 工资福利支出 among the 类 read ({'、'.join(classes['name'])}); the table's layout "
                     "was not understood")
    pers_cols = [c for c in cols if "人员" in _segs(c)[-1]]
    pub_cols = [c for c in cols if "公用" in _segs(c)[-1]]
    personnel = public = None
    derived = False
    if pers_cols and pub_cols:
        rp, rq = _rows(t, pers_cols[:1]), _rows(t, pub_cols[:1])
        tp = rp[[_is_total(i) for i in rp["item"]]]
        tq = rq[[_is_total(i) for i in rq["item"]]]
        personnel = float(tp["v"].iloc[0]) if len(tp) else None
        public = float(tq["v"].iloc[0]) if len(tq) else None
        if personnel is None or public is None:
            # no printed total row: the 人员/公用 columns summed over the 类 rows
            names = set(classes["name"])
            personnel = float(sum(v for i, v in zip(rp["item"], rp["v"]) if _norm(str(i).split(" / ")[0]) in names))
            public = float(sum(v for i, v in zip(rq["item"], rq["v"]) if _norm(str(i).split(" / ")[0]) in names))
    elif not classes.empty:
        personnel = float(classes[classes["name"].isin(_PERSONNEL_ECON)]["v"].sum())
        public = float(classes[~classes["name"].isin(_PERSONNEL_ECON)]["v"].sum())
        derived = True
    if classes.empty and not personnel and not public:
        raise NoData(f"{key}: neither 经济分类 类 rows nor 人员经费/公用经费 columns found")
    stage, year = _stage_year(t, [col], meta)
    return Economic(key, _pages(t, meta, key), set(t["unit"]), classes.sort_values("v", ascending=False),
                    personnel, public, derived, col, stage, year)


@dataclass
class Revenue:
    key: str
    pages: list[int]
    unit: set[str]
    sources: pd.DataFrame  # name, v
    total: float
    stage: str = ""
    year: str = ""


def revenue_data(tidy: pd.DataFrame, meta: dict) -> Revenue:
    reasons = []
    s = _table(tidy, "summary", meta)
    s = s[s["section"] == "收入"]
    if len(s):
        r = _rows(s, [_total_col(_columns(s))])
        top = [(_norm(i), v) for i, v in zip(r["item"], r["v"])
               if re.match(r"^\s*[一二三四五六七八九十]+\s*[、.．]", str(i)) and not _is_total(i)]
        carry = [(_norm(i), v) for i, v in zip(r["item"], r["v"])
                 if ("上年结转" in str(i) or "结转结余" in str(i)) and not re.match(r"^\s*[一二三四五六七八九十]+\s*[、.．]", str(i))]
        names = {n for n, _ in top}
        top += [(n, v) for n, v in carry if n not in names]
        top = [(n, v) for n, v in top if v > 0]
        if top:
            d = pd.DataFrame(top, columns=["name", "v"]).drop_duplicates("name")
            tot = r[[("总计" in str(i)) for i in r["item"]]]
            if not len(tot):  # "合计" printed first (Chongqing): the printed total, not a re-added one
                tot = r[[_is_total(i) and not re.search(r"本年|当年", str(i)) for i in r["item"]]]
            total = float(tot["v"].iloc[0]) if len(tot) else float(d["v"].sum())
            return Revenue("summary", _pages(s, meta, "summary"), set(s["unit"]), d, total,
                           *_stage_year(s, [_total_col(_columns(s))], meta))
        reasons.append("summary: no numbered 收入 items")
    else:
        reasons.append("no 收入 side in a summary table")
    t = _table(tidy, "revenue", meta)
    if len(t):
        cols = _columns(t)
        src = [c for c in cols if _segs(c)[-1] not in _TOTAL_SEGS and not re.search(r"(合计|总计|小计)", _segs(c)[-1])]
        first = t[["page", "row"]].drop_duplicates().iloc[0]
        totals = t[[_is_total(i) for i in t["item"]]]
        row = totals.iloc[0] if len(totals) else first
        rt = t[(t["page"] == row["page"]) & (t["row"] == row["row"])]
        d = [(" · ".join(_segs(c)[1:]) if _segs(c)[0] in ("本年收入", "收入预算") and len(_segs(c)) > 1 else c, v)
             for c, v in zip(rt["column"], rt["v"]) if c in src and v > 0]
        if d:
            d = pd.DataFrame(d, columns=["name", "v"])
            tc = _total_col(cols)
            tv = rt[rt["column"] == tc]["v"]
            total = float(tv.iloc[0]) if len(tv) and tc not in src else float(d["v"].sum())
            return Revenue("revenue", _pages(t, meta, "revenue"), set(t["unit"]), d, total, *_stage_year(t, [tc], meta))
        reasons.append("revenue: no positive source columns")
    else:
        reasons.append("no revenue table")
    raise NoData("no revenue by source: " + "; ".join(reasons))


def projects_data(tidy: pd.DataFrame, meta: dict) -> tuple[pd.DataFrame, str, list[int], set[str]]:
    key = "project_expenditure"
    t = _table(tidy, key, meta)
    if t.empty:
        raise NoData("no project table (project_expenditure)")
    cols = _main_cols(t, _columns(t), meta)
    r = _rows(t, [_total_col(cols)])
    units = {s for s in r["section"] if s}
    unit_names = units | {s for s in r["item"] if re.search(r"（(部门|本级)）$", str(s))}
    keep = pd.Series([(bool(s) and i != s and i not in unit_names and not _is_total(i))
                      or (not s and not units and not _is_total(i) and i not in unit_names)
                      for s, i in zip(r["section"], r["item"])], index=r.index, dtype=bool)
    d = r[keep & (r["v"] > 0)][["section", "item", "v"]].rename(columns={"section": "unit", "item": "project"})
    if d.empty:
        raise NoData("project_expenditure: no project rows with amounts")
    # a project printed in two rows (two funding lines) is one project, as the narrative counts it
    d = d.groupby(["unit", "project"], sort=False, as_index=False)["v"].sum()
    d = d.sort_values("v", ascending=False, kind="stable").reset_index(drop=True)
    d.attrs["stage"], d.attrs["year"] = _stage_year(t, [_total_col(cols)], meta)
    return d, key, _pages(t, meta, key), set(t["unit"])




# ------------------------------------------------------------------ "三公"经费

# the printed names of the 三公 items (words.yml), in the order the chart shows them
_TP_KEYS = ("abroad", "reception", "car_buy", "car_run", "car")
THREE_PUBLIC = [words()["three_public"][k]["name"] for k in _TP_KEYS]


def _three_kind(label: str) -> str | None:
    """The 三公 item a row label or column path names (words.yml ``header`` patterns, innermost element first; a
    小计/合计 element is its parent's subtotal), or None (a total, a fund, another column)."""
    concepts = words()["three_public"]
    total = words()["totals"]["element"]
    for seg in reversed(_segs(label)):
        seg = _norm(seg)
        for k in ("car_buy", "car_run", "car", "abroad", "reception"):
            if concepts[k]["header"].search(seg):
                return concepts[k]["name"]
        if not (total.search(seg) or any(f in seg for f in _FUNDING_SEGS) or header_stage([seg])
                or header_year([seg], 0) is not None):
            return None
    return None


def _is_sum_column(label: str) -> bool:
    """A column printing the 三公 total: its innermost element that is no stage, year or fund is a total word
    (words.yml totals ``element``: 合计, 小计 …; "“三公”经费合计")."""
    for seg in reversed(_segs(label)):
        seg = _norm(seg)
        if any(f in seg for f in _FUNDING_SEGS) or header_stage([seg]) or header_year([seg], 0) is not None:
            continue
        return bool(words()["totals"]["element"].search(seg))
    return False


_TOTAL = "__total__"


@dataclass
class ThreePublic:
    """The "三公" items of the series shown: ``series`` (name, series, stage, year, v — printed unit), the main
    series first (the disclosure's own stage and year) and at most one other the table prints (the budget beside a
    决算; last year beside this year); ``parts``/``total`` are the main series'."""
    pages: list[int]
    unit: set[str]
    parts: pd.DataFrame  # name, v
    total: float
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    main: str = ""
    other: str | None = None
    stage: str = ""
    year: str = ""
    totals: dict = field(default_factory=dict)  # series → its total, as printed where the table prints one


def _series_name(stage: str, year: str) -> str:
    return f"{_w('year', year=year) if year else ''}{stage}"


def _table_meta(meta: dict, key: str) -> dict:
    return next((m for m in meta.get("tables", []) if m.get("key") == key), {})


def three_public_data(tidy: pd.DataFrame, meta: dict) -> ThreePublic:
    """The "三公" table read by stage and year (tidy ``stage``/``year``; a year printed in a row label, as 深圳's
    "2025年 | 2026年" rows, wins over the column's): a 决算 reads its 决算数 columns; a blank cell is 0 (the table prints
    nothing spent); changes, rates and carry-overs (charts.yml ``not_a_figure``, ``carryover``) are no series.
    Amounts as printed.  Raises NoData when the table is missing or every figure is zero."""
    key = "three_public"
    t = _table(tidy, key, meta)
    tm = _table_meta(meta, key)
    if t.empty:
        raise NoData("三公 table printed empty (本表无数据)" if tm.get("empty") else "no 三公 table (three_public)")
    memo, carry = re.compile(config()["not_a_figure"]), re.compile(config()["carryover"])
    year0 = str(meta.get("year") or "")
    # every value column, with its stage and year (meta.json column_stages, else the tidy rows')
    col_info: dict[str, tuple[str, str]] = {}
    for c, st in zip(tm.get("columns") or [], tm.get("column_stages") or []):
        if st:
            col_info[c] = (st.get("stage") or doc_stage(meta), str(st.get("year") or year0))
    for c, st, y in zip(t["column"], t["stage"], t["year"]):
        col_info.setdefault(c, (st, y))
    ok_cols = [c for c in col_info if not memo.search(c) and not carry.search(c)]
    cell = {(p, r, c): v for p, r, c, v in zip(t["page"], t["row"], t["column"], t["v"])}
    rows = t[["page", "row", "item", "section"]].drop_duplicates(["page", "row"])
    rows = rows[[not memo.search(str(i)) for i in rows["item"]]]
    cells = []  # kind, stage, year, path (fund elements dropped), v
    item_kinds = {i: _three_kind(_norm(i)) for i in set(rows["item"])}
    if any(item_kinds.values()):  # long layout: one row per item, a column per stage/year
        groups: dict[tuple[str, str], list[str]] = {}
        for c in ok_cols:
            groups.setdefault(col_info[c], []).append(c)
        seen = set()
        for p, r, i in zip(rows["page"], rows["row"], rows["item"]):
            k = item_kinds.get(i) or (_TOTAL if _is_total(i) else None)
            if not k or k in seen:
                continue
            seen.add(k)
            for (st, y), cols in groups.items():
                c = _total_col(cols)
                cells.append((k, st, y, "", cell.get((p, r, c), 0.0)))
    else:  # wide layout: one column per item; the total row, or one row per year (深圳), or the first
        by_year = [(p, r, header_year([str(i)], meta.get("year"))) for p, r, i in zip(rows["page"], rows["row"], rows["item"])
                   if header_year([str(i)], meta.get("year"))]
        if not by_year:
            pick = rows[[_is_total(i) for i in rows["item"]]]
            pick = pick if len(pick) else rows.head(1)
            by_year = [(pick["page"].iloc[0], pick["row"].iloc[0], None)]
        for p, r, y_item in by_year:
            for c in ok_cols:
                k = _three_kind(c) or (_TOTAL if _is_sum_column(c) else None)
                if k is None:
                    continue
                st, y = col_info[c]
                path = " / ".join(s for s in _segs(c) if not any(f in s for f in _FUNDING_SEGS))
                cells.append((k, st, str(y_item) if y_item else y, path, cell.get((p, r, c), 0.0)))
    if not [c for c in cells if c[0] != _TOTAL]:
        raise NoData("three_public: no 因公出国（境）/公务接待/公务用车 amounts found")
    d = pd.DataFrame(cells, columns=["name", "stage", "year", "path", "v"])
    # the same item under several funds (深圳: 一般公共预算 | 政府性基金预算 …) adds up; an item's subtotal and its
    # detail columns (长春: 因公出国（境）费 / 小计 and its parts) do not: the first printed is the item's
    d = d.groupby(["name", "stage", "year", "path"], sort=False, as_index=False)["v"].sum()
    d = d.groupby(["name", "stage", "year"], sort=False, as_index=False).first()
    series = list(dict.fromkeys(zip(d["stage"], d["year"])))
    stage0 = doc_stage(meta)
    main = ((stage0, year0) if (stage0, year0) in series
            else max([s for s in series if s[0] == stage0] or series, key=lambda s: s[1]))
    order = [st for st, _rx in stage_words()["stages"]]
    others = [s for s in series if s != main]
    other = (sorted([s for s in others if s[1] == main[1]], key=lambda s: order.index(s[0]) if s[0] in order else 99)
             or sorted([s for s in others if s[0] == main[0] and s[1] < main[1]], key=lambda s: s[1], reverse=True)
             or others or [None])[0]
    shown = [main] + ([other] if other else [])
    split = bool(d[d["name"].isin(THREE_PUBLIC[2:4])].shape[0])
    kinds = THREE_PUBLIC[:2] + (THREE_PUBLIC[2:4] if split else THREE_PUBLIC[4:])
    amount = {(n, st, y): v for n, st, y, v in zip(d["name"], d["stage"], d["year"], d["v"])}
    out = pd.DataFrame([(k, _series_name(st, y), st, y, float(amount.get((k, st, y), 0.0)))
                        for st, y in shown for k in kinds], columns=["name", "series", "stage", "year", "v"])
    if not (out["v"].abs() > 0).any():
        raise NoData("three_public: the 三公经费 are all zero" + (f" ({'、'.join(out['series'].unique())})" if other else ""))
    parts = out[out["series"] == _series_name(*main)][["name", "v"]].reset_index(drop=True)
    # the totals as printed (国家信访局 2024 prints 46.21 for parts adding to 46.20), else the sum of the parts
    totals = {_series_name(st, y): amount.get((_TOTAL, st, y), float(out[out["series"] == _series_name(st, y)]["v"].sum()))
              for st, y in shown}
    tp = ThreePublic(_pages(t, meta, key), set(t["unit"]), parts, float(totals[_series_name(*main)]),
                     out.reset_index(drop=True), _series_name(*main), _series_name(*other) if other else None,
                     main[0], main[1])
    tp.totals = totals
    return tp


# ------------------------------------------------------------------ year over year

def yoy_data(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict) -> tuple[pd.DataFrame, Functions, Functions]:
    """Spending by function (类) in two disclosures: code, name, now, then (in 元 ÷ the shown unit's 元: see
    ``d.attrs['scale']``), change, pct (a fraction; NaN where the earlier year had none).  Each disclosure is read
    in its own printed unit and converted, so 元 and 万元 tables compare."""
    now, then = function_classes(tidy, meta), function_classes(prev_tidy, prev_meta)

    def yuan(f: Functions) -> float:
        u = {x for x in f.unit if x}
        return (_yuan(next(iter(u))) or 1.0) if len(u) == 1 else 1.0

    a = now.classes.assign(now=now.classes["v"] * yuan(now))[["code", "name", "now"]]
    b = then.classes.assign(then=then.classes["v"] * yuan(then))[["code", "then"]]
    d = a.merge(b, on="code", how="outer")
    names = dict(zip(then.classes["code"], then.classes["name"]))
    d["name"] = [n if isinstance(n, str) and n else names.get(c, c) for c, n in zip(d["code"], d["name"])]
    d = d.fillna({"now": 0.0, "then": 0.0})
    scale = _scale({"元"}, list(d["now"]) + list(d["then"]))
    changes = [abs(x - y) for x, y in zip(d["now"], d["then"]) if abs(x - y) >= 0.5]
    if changes and min(changes) / scale.factor < 0.005:  # a change 亿元 would print as 0.00: stay in 万元
        scale = _scale({"元"}, [0.0])
    printed = {x for f in (now, then) for x in f.unit if x}
    if printed and all(_yuan(u) is not None for u in printed) and printed == {scale.unit}:
        scale.note = ""
    elif printed:
        scale.note = _w("converted", printed="/".join(sorted(printed)), shown=scale.unit)
    for c in ("now", "then"):
        d[c] = [scale.show(v) for v in d[c]]
    d["change"] = [round(x - y, 6) for x, y in zip(d["now"], d["then"])]
    d["pct"] = [(c / t if t else float("nan")) for c, t in zip(d["change"], d["then"])]
    d = d.sort_values("now", ascending=False, kind="stable").reset_index(drop=True)
    d.attrs["scale"] = scale
    return d, now, then


# ------------------------------------------------------------------ layout: article and narrow (mobile) figures

def _em(s: str) -> float:
    """Width of a text in em: a CJK character (or full-width punctuation) is 1 em, a Latin one about 0.56."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.56 for ch in str(s))


@lru_cache(maxsize=1)
def _page_rx() -> str:
    """'第 16–17 页' as one token, never broken across lines."""
    return re.escape(_w("page", pages="\0")).replace("\\\0", "[0-9–、]+").replace("\0", "[0-9–、]+")


_NO_LINE_END = set("（《「“(")
_NO_LINE_START = set("，。；：、）》」%’”")


def _wrap(text: str, em: float, max_lines: int | None = None) -> str:
    """Break a text into lines of at most `em` em; figures and Latin words are never split, no line starts with
    closing punctuation; with `max_lines`, the last line kept ends in '…'."""
    out = []
    for para in str(text).split("\n"):
        if _em(para) > em and (not max_lines or _em(para) <= em * max_lines):  # balanced lines, no short last one
            n = -(-_em(para) // em)
            em_p = min(em, _em(para) / n + 2)
        else:
            em_p = em
        line = ""
        for tok in re.findall(_page_rx() + r"|[0-9A-Za-z.,%+\-−–<>]+|\s+|.", para):
            if line.strip() and _em(line + tok) > em_p and tok not in _NO_LINE_START:
                if line[-1] in _NO_LINE_END and len(line) > 1:  # an opening bracket goes down with what it opens
                    out.append(line[:-1].rstrip())
                    line = line[-1] + tok
                    continue
                # break after the last comma or wide space of the line when it is in its second half
                cut = max(line.rfind(c) for c in "，；　、》」：")
                if cut > 0 and _em(line[: cut + 1]) > 0.5 * em_p and _em(line[cut + 1:] + tok) <= em_p:
                    out.append(line[: cut + 1].rstrip())
                    line = line[cut + 1:].lstrip() + tok
                    continue
                out.append(line.rstrip())
                line = tok.lstrip()
            else:
                line += tok
        out.append(line)
    if max_lines and len(out) > max_lines:
        out = out[:max_lines]
        out[-1] = out[-1][: max(1, len(out[-1]) - 1)] + "…"
    return "\n".join(out)


@dataclass(frozen=True)
class Layout:
    """The figure a chart is drawn into: the article figure (6.4 in, read at 640 px) or the narrow one (3.8 in)."""
    narrow: bool = False

    @property
    def width(self) -> float:
        return style.NARROW if self.narrow else style.WIDE

    def label(self, s: str) -> str:
        """A category label (y axis): one line of 15 em in the article; on a phone at most two of 8 em, without
        the classification code."""
        return _wrap(re.sub(r"（\d+）$", "", str(s)), 8, 2) if self.narrow else _wrap(s, 15, 1)

    def height(self, rows: float, extra_lines: int = 0) -> float:
        per, base = (0.40, 1.35) if self.narrow else (0.30, 1.15)
        return round(max(2.4, min(9.5, base + per * rows + 0.24 * extra_lines)), 2)


@dataclass
class _Spec:
    """A chart before drawing: its words, the data it plots, and a function that draws it into a figure."""
    name: str
    title: str
    subtitle: str
    source: str
    sentence: str
    data: pd.DataFrame
    draw: Callable  # draw(fig, layout) -> list of axes, the first carrying the subtitle
    rows: float


def _thousands(x, _pos=None) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 or float(x).is_integer() else f"{x:g}"


def _render(spec: _Spec, narrow: bool = False):
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lay = Layout(narrow)
    em = lay.width * 72 / style.TITLE_SIZE * 0.9
    head, colon, rest = spec.title.partition("：")
    # a title too long for one line breaks after its colon (department, year and stage above, the subject below)
    # when both halves fit a line, else into balanced lines
    title = (_wrap(spec.title, em) if _em(spec.title) <= em or not colon or _em(head + colon) > em or _em(rest) > em
             else head + colon + "\n" + rest)
    src = _wrap(spec.source.replace("；", "\n"), lay.width * 72 / style.SMALL_SIZE * 0.95)
    fig = style.figure((lay.width, lay.height(spec.rows, title.count("\n"))))
    axes = spec.draw(fig, lay)
    # the subtitle starts where the plot does, right of the category labels: it wraps in what is left
    label_in = max([_em(t.get_text().split("\n")[0]) for a in axes for t in a.get_yticklabels()] + [0]) * style.TEXT_SIZE / 72
    sub = _wrap(spec.subtitle, (lay.width - label_in - 0.35) * 72 / style.LABEL_SIZE * 0.95)
    if sub.count("\n"):
        fig.set_figheight(fig.get_figheight() + 0.2 * sub.count("\n"))
    fig.suptitle(title, x=0.01, ha="left", fontsize=style.TITLE_SIZE, color=style.INK, linespacing=1.25)
    first = axes[0]
    own = first.get_title(loc="left")
    first.set_title(sub + ("\n" + own if own else ""), loc="left", fontsize=style.LABEL_SIZE, color=style.MUTED,
                    pad=8, linespacing=1.3)
    for a in axes:
        if not getattr(a, "_yusuan_percent", False):
            a.xaxis.set_major_formatter(FuncFormatter(_thousands))
            if narrow:
                a.xaxis.set_major_locator(MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]))
    fig.text(0.01, -0.01, src, ha="left", va="top", fontsize=style.SMALL_SIZE, color=style.MUTED, linespacing=1.3)
    return fig


def _bar_axis(ax, lay: Layout, labels: list[str], y: list[float], xlabel: str) -> None:
    ax.set_yticks(y, [lay.label(s) for s in labels])
    ax.tick_params(axis="y", length=0, labelsize=style.TEXT_SIZE, labelcolor=style.INK)
    ax.tick_params(axis="x", labelsize=style.TEXT_SIZE)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(xlabel, fontsize=style.TEXT_SIZE)
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _room(ax, lay: Layout, labels: list[str], ends: list[float], texts: list[str], lo: float = 0.0) -> float:
    """Set the x range so that the longest bar plus its text fits; returns the data width of 1% of the axis."""
    top = max(ends + [0.0])
    label_in = max((_em(s) for s in ([lay.label(x).split("\n")[0] for x in labels] or [""])), default=0) \
        * style.TEXT_SIZE / 72
    axes_in = max(1.2, lay.width - label_in - 0.45)
    text_in = max((_em(t) for t in texts), default=0) * style.LABEL_SIZE / 72 + 0.08
    frac = min(0.62, text_in / axes_in)
    hi = top / (1 - frac) if top > 0 else 1.0
    ax.set_xlim(min(lo, 0.0), hi)
    return hi * 0.01


def _hbars(ax, lay: Layout, labels: list[str], values: list[float], scale: Scale, texts: list[str] | None = None,
           colors=None, xlabel: str | None = None) -> None:
    """Horizontal bars, largest at the top, each with its value (and share) written at its end."""
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colors or style.BLUE, height=0.62)
    if len(values) < 3:  # keep bars slim when there are only two
        pad = (3 - len(values)) / 2
        ax.set_ylim(-0.5 - pad, len(values) - 0.5 + pad)
    texts = texts or [scale.fmt(v) for v in values]
    _bar_axis(ax, lay, labels, y, xlabel or scale.label())
    step = _room(ax, lay, labels, list(values), texts)
    for yy, v, tx in zip(y, values, texts):
        ax.text(max(v, 0) + step, yy, tx, va="center", ha="left", fontsize=style.LABEL_SIZE, color=style.INK)


def _with_legend(fig, lay: Layout, handles, labels, title: str | None = None, rows: float = 4,
                 categories: list[str] = ()):
    """(legend axes, plot axes): the legend in a row of its own above the plot, under the subtitle (which the legend
    axes carries), so that neither the title nor a bar is covered; as many columns as fit right of the plot's
    category labels."""
    label_in = max([_em(lay.label(c).split("\n")[0]) for c in categories] + [0]) * style.TEXT_SIZE / 72
    widest = max(_em(line) for x in labels for line in str(x).split("\n")) * style.TEXT_SIZE / 72 + 0.55
    ncol = max(1, min(3, len(labels), int((lay.width - label_in - 0.3) // widest)))
    lines = -(-len(labels) // ncol) + (1 if title else 0) + sum(str(x).count("\n") for x in labels) / max(ncol, 1)
    gs = fig.add_gridspec(2, 1, height_ratios=[0.28 * lines + 0.1, max(rows, 1.5) * (0.40 if lay.narrow else 0.30)])
    lax = fig.add_subplot(gs[0])
    lax.set_axis_off()
    lax.legend(handles, labels, loc="center left", ncol=ncol, fontsize=style.TEXT_SIZE, title=title,
               title_fontsize=style.TEXT_SIZE, alignment="left", handlelength=1.2, columnspacing=1.4,
               borderaxespad=0, borderpad=0)
    return lax, fig.add_subplot(gs[1])


def _patch(color):
    from matplotlib.patches import Patch

    return Patch(color=color)


def _frame(source: str, **cols) -> pd.DataFrame:
    """The plotted data: label, value, unit, then whatever else is given (share, series, stage, year …), source."""
    d = pd.DataFrame(cols)
    first = [c for c in ("label", "value", "unit", "share", "series", "stage", "year") if c in d.columns]
    d = d[first + [c for c in d.columns if c not in first]]
    d["year"] = [str(y) for y in d["year"]] if "year" in d.columns else d.get("year")
    d["source"] = source
    return d.reset_index(drop=True)


def _who(meta: dict) -> str:
    return meta.get("publisher") or meta.get("file") or ""


def _yr(year) -> str:
    return _w("year", year=year) if year not in (None, "") else ""


def _title(name: str, meta: dict, stage: str, **kw) -> str:
    return config()["titles"][name].format(who=_who(meta), year=_yr(meta.get("year")), stage=stage, **kw)


def _lead(meta: dict, what: str, stage: str) -> str:
    """The subject of a chart's sentence: 上海市普陀区财政局2024年一般公共预算支出决算."""
    return f"{_who(meta)}{_yr(meta.get('year'))}{what}{stage}"


def _unit_line(scale: Scale, head: str = "") -> str:
    unit = f"{_w('unit')}：{scale.unit}" + (f"（{scale.note}）" if scale.note else "")
    return "　".join(s for s in (head, unit) if s)


def _pct_label(share: float) -> str:
    return f"{share:.1f}%" if share == share else "—"


# ------------------------------------------------------------------ the charts

def _what(key: str) -> str:
    return config()["what"].get(key, config()["what"]["expenditure"])


def _spec_function(tidy: pd.DataFrame, meta: dict) -> _Spec:
    f = function_classes(tidy, meta)
    d = f.classes.sort_values("v", ascending=False)
    what = _what(f.key)
    if len(d) < 2:
        raise NoData(f"{f.key}: one 类 only ({d['name'].iloc[0]}): a one-bar chart says nothing; its 款 are in "
                     "function_detail")
    scale = _scale(f.unit, list(d["v"]) + [f.total])
    labels = [f"{n}（{c}）" if str(c).isdigit() else n for c, n in zip(d["code"], d["name"])]
    values = [scale.show(v) for v in d["v"]]
    shares = [_share(v, f.total) for v in d["v"]]
    source = source_line(meta, f.key, f.pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, stage=f.stage, year=f.year)
    top = d.iloc[0]
    sentence = (f"{_lead(meta, what, f.stage)}按功能分类共 {len(d)} 类，合计 {scale.text(f.total)}；"
                f"{top['name']}最多，{scale.text(top['v'])}，占 {_pct(top['v'], f.total)}")
    if len(d) > 1:
        sentence += f"；其次是{d.iloc[1]['name']}，占 {_pct(d.iloc[1]['v'], f.total)}"

    def draw(fig, lay):
        ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)])
        return [ax]

    return _Spec("function", _title("function", meta, f.stage, what=what), _unit_line(scale, f"{_w('total')} {scale.text(f.total)}"),
                 source, sentence + "。", data, draw, len(d))


def _detail(f: Functions):
    big = f.classes.sort_values("v", ascending=False).iloc[0]
    kids = f.children.get(big["code"], pd.DataFrame(columns=["code", "name", "v"]))
    kids = kids[kids["v"].abs() > 0]
    level, parent = f.kid_level, big
    if len(kids) == 1:  # one 款 only: show its 项 instead
        k = kids.iloc[0]
        g = f.grandchildren.get(k["code"], pd.DataFrame(columns=["code", "name", "v"]))
        g = g[g["v"].abs() > 0]
        if len(g) >= 2:
            kids, level, parent = g, "项", k
    return big, parent, level, kids.sort_values("v", ascending=False)


def _spec_function_detail(tidy: pd.DataFrame, meta: dict, top_n: int = 12) -> _Spec:
    f = function_classes(tidy, meta)
    big, parent, level, kids = _detail(f)
    if len(kids) < 2:
        raise NoData(f"{f.key}: the largest 类 {big['name']} has {'one' if len(kids) else 'no'} 款/项 row with an "
                     "amount under it: nothing to break down")
    top, rest = kids.head(top_n), kids.iloc[top_n:]
    labels = [f"{n}（{c}）" if str(c).isdigit() else n for c, n in zip(top["code"], top["name"])]
    printed = list(top["v"])
    colors = [style.BLUE] * len(labels)
    if len(rest):
        labels.append(_w("others", n=len(rest), what=level))
        printed.append(float(rest["v"].sum()))
        colors.append(style.GREY)
    scale = _scale(f.unit, printed + [float(parent["v"])])
    values = [scale.show(v) for v in printed]
    shares = [_share(v, float(parent["v"])) for v in printed]
    source = source_line(meta, f.key, f.pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, stage=f.stage, year=f.year)
    what = _what(f.key)
    pname = parent["name"] if big is parent else f"{big['name']} › {parent['name']}"
    k = kids.iloc[0]
    sentence = (f"{_lead(meta, what, f.stage)}中，{parent['name']}（{scale.text(float(parent['v']))}）下共 {len(kids)} {level}，"
                f"最大的是{k['name']}，{scale.text(k['v'])}，占 {_pct(k['v'], parent['v'])}。")

    def draw(fig, lay):
        ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)],
               colors=colors)
        return [ax]

    head = f"{parent['name']} {scale.text(float(parent['v']))}，括号内为占该{'类' if big is parent else '款'}的比例"
    return _Spec("function_detail", _title("function_detail", meta, f.stage, what=what, parent=pname),
                 _unit_line(scale, head), source, sentence, data, draw, len(labels))


def _spec_basic_project(tidy: pd.DataFrame, meta: dict) -> _Spec:
    f = function_classes(tidy, meta, need_split=True)
    if f.basic is None or f.totals_bp is None:
        raise NoData(f"{f.key}: no 基本支出/项目支出 columns")
    b, p = f.totals_bp
    basic_w, project_w = _w("basic"), _w("project_spending")
    if b <= 0 or p <= 0:
        raise NoData(f"{f.key}: {'项目支出' if p <= 0 else '基本支出'} is zero — one kind of spending only, nothing to split")
    d = f.basic.assign(total=f.basic["basic"] + f.basic["project"]).sort_values("total", ascending=False)
    d = d[d["total"] > 0]
    scale = _scale(f.unit, list(d["total"]) + [b + p])
    source = source_line(meta, f.key, f.pages)
    what = _what(f.key)
    sentence = (f"{_lead(meta, what, f.stage)}中，{basic_w} {scale.text(b)}（{_pct(b, b + p)}），"
                f"{project_w} {scale.text(p)}（{_pct(p, b + p)}）")
    by_class = len(d) >= 2
    if by_class:  # one stacked bar per 类: its 基本 and 项目 parts, no total bar
        names = list(d["name"])
        bv, pv = [scale.show(v) for v in d["basic"]], [scale.show(v) for v in d["project"]]
        data = _frame(source, label=names * 2, value=bv + pv, unit=scale.unit,
                      share=[_share(x, x + z) for x, z in zip(d["basic"], d["project"])]
                      + [_share(z, x + z) for x, z in zip(d["basic"], d["project"])],
                      series=[basic_w] * len(names) + [project_w] * len(names), stage=f.stage, year=f.year)
        most = d.assign(sh=d["project"] / d["total"]).sort_values("sh", ascending=False).iloc[0]
        sentence += f"；项目支出占比最高的是{most['name']}（{_pct(most['project'], most['total'])}）"
    else:  # the split of the total only (江苏: only the total row is split; or one 类): two bars
        names = [basic_w, project_w]
        bv = [scale.show(b), scale.show(p)]
        data = _frame(source, label=names, value=bv, unit=scale.unit, share=[_share(b, b + p), _share(p, b + p)],
                      stage=f.stage, year=f.year)

    def draw(fig, lay):
        if not by_class:
            ax = fig.add_subplot()
            shares = list(data["share"])
            _hbars(ax, lay, names, bv, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(bv, shares)],
                   colors=[style.BLUE, style.ORANGE])
            return [ax]
        notes = [basic_w, project_w] if lay.narrow else [_w("basic_note"), _w("project_note")]
        lax, ax = _with_legend(fig, lay, [_patch(style.BLUE), _patch(style.ORANGE)], notes, rows=len(names),
                               categories=names)
        y = list(range(len(names)))[::-1]
        ax.barh(y, bv, color=style.BLUE, height=0.62)
        ax.barh(y, pv, left=bv, color=style.ORANGE, height=0.62)
        ends = [x + z for x, z in zip(bv, pv)]
        texts = [f"{scale.fmt(e)}（{project_w} {_pct(z, e)}）" if z > 0 and not lay.narrow else scale.fmt(e)
                 for e, z in zip(ends, pv)]
        _bar_axis(ax, lay, names, y, scale.label())
        step = _room(ax, lay, names, ends, texts)
        for yy, e, tx in zip(y, ends, texts):
            ax.text(e + step, yy, tx, va="center", fontsize=style.LABEL_SIZE, color=style.INK)
        return [lax, ax]

    head = f"{basic_w} {scale.fmt(scale.show(b))}（{_pct(b, b + p)}），{project_w} {scale.fmt(scale.show(p))}（{_pct(p, b + p)}）"
    return _Spec("basic_project", _title("basic_project", meta, f.stage, what=what), _unit_line(scale, head), source,
                 sentence + "。", data, draw, len(names) + (1.2 if by_class else 0))


def _spec_economic(tidy: pd.DataFrame, meta: dict) -> _Spec:
    e = economic_data(tidy, meta)
    classes = e.classes[e.classes["v"] > 0]
    pe, pu = (e.personnel or 0.0), (e.public or 0.0)
    split = pe > 0 or pu > 0
    amounts = len(classes) >= 2
    if not amounts and not split:
        raise NoData(f"{e.key}: one 经济分类 类 only and no 人员经费/公用经费: nothing to compare")
    scale = _scale(e.unit, list(classes["v"]) + [pe + pu])
    source = source_line(meta, e.key, e.pages, _w("derived") if (e.derived and split) else "")
    by_class_w, shares_w = _w("by_class"), _w("shares")
    parts = []
    whole = float(classes["v"].sum())
    if amounts:
        parts.append(_frame(source, label=list(classes["name"]), value=[scale.show(v) for v in classes["v"]],
                            unit=scale.unit, share=[_share(v, whole) for v in classes["v"]], series=by_class_w,
                            stage=e.stage, year=e.year))
    split_names = [_w("personnel"), _w("public")]
    if split:
        pcts = [_share(pe, pe + pu), _share(pu, pe + pu)]
        parts.append(_frame(source, label=split_names, value=pcts, unit="%", share=pcts, series=shares_w,
                            stage=e.stage, year=e.year))
    data = pd.concat(parts, ignore_index=True)
    lead = _lead(meta, _w("basic"), e.stage)
    said = []
    if split:
        said.append(f"{lead}中，{split_names[0]} {scale.text(pe)}（{_pct(pe, pe + pu)}），"
                    f"{split_names[1]} {scale.text(pu)}（{_pct(pu, pe + pu)}）" + ("（按经济分类推算）" if e.derived else ""))
    if amounts:
        c = classes.iloc[0]
        said.append(f"{'' if split else lead}按经济分类，{c['name']}最多，{scale.text(c['v'])}，占 {_pct(c['v'], whole)}")

    def draw(fig, lay):
        n = len(classes) if amounts else 0
        gs = fig.add_gridspec(2 if (amounts and split) else 1, 1,
                              height_ratios=[max(n, 2), 2.2] if (amounts and split) else None)
        axes = []
        if amounts:
            ax = fig.add_subplot(gs[0])
            vals = [scale.show(v) for v in classes["v"]]
            _hbars(ax, lay, list(classes["name"]), vals, scale,
                   [f"{scale.fmt(v)}（{_pct(x, whole)}）" for v, x in zip(vals, classes["v"])])
            ax.set_title(by_class_w, loc="left", fontsize=style.LABEL_SIZE, color=style.INK)
            axes.append(ax)
        if split:
            ax2 = fig.add_subplot(gs[-1])
            pv = list(parts[-1]["value"])
            _hbars(ax2, lay, split_names, pv, scale, [f"{_pct_label(v)}（{scale.text(x)}）" for v, x in zip(pv, (pe, pu))],
                   colors=[style.BLUE, style.ORANGE], xlabel=_w("share_axis"))
            ax2.set_xlim(0, max(ax2.get_xlim()[1], 100.0))
            ax2.set_xticks([0, 25, 50, 75, 100])
            ax2._yusuan_percent = True
            ax2.set_title(shares_w, loc="left", fontsize=style.LABEL_SIZE, color=style.INK)
            axes.append(ax2)
        return axes

    rows = (len(classes) if amounts else 0) + (3.2 if split else 0)
    return _Spec("economic", _title("economic", meta, e.stage), _unit_line(scale), source, "；".join(said) + "。", data,
                 draw, rows)


def _spec_revenue(tidy: pd.DataFrame, meta: dict) -> _Spec:
    r = revenue_data(tidy, meta)
    d = r.sources.sort_values("v", ascending=False)
    if len(d) < 2:
        raise NoData(f"{r.key}: one source of revenue only ({d['name'].iloc[0]}, 100%): a one-bar chart says nothing")
    scale = _scale(r.unit, list(d["v"]) + [r.total])
    labels = list(d["name"])
    values = [scale.show(v) for v in d["v"]]
    shares = [_share(v, r.total) for v in d["v"]]
    source = source_line(meta, r.key, r.pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, stage=r.stage,
                  year=str(meta.get("year") or r.year))
    top = d.iloc[0]
    sentence = (f"{_who(meta)}{_yr(meta.get('year'))}收入{r.stage}总计 {scale.text(r.total)}，{len(d)} 个来源中"
                f"{top['name']}最多，{scale.text(top['v'])}，占 {_pct(top['v'], r.total)}。")

    def draw(fig, lay):
        ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)])
        return [ax]

    return _Spec("revenue", _title("revenue", meta, r.stage), _unit_line(scale, f"{_w('total')} {scale.text(r.total)}"),
                 source, sentence, data, draw, len(d))


def _spec_three_public(tidy: pd.DataFrame, meta: dict) -> _Spec:
    tp = three_public_data(tidy, meta)
    s = tp.series
    scale = _scale(tp.unit, list(s["v"]))
    source = source_line(meta, "three_public", tp.pages)
    data = _frame(source, label=list(s["name"]), value=[scale.show(v) for v in s["v"]], unit=scale.unit,
                  series=list(s["series"]), stage=list(s["stage"]), year=list(s["year"]))
    kinds = list(tp.parts["name"])
    main_v = [scale.show(v) for v in tp.parts["v"]]
    other_total = float(tp.totals[tp.other]) if tp.other else None
    lead = f"{_who(meta)}{_yr(tp.year)}“三公”经费{tp.stage}"
    items = "，".join(f"{n} {scale.fmt(v)}" for n, v in zip(kinds, main_v))
    sentence = f"{lead}合计 {scale.text(tp.total)}"
    if tp.other:
        diff = tp.total - other_total
        change = "持平" if abs(diff) < 0.005 else f"{'增加' if diff > 0 else '减少'} {scale.text(abs(diff))}"
        sentence += f"，{tp.other}为 {scale.text(other_total)}，{change}"
    sentence += f"：{items}（{scale.unit}）。"
    head = f"{tp.main} {_w('total')} {scale.text(tp.total)}" + (f"，{tp.other} {scale.text(other_total)}" if tp.other else "")

    def draw(fig, lay):
        if not tp.other:
            ax = fig.add_subplot()
            _hbars(ax, lay, kinds, main_v, scale)
            return [ax]
        lax, ax = _with_legend(fig, lay, [_patch(style.BLUE), _patch(style.SKY)], [tp.main, tp.other],
                               rows=len(kinds) * 1.5, categories=kinds)
        other_v = [scale.show(v) for v in s[s["series"] == tp.other]["v"]]
        n, h = len(kinds), 0.38
        y = list(range(n))[::-1]
        ax.barh([v + h / 2 for v in y], main_v, height=h, color=style.BLUE)
        ax.barh([v - h / 2 for v in y], other_v, height=h, color=style.SKY)
        _bar_axis(ax, lay, kinds, y, scale.label())
        texts = [scale.fmt(v) for v in main_v + other_v]
        step = _room(ax, lay, kinds, main_v + other_v, texts)
        for yy, a, b in zip(y, main_v, other_v):
            ax.text(a + step, yy + h / 2, scale.fmt(a), va="center", fontsize=style.LABEL_SIZE, color=style.INK)
            ax.text(b + step, yy - h / 2, scale.fmt(b), va="center", fontsize=style.LABEL_SIZE, color=style.MUTED)
        return [lax, ax]

    return _Spec("three_public", _title("three_public", meta, tp.stage), _unit_line(scale, head), source, sentence,
                 data, draw, len(kinds) * 1.5 + 1 if tp.other else len(kinds))


def _spec_projects(tidy: pd.DataFrame, meta: dict, top: int = 12) -> _Spec:
    d, key, pages, unit = projects_data(tidy, meta)
    if len(d) < 2:
        raise NoData(f"{key}: one project only ({d['project'].iloc[0]}): a one-bar chart says nothing")
    stage, year = d.attrs.get("stage", doc_stage(meta)), d.attrs.get("year", str(meta.get("year") or ""))
    head, rest = d.head(top), d.iloc[top:]
    # a project's name, without the description some tables print beside it ("名称 / 通过…")
    labels, printed, units = [_segs(x)[0] for x in head["project"]], list(head["v"]), list(head["unit"])
    named = [u for u in dict.fromkeys(units) if u]
    cat = [c for c in style.PALETTE if c != style.GREY]
    color_of = {u: cat[k % len(cat)] for k, u in enumerate(named)}
    colors = [color_of.get(u, style.BLUE) for u in units]
    if len(rest):
        labels.append(_w("others", n=len(rest), what=_w("project")))
        printed.append(float(rest["v"].sum()))
        units.append("")
        colors.append(style.GREY)
    total = float(d["v"].sum())
    scale = _scale(unit, printed + [total])
    values = [scale.show(v) for v in printed]
    shares = [_share(v, total) for v in printed]
    source = source_line(meta, key, pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, series=units, stage=stage,
                  year=year)
    t0 = d.iloc[0]
    n_units = len({u for u in d["unit"] if u})
    who = f"，由 {n_units} 个单位实施" if n_units > 1 else ""
    sentence = (f"{_who(meta)}{_yr(meta.get('year'))}项目支出{stage}共 {len(d)} 个项目{who}，合计 {scale.text(total)}；"
                f"最大的是「{t0['project']}」，{scale.text(t0['v'])}，占 {_pct(t0['v'], total)}。")

    def draw(fig, lay):
        axes = []
        if len(named) > 1:
            lax, ax = _with_legend(fig, lay, [_patch(color_of[u]) for u in named],
                                   [_wrap(u, 16 if lay.narrow else 26, 2) for u in named], title=_w("implementer"),
                                   rows=len(labels), categories=labels)
            axes.append(lax)
        else:
            ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)],
               colors=colors)
        return axes + [ax]

    return _Spec("projects", _title("projects", meta, stage), _unit_line(scale, f"共 {len(d)} 个项目，{_w('total')} {scale.text(total)}"),
                 source, sentence, data, draw, len(labels) + (0.45 * len(named) if len(named) > 1 else 0))


def _spec_yoy(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict) -> _Spec:
    d, now, then = yoy_data(tidy, meta, prev_tidy, prev_meta)
    scale = d.attrs["scale"]
    y0, y1 = str(prev_meta.get("year") or ""), str(meta.get("year") or "")
    s0, s1 = _series_name(then.stage, then.year or y0), _series_name(now.stage, now.year or y1)
    src = source_line(meta, now.key, now.pages) + "；" + source_line(prev_meta, then.key, then.pages)
    n = len(d)
    pct = [round(p * 100, 2) if p == p else float("nan") for p in d["pct"]]
    data = _frame(src, label=list(d["name"]) * 2, value=list(d["then"]) + list(d["now"]), unit=scale.unit,
                  series=[s0] * n + [s1] * n, stage=[then.stage] * n + [now.stage] * n,
                  year=[then.year or y0] * n + [now.year or y1] * n,
                  change=[float("nan")] * n + list(d["change"]), change_pct=[float("nan")] * n + pct)
    t0, t1 = float(d["then"].sum()), float(d["now"].sum())
    stage = now.stage if now.stage == then.stage else f"{then.stage}/{now.stage}"
    up = d.sort_values("change", ascending=False).iloc[0]
    down = d.sort_values("change").iloc[0]
    sentence = (f"{_who(meta)}{_yr(y0)}到{_yr(y1)}，{_what('yoy')}{stage}按功能分类合计从 {scale.fmt(t0)} {scale.unit}"
                f"变为 {scale.fmt(t1)} {scale.unit}（{'+' if t1 >= t0 else '−'}{_pct(abs(t1 - t0), t0)}）")
    if up["change"] > 0:
        sentence += f"；增加最多的是{up['name']}（+{scale.fmt(up['change'])} {scale.unit}）"
    if down["change"] < 0:
        sentence += f"；减少最多的是{down['name']}（−{scale.fmt(-down['change'])} {scale.unit}）"

    def draw(fig, lay):
        lax, ax = _with_legend(fig, lay, [_patch(style.SKY), _patch(style.BLUE)], [s0, s1], rows=n * 1.4,
                               categories=list(d["name"]))
        yy = list(range(n))[::-1]
        h = 0.38
        ax.barh([v + h / 2 for v in yy], d["then"], height=h, color=style.SKY)
        ax.barh([v - h / 2 for v in yy], d["now"], height=h, color=style.BLUE)
        texts = []
        for a, b, c, p in zip(d["now"], d["then"], d["change"], d["pct"]):
            sign = "+" if c >= 0 else "−"
            tail = f"，{sign}{abs(p) * 100:.1f}%" if p == p else (f"，{_w('new')}" if b == 0 else "")
            texts.append(_w("flat") if abs(c) < 0.005 else f"{sign}{scale.fmt(abs(c))}{tail}")
        _bar_axis(ax, lay, list(d["name"]), yy, scale.label())
        ends = [max(a, b) for a, b in zip(d["now"], d["then"])]
        step = _room(ax, lay, list(d["name"]), ends, texts)
        for v, e, tx, c in zip(yy, ends, texts, d["change"]):
            color = style.MUTED if abs(c) < 0.005 else style.INCREASE if c > 0 else style.DECREASE
            ax.text(e + step, v, tx, va="center", fontsize=style.LABEL_SIZE, color=color)
        return [lax, ax]

    head = f"{_w('total')} {scale.fmt(t0)} → {scale.fmt(t1)} {scale.unit}（{'+' if t1 >= t0 else '−'}{_pct(abs(t1 - t0), t0)}）"
    return _Spec("yoy", _title("yoy", meta, stage, then=_yr(y0), what=_what("yoy")), _unit_line(scale, head), src,
                 sentence + "。", data, draw, n * 1.4 + 1)


# the old entry points: each draws the article figure (a Figure, not registered with pyplot)

def spending_by_function(tidy: pd.DataFrame, meta: dict):
    """Spending by function (类), largest first, with each 类's share of the total."""
    return _render(_spec_function(tidy, meta))


def largest_function_detail(tidy: pd.DataFrame, meta: dict):
    """The 款 (or 项) of the largest 类, top 12 and the rest grouped."""
    return _render(_spec_function_detail(tidy, meta))


def basic_vs_project(tidy: pd.DataFrame, meta: dict):
    """基本支出 and 项目支出 of each 类, stacked (no total bar), or the two totals when only they are split."""
    return _render(_spec_basic_project(tidy, meta))


def economic_classification(tidy: pd.DataFrame, meta: dict):
    """Two panels: 基本支出 by 经济分类 类 (amounts) and 人员经费 / 公用经费 (% of 基本支出)."""
    return _render(_spec_economic(tidy, meta))


def revenue_by_source(tidy: pd.DataFrame, meta: dict):
    """Revenue by source with shares of the printed total."""
    return _render(_spec_revenue(tidy, meta))


def three_public(tidy: pd.DataFrame, meta: dict):
    """The "三公"经费 items, this stage and year beside the other column the table prints."""
    return _render(_spec_three_public(tidy, meta))


def projects_by_unit(tidy: pd.DataFrame, meta: dict, top: int = 12):
    """The largest projects (top 12, the rest grouped), coloured by implementing unit."""
    return _render(_spec_projects(tidy, meta, top))


def year_over_year(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict):
    """Spending by function (类) in two disclosures, with each 类's change."""
    return _render(_spec_yoy(tidy, meta, prev_tidy, prev_meta))


# ------------------------------------------------------------------ registry, saving

_SPECS = {
    "function": _spec_function,
    "function_detail": _spec_function_detail,
    "basic_project": _spec_basic_project,
    "economic": _spec_economic,
    "revenue": _spec_revenue,
    "three_public": _spec_three_public,
    "projects": _spec_projects,
    "yoy": _spec_yoy,
}
# name → the function drawing its article figure; the display order of the report (charts.json)
CHARTS = {
    "function": spending_by_function,
    "function_detail": largest_function_detail,
    "basic_project": basic_vs_project,
    "economic": economic_classification,
    "revenue": revenue_by_source,
    "three_public": three_public,
    "projects": projects_by_unit,
    "yoy": year_over_year,
}


@dataclass
class Chart:
    """One chart of one disclosure.

    name: key of CHARTS; figure: the article Figure (None when skipped); sentence: the one-sentence takeaway in
    Chinese (department, year, stage; the image's alt text); reason: why it was skipped; title; data: exactly what
    is plotted (label, value, unit, share/series/stage/year where relevant, source) — the CSV beside the PNG."""
    name: str
    figure: object | None = None
    sentence: str = ""
    reason: str | None = None
    extra: dict = field(default_factory=dict)
    title: str = ""
    data: pd.DataFrame | None = None
    spec: _Spec | None = field(default=None, repr=False)

    @property
    def made(self) -> bool:
        return self.figure is not None

    def narrow(self):
        """The narrow (mobile, 3.8 in ≈ 380 px) figure of this chart, drawn anew; None when skipped."""
        return _render(self.spec, narrow=True) if self.spec is not None else None


def make(name: str, tidy: pd.DataFrame, meta: dict, previous: tuple[pd.DataFrame, dict] | None = None) -> Chart:
    """Draw one chart; a chart without data (or that would be a single bar) comes back with .figure None and .reason
    set.  `previous`: (tidy, meta) of an earlier disclosure, or a data.Disclosure, for "yoy"."""
    if name not in _SPECS:
        raise KeyError(name)
    if previous is not None and not isinstance(previous, tuple):  # a data.Disclosure
        previous = (previous.tidy, previous.meta)
    try:
        if name == "yoy":
            if previous is None:
                raise NoData("no previous disclosure given")
            spec = _spec_yoy(tidy, meta, previous[0], previous[1])
        else:
            spec = _SPECS[name](tidy, meta)
    except NoData as exc:
        return Chart(name, None, "", str(exc))
    return Chart(name, _render(spec), spec.sentence, None, title=spec.title, data=spec.data, spec=spec)


def save(fig, doc_id: str, name: str, base: Path | None = None) -> Path:
    """figures/<doc_id>/<name>.png and .svg (text as text); byte-identical on re-runs.  Returns the PNG path."""
    folder = paths.figures_dir(doc_id, base)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, dpi=style.SAVE_DPI, bbox_inches="tight", pad_inches=0.12, metadata=style.PNG_METADATA,
                facecolor="white")
    fig.savefig(folder / f"{name}.svg", bbox_inches="tight", pad_inches=0.12, metadata=style.SVG_METADATA,
                facecolor="white")
    return png


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """The plotted data as CSV, UTF-8 with a byte-order mark (so Excel on Windows reads the Chinese), LF lines."""
    data.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def png_bytes(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for notebooks: a smaller copy of what save() writes)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.12, metadata=style.PNG_METADATA,
                facecolor="white")
    return buf.getvalue()


_OUTPUTS = ("{}.png", "{}.svg", "{}.csv", "{}-narrow.png")


def draw_all(tidy: pd.DataFrame, meta: dict, doc_id: str, previous=None, base: Path | None = None) -> dict[str, Path | str]:
    """Every chart for one disclosure: {name: PNG path, or the reason it was skipped}.

    Writes into figures/<doc_id>/ (or base/<doc_id>/), for each chart drawn: <name>.png (article, 200 dpi),
    <name>.svg, <name>.csv (the plotted data, UTF-8 with BOM), <name>-narrow.png (mobile); removes those files of a
    chart now skipped; and charts.json — a list in display order of {"name", "title", "sentence", "png", "svg",
    "csv", "narrow_png"} (file names relative to that folder) for drawn charts and {"name", "reason"} for skipped
    ones.  Byte-identical on re-runs.  `previous` is (tidy, meta) of an earlier disclosure (or an object with .tidy
    and .meta) for the yoy chart."""
    if previous is not None and not isinstance(previous, tuple):
        previous = (previous.tidy, previous.meta)
    folder = paths.figures_dir(doc_id, base)
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path | str] = {}
    index = []
    for name in CHARTS:
        c = make(name, tidy, meta, previous)
        if not c.made:
            out[name] = c.reason
            index.append({"name": name, "reason": c.reason})
            for pattern in _OUTPUTS:
                (folder / pattern.format(name)).unlink(missing_ok=True)
            continue
        png = save(c.figure, doc_id, name, base)
        write_csv(c.data, folder / f"{name}.csv")
        narrow = c.narrow()
        narrow.savefig(folder / f"{name}-narrow.png", dpi=style.SAVE_DPI, bbox_inches="tight", pad_inches=0.1,
                       metadata=style.PNG_METADATA, facecolor="white")
        out[name] = png
        index.append({"name": name, "title": c.title, "sentence": c.sentence, "png": f"{name}.png",
                      "svg": f"{name}.svg", "csv": f"{name}.csv", "narrow_png": f"{name}-narrow.png"})
    (folder / "charts.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
