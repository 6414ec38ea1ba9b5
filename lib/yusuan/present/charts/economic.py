"""基本支出 by economic class (经济分类 类): amounts, and 人员经费 / 公用经费 as shares of 基本支出, in two panels."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.draw import _frame, _hbars, _lead, _pct_label, _Spec, _title, _unit_line
from yusuan.present.charts.frame import (_ECON_IN_ITEM, _PERSONNEL_ECON, _WAGES, ECONOMIC_CLASSES, ECONOMIC_CODES,
                                         NoData, _columns, _is_total, _main_cols, _norm, _pages, _pct, _rows, _scale,
                                         _segs, _share, _stage_year, _table, _total_col, _w, source_line)


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
