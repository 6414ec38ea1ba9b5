"""The "三公"经费: the three items (因公出国（境）, 公务接待, 公务用车购置及运行) this stage and year beside the other
column the table prints (the budget beside a 决算, last year beside this year)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.draw import (_bar_axis, _frame, _hbars, _patch, _room, _Spec, _title, _unit_line, _who,
                                        _with_legend, _yr)
from yusuan.present.charts.frame import (_FUNDING_SEGS, NoData, _is_total, _norm, _pages, _scale, _segs, _table,
                                         _total_col, _w, config, doc_stage, source_line)
from yusuan.present.charts.totals import Stated, shown, stated
from yusuan.vocab import header_stage, header_year, stage_words, words

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
        seg = _norm(re.sub(r"^\s*其中\s*[:：]?", "", seg))  # "其中：（1）公务用车购置费" (福州)
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
    决算; last year beside this year); ``parts``/``total`` are the main series'.  The totals are the disclosure's
    key figures (“三公”经费, its 预算数, last year's: charts/totals.py), each beside the items plotted — None where
    the disclosure prints no such figure; never the table's 合计 that also holds 会议费 and 培训费."""
    pages: list[int]
    unit: set[str]
    parts: pd.DataFrame  # name, v
    total: float | None
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    main: str = ""
    other: str | None = None
    stage: str = ""
    year: str = ""
    totals: dict = field(default_factory=dict)  # series → its total (the key figure), None where none is printed
    stated: dict = field(default_factory=dict)  # series → Stated (charts/totals.py): the key figure and the parts


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
    sections = list(dict.fromkeys(x for x in rows["section"] if x))
    if len(sections) > 1 and rows["section"].iloc[0] == sections[0]:
        # a table printed unit by unit (深圳 人社局: the department's rows, then 本级's and each unit's): the
        # department's block, the one its key figure is read from — not every unit's added up
        first = [i for i, x in enumerate(rows["section"]) if x and x != sections[0]]
        rows = rows.iloc[:first[0]] if first else rows
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
    # each series' total is the key figure it is (国家信访局 2024 prints 46.21 for parts adding to 46.20; 江苏's
    # 合计 2,599.37 also holds 会议费 and 培训费, its “三公”经费 670.12), beside the sum of the items plotted
    units = set(t["unit"])
    said = {}
    for st, y in shown:
        k = _series_key(st, y, main, meta)
        items = list(out[out["series"] == _series_name(st, y)]["v"])
        said[_series_name(st, y)] = stated(meta, k, units, items) if k else Stated("", "", None, float(sum(items)))
    tp = ThreePublic(_pages(t, meta, key), units, parts, said[_series_name(*main)].value,
                     out.reset_index(drop=True), _series_name(*main), _series_name(*other) if other else None,
                     main[0], main[1])
    tp.totals = {name: x.value for name, x in said.items()}
    tp.stated = said
    return tp


def _series_key(stage: str, year: str, main: tuple[str, str], meta: dict) -> str | None:
    """Which key figure (keyfigures.yml) a series of the 三公 table is: the disclosure's own stage and year
    (“三公”经费), the 预算数 beside a 决算's 决算数 (three_public_budget), the year before (three_public_previous);
    None for any other (no such key figure: the chart states no total for it)."""
    own_stage, own_year = doc_stage(meta), str(meta.get("year") or "")
    if (stage, year) == (own_stage, own_year) or ((stage, year) == main and year == own_year):
        return "three_public"
    if year == own_year and own_stage == "决算" and stage != "决算":
        return "three_public_budget"
    if stage == main[0] and year.isdigit() and own_year.isdigit() and int(year) == int(own_year) - 1:
        return "three_public_previous"
    return None


def _spec_three_public(tidy: pd.DataFrame, meta: dict) -> _Spec:
    tp = three_public_data(tidy, meta)
    s = tp.series
    scale = _scale(tp.unit, list(s["v"]) + [v for v in tp.totals.values() if v is not None])
    source = source_line(meta, "three_public", tp.pages)
    data = _frame(source, label=list(s["name"]), value=[scale.show(v) for v in s["v"]], unit=scale.unit,
                  series=list(s["series"]), stage=list(s["stage"]), year=list(s["year"]))
    kinds = list(tp.parts["name"])
    main_v = [scale.show(v) for v in tp.parts["v"]]
    other_total = tp.totals.get(tp.other) if tp.other else None
    lead = f"{_who(meta)}{_yr(tp.year)}“三公”经费{tp.stage}"
    items = "，".join(f"{n} {scale.fmt(v)}" for n, v in zip(kinds, main_v))
    sentence = lead + (f"合计 {scale.text(tp.total)}" if tp.total is not None else "")
    if tp.other and other_total is not None:
        sentence += f"，{tp.other}为 {scale.text(other_total)}"
        if tp.total is not None:
            diff = tp.total - other_total
            sentence += "，" + ("持平" if abs(diff) < 0.005 else f"{'增加' if diff > 0 else '减少'} {scale.text(abs(diff))}")
    # what the items do not say by themselves: parts that do not add up to the key figure, a figure not printed
    notes = [(f"{name}：" if name != tp.main or tp.other else "") + note
             for name, x in tp.stated.items() if x.key and (note := x.note(scale))]
    sentence += f"：{items}（{scale.unit}）" + (f"（{'；'.join(notes)}）" if notes else "") + "。"
    heads = [f"{tp.main} {_w('total')} {scale.text(tp.total)}" if tp.total is not None else "",
             f"{tp.other} {scale.text(other_total)}" if tp.other and other_total is not None else ""]
    head = "，".join(h for h in heads if h) + ("；" + "；".join(notes) if notes else "")

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
                 data, draw, len(kinds) * 1.5 + 1 if tp.other else len(kinds),
                 totals=shown(scale, *tp.stated.values()))
