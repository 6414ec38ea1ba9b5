"""Charts of one disclosure (or two), in the house style, from the tidy frame.

Every chart function takes the tidy DataFrame of a disclosure (one row per printed
number, values as printed strings) and its meta.json dict, and returns a
matplotlib :class:`~matplotlib.figure.Figure` (not registered with pyplot).  Each
figure has a title, the unit, and a source line naming the department, year,
table and page(s).  A chart that cannot be drawn for a document raises
:class:`NoData` with the reason; :func:`make` and :func:`draw_all` turn that into a
skip with a reason instead of a crash.

Amounts are read with :func:`yusuan.numbers.parse_number` and converted to float
only for plotting.  Tables printed in 元 are shown in 万元 when the amounts are
large, and the chart says so.

    c = make("function", tidy, meta)      # → Chart(name, figure, sentence, data, reason)
    save(c.figure, doc_id, "function")    # → figures/<doc_id>/function.png (+ .svg)
    draw_all(tidy, meta, doc_id)          # → {name: Path | reason}
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths, style
from .catalogue import class_codes, former_class_names, personnel_classes, words
from .numbers import parse_number

__all__ = [
    "CHARTS", "Chart", "NoData", "make", "draw_all", "save", "png_bytes",
    "spending_by_function", "largest_function_detail", "basic_vs_project", "economic_classification",
    "revenue_by_source", "three_public", "projects_by_unit", "year_over_year",
    "function_classes", "function_shares",
]


class NoData(Exception):
    """This chart cannot be drawn for this document; str(exc) says why."""


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


def _table(tidy: pd.DataFrame, key: str) -> pd.DataFrame:
    t = tidy[tidy["table"] == key].copy()
    t["v"] = [_num(s) for s in t["value"]]
    return t[t["v"].notna()]


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
        return pd.DataFrame(columns=["page", "row", "section", "code", "item", "v"])
    g = sub.groupby(["page", "row"], sort=False)
    out = g.agg(section=("section", "first"), code=("code", "first"), item=("item", "first"), v=("v", "sum")).reset_index()
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
        return f"第 {pages[0]} 页"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"第 {pages[0]}–{pages[-1]} 页"
    return "第 " + "、".join(map(str, pages)) + " 页"


def source_line(meta: dict, key: str, pages: list[int] | None = None, extra: str = "") -> str:
    who = meta.get("publisher") or meta.get("file") or "?"
    year = meta.get("year")
    kind = meta.get("kind") or ""
    pages = pages if pages is not None else _pages(pd.DataFrame(columns=["page"]), meta, key)
    head = f"来源：{who}《{year or ''}{'年' if year else ''}{kind}公开》"
    table = f"「{_table_title(meta, key)}」"
    where = _page_text(pages)
    return f"{head}{table}{('，' + where) if where else ''}{('；' + extra) if extra else ''}"


@dataclass
class Scale:
    """How printed amounts are shown: divide by `factor`, label with `unit`, and say whether converted."""
    unit: str
    factor: float = 1.0
    note: str = ""

    def label(self) -> str:
        return f"金额（{self.unit}）"


def _scale(units: set[str], values) -> Scale:
    units = {u for u in units if u}
    if units == {"元"}:
        big = max((abs(v) for v in values), default=0)
        if big >= 100_000:
            return Scale("万元", 10_000.0, "原表单位为元，已换算为万元")
        return Scale("元")
    if len(units) == 1:
        return Scale(units.pop())
    if not units:
        return Scale("单位未注明")
    return Scale("/".join(sorted(units)))


def _fmt(v: float) -> str:
    """Two decimals throughout, as the disclosures print 万元 (mixed precision reads as sloppy)."""
    return f"{v:,.2f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _short(s: str, n: int = 16) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


# ------------------------------------------------------------------ function classification

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
    else the 支出 side of the summary table.  need_split: only a table with 基本支出 and 项目支出 columns."""
    reasons = []
    for key in _FUNCTION_TABLES + ("summary",):
        t = _table(tidy, key)
        if key == "summary":
            t = t[t["section"] == "支出"]
        if t.empty:
            reasons.append(f"no {key} table")
            continue
        cols = _columns(t)
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


