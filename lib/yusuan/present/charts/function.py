"""Spending by function (功能分类): the 类 with their shares, the largest 类's 款 or 项, and 基本支出 beside 项目支出
per 类 — from the function-classification tables, the hierarchy rebuilt from codes or from sums where printed
without them."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.draw import (_bar_axis, _frame, _hbars, _lead, _patch, _pct_label, _room, _Spec, _title,
                                        _unit_line, _what, _with_legend)
from yusuan.present.charts.frame import (_CLASS_BY_NAME, FUNCTION_CLASSES, NoData, _cols_with, _columns, _is_total,
                                         _main_cols, _norm, _pages, _pct, _rows, _scale, _share, _stage_year, _table,
                                         _total_col, _total_mask, _w, source_line)
from yusuan.present.charts.totals import Stated, itself, shown, stated


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
    else the 支出 side of the summary table.  need_split: only a table with 基本支出 and 项目支出 columns, the
    all-funds expenditure table first.

    Amounts as printed (``unit``), from the columns of the disclosure's own stage and year (:func:`_main_cols`:
    a final account's 决算数, a budget's 预算数 — not 上年执行数 printed beside it)."""
    reasons = []
    # 基本支出 beside 项目支出: the all-funds table first, the one the key figures 基本支出 and 项目支出 are read from
    order = ("expenditure", "general_budget_expenditure") if need_split else _FUNCTION_TABLES
    for key in order + ("summary",):
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


def function_key(f: Functions) -> str:
    """The key figure a function table's total is (keyfigures.yml): 一般公共预算支出 for the general-budget
    table, 本年支出 for the all-funds ones."""
    return "general_budget" if f.key == "general_budget_expenditure" else "expenditure"


def function_total(f: Functions, meta: dict) -> Stated:
    """The total of a function table's 类 as the chart states it: the disclosure's key figure beside the 类 plotted."""
    return stated(meta, function_key(f), f.unit, list(f.classes["v"]))


def function_shares(tidy: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """类 with amount (as printed unit) and share of the total (the key figure; none printed: of the 类), largest
    first."""
    f = function_classes(tidy, meta)
    whole = function_total(f, meta).whole
    d = f.classes.sort_values("v", ascending=False).reset_index(drop=True)
    d["share"] = d["v"] / whole if whole else 0.0
    return d


def _spec_function(tidy: pd.DataFrame, meta: dict) -> _Spec:
    f = function_classes(tidy, meta)
    d = f.classes.sort_values("v", ascending=False)
    what = _what(f.key)
    if len(d) < 2:
        raise NoData(f"{f.key}: one 类 only ({d['name'].iloc[0]}): a one-bar chart says nothing; its 款 are in "
                     "function_detail")
    total = function_total(f, meta)
    whole = total.whole
    scale = _scale(f.unit, list(d["v"]) + [whole])
    labels = [f"{n}（{c}）" if str(c).isdigit() else n for c, n in zip(d["code"], d["name"])]
    values = [scale.show(v) for v in d["v"]]
    shares = [_share(v, whole) for v in d["v"]]
    source = source_line(meta, f.key, f.pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, stage=f.stage, year=f.year)
    top = d.iloc[0]
    said = f"，合计 {scale.text(total.value)}" if total.value is not None else ""
    note = total.note(scale)
    sentence = (f"{_lead(meta, what, f.stage)}按功能分类共 {len(d)} 类{said}{'（' + note + '）' if note else ''}；"
                f"{top['name']}最多，{scale.text(top['v'])}，占 {_pct(top['v'], whole)}")
    if len(d) > 1:
        sentence += f"；其次是{d.iloc[1]['name']}，占 {_pct(d.iloc[1]['v'], whole)}"

    def draw(fig, lay):
        ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)])
        return [ax]

    head = "，".join(x for x in (f"{_w('total')} {scale.text(total.value)}" if total.value is not None else "", note) if x)
    return _Spec("function", _title("function", meta, f.stage, what=what), _unit_line(scale, head),
                 source, sentence + "。", data, draw, len(d), totals=shown(scale, total))


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
    basic_w, project_w = _w("basic"), _w("project_spending")
    if f.totals_bp[0] <= 0 or f.totals_bp[1] <= 0:
        raise NoData(f"{f.key}: {'项目支出' if f.totals_bp[1] <= 0 else '基本支出'} is zero — one kind of spending only, "
                     "nothing to split")
    d = f.basic.assign(total=f.basic["basic"] + f.basic["project"]).sort_values("total", ascending=False)
    d = d[d["total"] > 0]
    by_class = len(d) >= 2
    # the two totals stated are the key figures 基本支出 and 项目支出, beside the 类 plotted; without 类, the two bars
    # are those figures themselves (the table's printed split where the disclosure prints no such key figure)
    sb = stated(meta, "basic", f.unit, list(d["basic"])) if by_class else itself(meta, "basic", f.unit, f.totals_bp[0])
    sp = stated(meta, "project", f.unit, list(d["project"])) if by_class else itself(meta, "project", f.unit, f.totals_bp[1])
    b, p = sb.whole, sp.whole
    scale = _scale(f.unit, list(d["total"]) + [b + p])
    source = source_line(meta, f.key, f.pages)
    what = _what(f.key)
    notes = "；".join(n for n in (sb.note(scale), sp.note(scale)) if n)
    sentence = (f"{_lead(meta, what, f.stage)}中，{basic_w} {scale.text(b)}（{_pct(b, b + p)}），"
                f"{project_w} {scale.text(p)}（{_pct(p, b + p)}）" + (f"（{notes}）" if notes else ""))
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
    head += f"；{notes}" if notes else ""
    return _Spec("basic_project", _title("basic_project", meta, f.stage, what=what), _unit_line(scale, head), source,
                 sentence + "。", data, draw, len(names) + (1.2 if by_class else 0),
                 totals=shown(scale, sb, sp))