# ------------------------------------------------------------------ drawing helpers

def _thousands(x, _pos=None) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 or float(x).is_integer() else f"{x:g}"


def _finish(fig, ax, title: str, source: str, scale: Scale, subtitle: str = "") -> None:
    from matplotlib.ticker import FuncFormatter

    for a in fig.axes:
        if a.axison:
            a.xaxis.set_major_formatter(FuncFormatter(_thousands))
    fig.suptitle(title, x=0.01, ha="left", fontsize=13, color=style.INK, path_effects=style.title_effects())
    unit = f"单位：{scale.unit}" + (f"（{scale.note}）" if scale.note else "")
    lines = [s for s in (subtitle, unit) if s]
    if ax is not None:
        ax.set_title("　".join(lines), loc="left", fontsize=9.5, color=style.MUTED, fontweight="normal", pad=8)
    # one line per source, and a note on its own line, rather than breaking inside "第 16–17 页"
    fig.text(0.01, -0.01, source.replace("；", "\n"), ha="left", va="top", fontsize=8, color=style.MUTED, wrap=True)


def _hbars(ax, labels: list[str], values: list[float], scale: Scale, total: float | None = None,
           colors=None, label_len: int = 16) -> None:
    vals = [v / scale.factor for v in values]
    y = list(range(len(vals)))[::-1]
    ax.barh(y, vals, color=colors or style.PALETTE[0], height=0.62)
    if len(vals) < 3:  # keep bars slim when there are only one or two
        pad = (3 - len(vals)) / 2
        ax.set_ylim(-0.5 - pad, len(vals) - 0.5 + pad)
    ax.set_yticks(y, [_short(s, label_len) for s in labels])
    ax.tick_params(axis="y", length=0, labelsize=9.5, labelcolor=style.INK)
    ax.spines["left"].set_visible(False)
    top = max(vals + [0.0])
    ax.set_xlim(0, top * 1.28 if top > 0 else 1)
    ax.set_xlabel(scale.label(), fontsize=9)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)
    for yy, v in zip(y, vals):
        text = _fmt(v) + (f"（{_pct(v * scale.factor, total)}）" if total else "")
        ax.text(v + top * 0.01, yy, text, va="center", ha="left", fontsize=8.5, color=style.INK)


def _height(n: int) -> tuple[float, float]:
    return (8.0, max(3.2, min(7.5, 1.6 + 0.36 * n)))


# ------------------------------------------------------------------ the charts

def spending_by_function(tidy: pd.DataFrame, meta: dict):
    f = function_classes(tidy, meta)
    d = f.classes.sort_values("v", ascending=False)
    scale = _scale(f.unit, d["v"])
    fig = style.figure(_height(len(d)))
    ax = fig.add_subplot()
    labels = [f"{n}（{c}）" if c.isdigit() else n for c, n in zip(d["code"], d["name"])]
    _hbars(ax, labels, list(d["v"]), scale, total=f.total, label_len=20)
    what = "一般公共预算支出" if f.key == "general_budget_expenditure" else "支出"
    _finish(fig, ax, f"{_year(meta)}{what}按功能分类（类）", source_line(meta, f.key, f.pages), scale,
            subtitle=f"合计 {_fmt(f.total / scale.factor)} {scale.unit}")
    return fig


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


def largest_function_detail(tidy: pd.DataFrame, meta: dict):
    f = function_classes(tidy, meta)
    big, parent, level, kids = _detail(f)
    if kids.empty:
        raise NoData(f"{f.key}: the largest 类 {big['name']} has no 款 rows printed under it")
    top = kids.head(12)
    rest = kids.iloc[12:]
    labels = [f"{n}（{c}）" if str(c).isdigit() else n for c, n in zip(top["code"], top["name"])]
    values = list(top["v"])
    if len(rest):
        labels.append(f"其他 {len(rest)} 项")
        values.append(float(rest["v"].sum()))
    scale = _scale(f.unit, values)
    fig = style.figure(_height(len(values)))
    ax = fig.add_subplot()
    _hbars(ax, labels, values, scale, total=float(parent["v"]), label_len=20)
    title = f"{_year(meta)}最大的一类支出「{big['name']}」的构成（{level}）"
    if level == "项":
        title = f"{_year(meta)}「{big['name']} › {parent['name']}」的构成（项）"
    _finish(fig, ax, title, source_line(meta, f.key, f.pages), scale,
            subtitle=f"{parent['name']} {_fmt(float(parent['v']) / scale.factor)} {scale.unit}，括号内为占该{'类' if big is parent else '款'}的比例")
    return fig


def basic_vs_project(tidy: pd.DataFrame, meta: dict):
    f = function_classes(tidy, meta, need_split=True)
    if f.basic is None or f.totals_bp is None:
        raise NoData(f"{f.key}: no 基本支出/项目支出 columns")
    b, p = f.totals_bp
    if b + p <= 0:
        raise NoData(f"{f.key}: 基本支出 and 项目支出 are both zero")
    d = f.basic.assign(total=f.basic["basic"] + f.basic["project"]).sort_values("total", ascending=False)
    d = d[d["total"] > 0]
    scale = _scale(f.unit, list(d["total"]) + [b + p])
    fig = style.figure(_height(len(d) + 1))
    ax = fig.add_subplot()
    labels = ["合计"] + [_short(n, 14) for n in d["name"]]
    basic = [b] + list(d["basic"])
    proj = [p] + list(d["project"])
    y = list(range(len(labels)))[::-1]
    bv = [v / scale.factor for v in basic]
    pv = [v / scale.factor for v in proj]
    ax.barh(y, bv, color=style.PALETTE[0], height=0.62, label="基本支出（人员经费、日常公用经费）")
    ax.barh(y, pv, left=bv, color=style.PALETTE[1], height=0.62, label="项目支出（为完成特定任务）")
    top = max(x + z for x, z in zip(bv, pv))
    for yy, x, z in zip(y, bv, pv):
        share = _pct(x, x + z)
        ax.text(x + z + top * 0.01, yy, f"{_fmt(x + z)}　基本 {share}", va="center", fontsize=8.5, color=style.INK)
    ax.set_yticks(y, [_short(s, 16) for s in labels])
    ax.tick_params(axis="y", length=0, labelsize=9.5, labelcolor=style.INK)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, top * 1.35)
    ax.set_xlabel(scale.label(), fontsize=9)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8.5)
    _finish(fig, ax, f"{_year(meta)}基本支出与项目支出", source_line(meta, f.key, f.pages), scale,
            subtitle=f"基本支出 {_fmt(b / scale.factor)}（{_pct(b, b + p)}），项目支出 {_fmt(p / scale.factor)}（{_pct(p, b + p)}）")
    return fig


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


def economic_data(tidy: pd.DataFrame, meta: dict) -> Economic:
    key = "general_budget_basic_economic"
    t = _table(tidy, key)
    if t.empty:
        raise NoData("no general_budget_basic_economic table (基本支出分经济科目)")
    cols = _columns(t)
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
    return Economic(key, _pages(t, meta, key), set(t["unit"]), classes.sort_values("v", ascending=False),
                    personnel, public, derived, col)


def economic_classification(tidy: pd.DataFrame, meta: dict):
    e = economic_data(tidy, meta)
    n = len(e.classes)
    values = list(e.classes["v"]) + [x for x in (e.personnel, e.public) if x]
    scale = _scale(e.unit, values)
    fig = style.figure((8.0, max(3.4, min(7.0, 2.6 + 0.36 * n))))
    split = bool(e.personnel or e.public)
    gs = fig.add_gridspec(2 if (split and n) else 1, 1, height_ratios=[1, max(n, 1) * 0.9] if (split and n) else None)
    axes = []
    if split:
        ax0 = fig.add_subplot(gs[0])
        axes.append(ax0)
        pe, pu = (e.personnel or 0.0), (e.public or 0.0)
        tot = pe + pu
        ax0.barh([0], [pe], color=style.PALETTE[0], height=0.6)
        ax0.barh([0], [pu], left=[pe], color=style.PALETTE[2], height=0.6)
        ax0.set_xlim(0, tot if tot else 1)
        ax0.set_axis_off()
        ax0.set_ylim(-0.75, 0.4)
        for x0, w, lab in ((0, pe, "人员经费"), (pe, pu, "公用经费")):
            if not w:
                continue
            text = f"{lab} {_fmt(w / scale.factor)}（{_pct(w, tot)}）"
            if w / tot > 0.3:  # wide enough: the label inside its block
                ax0.text(x0 + w / 2, 0, text, ha="center", va="center", fontsize=9, color="white")
            else:  # a narrow block: the label under the bar, ending at the block's right edge
                ax0.text(x0 + w, -0.36, text, ha="right" if x0 else "left", va="top", fontsize=9, color=style.INK)
    if n:
        ax = fig.add_subplot(gs[-1])
        axes.append(ax)
        _hbars(ax, list(e.classes["name"]), list(e.classes["v"]), scale, total=float(e.classes["v"].sum()))
    note = "人员经费/公用经费按经济分类推算（工资福利支出+对个人和家庭的补助 = 人员经费）" if e.derived else ""
    sub = "一般公共预算基本支出：人员经费与公用经费" + ("，及按经济分类（类）" if n else "")
    _finish(fig, axes[0], f"{_year(meta)}基本支出的经济分类", source_line(meta, e.key, e.pages, note), scale, subtitle=sub)
    return fig


@dataclass
class Revenue:
    key: str
    pages: list[int]
    unit: set[str]
    sources: pd.DataFrame  # name, v
    total: float


def revenue_data(tidy: pd.DataFrame, meta: dict) -> Revenue:
    reasons = []
    s = _table(tidy, "summary")
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
            return Revenue("summary", _pages(s, meta, "summary"), set(s["unit"]), d, total)
        reasons.append("summary: no numbered 收入 items")
    else:
        reasons.append("no 收入 side in a summary table")
    t = _table(tidy, "revenue")
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
            return Revenue("revenue", _pages(t, meta, "revenue"), set(t["unit"]), d, total)
        reasons.append("revenue: no positive source columns")
    else:
        reasons.append("no revenue table")
    raise NoData("no revenue by source: " + "; ".join(reasons))


def revenue_by_source(tidy: pd.DataFrame, meta: dict):
    r = revenue_data(tidy, meta)
    d = r.sources.sort_values("v", ascending=False)
    scale = _scale(r.unit, list(d["v"]) + [r.total])
    fig = style.figure(_height(max(len(d), 2)))
    ax = fig.add_subplot()
    _hbars(ax, list(d["name"]), list(d["v"]), scale, total=r.total, label_len=18)
    _finish(fig, ax, f"{_year(meta)}收入来源", source_line(meta, r.key, r.pages), scale,
            subtitle=f"收入总计 {_fmt(r.total / scale.factor)} {scale.unit}")
    return fig


# the printed names of the 三公 items (words.yml), in the order the chart shows them
THREE_PUBLIC = [words()["three_public"][k]["name"] for k in ("abroad", "reception", "car_buy", "car_run", "car")]


def _three_kind(label: str) -> str | None:
    s = label.replace("(", "（").replace(")", "）")
    if "出国" in s:
        return THREE_PUBLIC[0]
    if "接待" in s:
        return THREE_PUBLIC[1]
    if "公务用车" in s or s.endswith(("购置费", "运行费", "运行维护费")):
        last = s.split(" / ")[-1]
        if "购置及运行" in last or last in ("小计", "合计"):
            return THREE_PUBLIC[4]
        if "购置" in last:
            return THREE_PUBLIC[2]
        if "运行" in last:
            return THREE_PUBLIC[3]
        return THREE_PUBLIC[4]
    return None


@dataclass
class ThreePublic:
    pages: list[int]
    unit: set[str]
    parts: pd.DataFrame  # name, v
    total: float


def three_public_data(tidy: pd.DataFrame, meta: dict) -> ThreePublic:
    key = "three_public"
    t = _table(tidy, key)
    if t.empty:
        raise NoData("no 三公 table (three_public)")
    cols = _columns(t)
    amounts: dict[str, float] = {}
    item_kinds = {i: _three_kind(_norm(i)) for i in set(t["item"])}
    if any(item_kinds.values()):  # long layout: one row per kind
        col = _total_col(cols)
        r = _rows(t, [col])
        for i, v in zip(r["item"], r["v"]):
            k = item_kinds.get(i)
            if k and k not in amounts:
                amounts[k] = v
    else:  # wide layout: one column per kind; the total row (or this year's row, or the first)
        year = str(meta.get("year") or "")
        rows = t[["page", "row", "item", "section"]].drop_duplicates(["page", "row"])
        pick = rows[[_is_total(i) for i in rows["item"]]]
        if pick.empty and year:
            pick = rows[rows["item"].str.contains(year)]
        if pick.empty:
            pick = rows.head(1)
        p = pick.iloc[0]
        rt = t[(t["page"] == p["page"]) & (t["row"] == p["row"])]
        for c, v in zip(rt["column"], rt["v"]):
            segs = [s for s in _segs(c) if not any(f in s for f in _FUNDING_SEGS)]
            k = _three_kind(" / ".join(segs)) if segs else None
            if k:
                amounts[k] = amounts.get(k, 0.0) + v
    if not amounts:
        raise NoData("three_public: no 因公出国（境）/公务接待/公务用车 amounts found")
    # every kind is shown, a zero too (that 因公出国 is 0 is news); the car split when printed, else the car subtotal
    split = THREE_PUBLIC[2] in amounts or THREE_PUBLIC[3] in amounts
    kinds = THREE_PUBLIC[:2] + (THREE_PUBLIC[2:4] if split else THREE_PUBLIC[4:])
    parts = pd.DataFrame([(k, amounts.get(k, 0.0)) for k in kinds], columns=["name", "v"])
    if parts.empty:
        raise NoData("three_public: no 因公出国（境）/公务接待/公务用车 amounts found")
    total = float(parts["v"].sum())
    if total <= 0:
        raise NoData("three_public: 三公经费 are all zero")
    return ThreePublic(_pages(t, meta, key), set(t["unit"]), parts, total)


def three_public(tidy: pd.DataFrame, meta: dict):
    tp = three_public_data(tidy, meta)
    scale = _scale(tp.unit, tp.parts["v"])
    fig = style.figure((8.0, 3.6))
    ax = fig.add_subplot()
    colors = [style.PALETTE[(0, 1, 2, 2, 2)[THREE_PUBLIC.index(n)]] for n in tp.parts["name"]]
    _hbars(ax, list(tp.parts["name"]), list(tp.parts["v"]), scale, total=tp.total, colors=colors)
    _finish(fig, ax, f"{_year(meta)}“三公”经费", source_line(meta, "three_public", tp.pages), scale,
            subtitle=f"合计 {_fmt(tp.total / scale.factor)} {scale.unit}")
    return fig


def projects_data(tidy: pd.DataFrame, meta: dict) -> tuple[pd.DataFrame, str, list[int], set[str]]:
    key = "project_expenditure"
    t = _table(tidy, key)
    if t.empty:
        raise NoData("no project table (project_expenditure)")
    cols = _columns(t)
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
    return d.sort_values("v", ascending=False, kind="stable").reset_index(drop=True), key, _pages(t, meta, key), set(t["unit"])


def projects_by_unit(tidy: pd.DataFrame, meta: dict, top: int = 12):
    d, key, pages, unit = projects_data(tidy, meta)
    head, rest = d.head(top), d.iloc[top:]
    labels = list(head["project"])
    values = list(head["v"])
    units = list(dict.fromkeys(head["unit"]))
    color_of = {u: style.PALETTE[k % len(style.PALETTE)] for k, u in enumerate(units)}
    colors = [color_of[u] for u in head["unit"]]
    if len(rest):
        labels.append(f"其他 {len(rest)} 个项目")
        values.append(float(rest["v"].sum()))
        colors.append(style.PALETTE[7])
    total = float(d["v"].sum())
    scale = _scale(unit, values)
    fig = style.figure(_height(len(values)))
    ax = fig.add_subplot()
    _hbars(ax, labels, values, scale, total=total, colors=colors, label_len=18)
    if len([u for u in units if u]) > 1:
        from matplotlib.patches import Patch

        ax.legend([Patch(color=color_of[u]) for u in units if u], [_short(u, 22) for u in units if u],
                  title="实施单位", loc="lower right", fontsize=8, title_fontsize=8.5)
    _finish(fig, ax, f"{_year(meta)}项目支出：金额最大的项目", source_line(meta, key, pages), scale,
            subtitle=f"共 {len(d)} 个项目，合计 {_fmt(total / scale.factor)} {scale.unit}")
    return fig


def yoy_data(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict) -> tuple[pd.DataFrame, Functions, Functions]:
    now, then = function_classes(tidy, meta), function_classes(prev_tidy, prev_meta)
    f_now = 10_000.0 if now.unit == {"元"} else 1.0
    f_then = 10_000.0 if then.unit == {"元"} else 1.0
    a = now.classes.assign(now=now.classes["v"] / f_now)[["code", "name", "now"]]
    b = then.classes.assign(then=then.classes["v"] / f_then)[["code", "then"]]
    d = a.merge(b, on="code", how="outer")
    names = dict(zip(then.classes["code"], then.classes["name"]))
    d["name"] = [n if isinstance(n, str) and n else names.get(c, c) for c, n in zip(d["code"], d["name"])]
    d = d.fillna({"now": 0.0, "then": 0.0})
    d["change"] = d["now"] - d["then"]
    d["pct"] = [(c / t if t else float("nan")) for c, t in zip(d["change"], d["then"])]
    d = d.sort_values("now", ascending=False, kind="stable").reset_index(drop=True)
    return d, now, then


def year_over_year(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict):
    d, now, then = yoy_data(tidy, meta, prev_tidy, prev_meta)
    y0, y1 = prev_meta.get("year") or "上年", meta.get("year") or "本年"
    fig = style.figure(_height(len(d) * 1.5))
    ax = fig.add_subplot()
    y = list(range(len(d)))[::-1]
    h = 0.38
    ax.barh([v + h / 2 for v in y], d["then"], height=h, color=style.PALETTE[7], label=f"{y0}年")
    ax.barh([v - h / 2 for v in y], d["now"], height=h, color=style.PALETTE[0], label=f"{y1}年")
    top = float(max(d["now"].max(), d["then"].max()))
    for yy, a, b, c, p in zip(y, d["now"], d["then"], d["change"], d["pct"]):
        sign = "+" if c >= 0 else "−"
        pct = f"，{sign}{abs(p) * 100:.1f}%" if p == p else "，新增" if b == 0 else ""
        flat = abs(c) < 0.005
        ax.text(max(a, b) + top * 0.01, yy, "持平" if flat else f"{sign}{_fmt(abs(c))}{pct}", va="center", fontsize=8.5,
                color=style.MUTED if flat else style.PALETTE[2] if c >= 0 else style.PALETTE[3])
    ax.set_yticks(y, [_short(n, 16) for n in d["name"]])
    ax.tick_params(axis="y", length=0, labelsize=9.5, labelcolor=style.INK)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, top * 1.32 if top else 1)
    ax.set_xlabel("金额（万元）", fontsize=9)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right")
    conv = "原表单位为元，已换算为万元" if "元" in (now.unit | then.unit) else ""
    src = (source_line(meta, now.key, now.pages) + "\n" + source_line(prev_meta, then.key, then.pages))
    t_now, t_then = float(d["now"].sum()), float(d["then"].sum())
    _finish(fig, ax, f"{y1}年与{y0}年比较：支出按功能分类（类）", src, Scale("万元", 1.0, conv),
            subtitle=f"合计 {_fmt(t_then)} → {_fmt(t_now)} 万元（{'+' if t_now >= t_then else '−'}{_pct(abs(t_now - t_then), t_then)}）")
    return fig


def _year(meta: dict) -> str:
    return f"{meta['year']}年" if meta.get("year") else ""


# ------------------------------------------------------------------ sentences (what each chart shows)

def _sentence(name: str, tidy, meta, previous=None) -> str:
    if name == "function":
        f = function_classes(tidy, meta)
        d = f.classes.sort_values("v", ascending=False)
        s = _scale(f.unit, d["v"])
        top = d.iloc[0]
        text = (f"按功能分类，{len(d)} 类支出合计 {_fmt(f.total / s.factor)} {s.unit}；"
                f"{top['name']}最多，{_fmt(top['v'] / s.factor)} {s.unit}，占 {_pct(top['v'], f.total)}")
        if len(d) > 1:
            sec = d.iloc[1]
            text += f"；其次是{sec['name']}，占 {_pct(sec['v'], f.total)}"
        return text + "。"
    if name == "function_detail":
        f = function_classes(tidy, meta)
        big, parent, level, kids = _detail(f)
        s = _scale(f.unit, kids["v"])
        k = kids.iloc[0]
        return (f"{parent['name']}（{_fmt(parent['v'] / s.factor)} {s.unit}）下共 {len(kids)} {level}，"
                f"最大的是{k['name']}，{_fmt(k['v'] / s.factor)} {s.unit}，占 {_pct(k['v'], parent['v'])}。")
    if name == "basic_project":
        f = function_classes(tidy, meta, need_split=True)
        if f.totals_bp is None:
            raise NoData(f"{f.key}: no 基本支出/项目支出 columns")
        b, p = f.totals_bp
        s = _scale(f.unit, [b, p])
        return (f"基本支出 {_fmt(b / s.factor)} {s.unit}（{_pct(b, b + p)}），"
                f"项目支出 {_fmt(p / s.factor)} {s.unit}（{_pct(p, b + p)}）。")
    if name == "economic":
        e = economic_data(tidy, meta)
        vals = [x for x in (e.personnel, e.public) if x] + list(e.classes["v"])
        s = _scale(e.unit, vals)
        parts = []
        if e.personnel is not None and e.public is not None and (e.personnel + e.public):
            tot = e.personnel + e.public
            parts.append(f"基本支出中人员经费 {_fmt(e.personnel / s.factor)} {s.unit}（{_pct(e.personnel, tot)}），"
                         f"公用经费 {_fmt(e.public / s.factor)} {s.unit}（{_pct(e.public, tot)}）"
                         + ("（按经济分类推算）" if e.derived else ""))
        if len(e.classes):
            c = e.classes.iloc[0]
            parts.append(f"经济分类中{c['name']}最多，{_fmt(c['v'] / s.factor)} {s.unit}，占 {_pct(c['v'], e.classes['v'].sum())}")
        return "；".join(parts) + "。"
    if name == "revenue":
        r = revenue_data(tidy, meta)
        d = r.sources.sort_values("v", ascending=False)
        s = _scale(r.unit, list(d["v"]) + [r.total])
        top = d.iloc[0]
        return (f"收入总计 {_fmt(r.total / s.factor)} {s.unit}，{len(d)} 个来源中{top['name']}最多，"
                f"{_fmt(top['v'] / s.factor)} {s.unit}，占 {_pct(top['v'], r.total)}。")
    if name == "three_public":
        tp = three_public_data(tidy, meta)
        s = _scale(tp.unit, tp.parts["v"])
        items = "，".join(f"{n} {_fmt(v / s.factor)}" for n, v in zip(tp.parts["name"], tp.parts["v"]))
        return f"“三公”经费合计 {_fmt(tp.total / s.factor)} {s.unit}：{items}（{s.unit}）。"
    if name == "projects":
        d, _, _, unit = projects_data(tidy, meta)
        s = _scale(unit, d["v"])
        tot = float(d["v"].sum())
        top = d.iloc[0]
        n_units = len({u for u in d["unit"] if u})
        who = f"，由 {n_units} 个单位实施" if n_units > 1 else ""
        return (f"共 {len(d)} 个项目{who}，合计 {_fmt(tot / s.factor)} {s.unit}；最大的是「{top['project']}」，"
                f"{_fmt(top['v'] / s.factor)} {s.unit}，占 {_pct(top['v'], tot)}。")
    if name == "yoy":
        if previous is None:
            raise NoData("no previous disclosure given")
        pt, pm = previous
        d, _, _ = yoy_data(tidy, meta, pt, pm)
        t0, t1 = float(d["then"].sum()), float(d["now"].sum())
        up = d.sort_values("change", ascending=False).iloc[0]
        down = d.sort_values("change").iloc[0]
        text = (f"{pm.get('year')}年到{meta.get('year')}年，按功能分类的支出合计从 {_fmt(t0)} 万元变为 {_fmt(t1)} 万元"
                f"（{'+' if t1 >= t0 else '−'}{_pct(abs(t1 - t0), t0)}）")
        if up["change"] > 0:
            text += f"；增加最多的是{up['name']}（+{_fmt(up['change'])} 万元）"
        if down["change"] < 0:
            text += f"；减少最多的是{down['name']}（−{_fmt(-down['change'])} 万元）"
        return text + "。"
    raise KeyError(name)


# ------------------------------------------------------------------ registry, saving

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
    name: str
    figure: object | None = None
    sentence: str = ""
    reason: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def made(self) -> bool:
        return self.figure is not None


def make(name: str, tidy: pd.DataFrame, meta: dict, previous: tuple[pd.DataFrame, dict] | None = None) -> Chart:
    """Draw one chart; a chart without data comes back with .figure None and .reason set."""
    func = CHARTS[name]
    if previous is not None and not isinstance(previous, tuple):  # a data.Disclosure
        previous = (previous.tidy, previous.meta)
    try:
        if name == "yoy":
            if previous is None:
                raise NoData("no previous disclosure given")
            fig = func(tidy, meta, previous[0], previous[1])
        else:
            fig = func(tidy, meta)
        return Chart(name, fig, _sentence(name, tidy, meta, previous))
    except NoData as exc:
        return Chart(name, None, "", str(exc))


def save(fig, doc_id: str, name: str, base: Path | None = None) -> Path:
    """figures/<doc_id>/<name>.png and .svg; byte-identical on re-runs.  Returns the PNG path."""
    folder = paths.figures_dir(doc_id, base)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, dpi=style.SAVE_DPI, bbox_inches="tight", pad_inches=0.15, metadata=style.PNG_METADATA,
                facecolor="white")
    fig.savefig(folder / f"{name}.svg", bbox_inches="tight", pad_inches=0.15, metadata=style.SVG_METADATA,
                facecolor="white")
    return png


def png_bytes(fig, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for notebooks: a smaller copy of what save() writes)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.15, metadata=style.PNG_METADATA,
                facecolor="white")
    return buf.getvalue()


def draw_all(tidy: pd.DataFrame, meta: dict, doc_id: str, previous=None, base: Path | None = None) -> dict[str, Path | str]:
    """Every chart for one disclosure: {name: PNG path, or the reason it was skipped}.

    `previous` is (tidy, meta) of an earlier disclosure (or an object with .tidy and .meta) for the yoy chart."""
    if previous is not None and not isinstance(previous, tuple):
        previous = (previous.tidy, previous.meta)
    out: dict[str, Path | str] = {}
    for name in CHARTS:
        c = make(name, tidy, meta, previous)
        out[name] = save(c.figure, doc_id, name, base) if c.made else c.reason
    return out
