"""Revenue by source (一般公共预算, 政府性基金, 事业收入 …), with shares of the printed total."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from yusuan.present.charts.draw import _frame, _hbars, _pct_label, _Spec, _title, _unit_line, _who, _yr
from yusuan.present.charts.frame import (_TOTAL_SEGS, NoData, _columns, _is_total, _norm, _pages, _pct, _rows, _scale,
                                         _segs, _share, _stage_year, _table, _total_col, _w, source_line)
from yusuan.present.charts.totals import key_rows, shown, stated
from yusuan.vocab import words


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


def revenue_key(r: Revenue, meta: dict) -> str:
    """The key figure the sources add up to (keyfigures.yml): 收支总计 where they include the money brought forward
    (上年结转 …), or where nothing is brought forward (本年收入 and 收支总计 are one figure); else 本年收入."""
    carried = any(words()["totals"]["brought_forward"].search(str(n)) for n in r.sources["name"])
    rev, grand = (key_rows(meta).get(k) or {} for k in ("revenue", "grand_total"))
    same = bool(rev.get("value")) and bool(grand.get("value")) and rev.get("unit") == grand.get("unit") \
        and float(rev["value"]) == float(grand["value"])
    return "grand_total" if carried or same else "revenue"


def _spec_revenue(tidy: pd.DataFrame, meta: dict) -> _Spec:
    r = revenue_data(tidy, meta)
    d = r.sources.sort_values("v", ascending=False)
    if len(d) < 2:
        raise NoData(f"{r.key}: one source of revenue only ({d['name'].iloc[0]}, 100%): a one-bar chart says nothing")
    total = stated(meta, revenue_key(r, meta), r.unit, list(d["v"]))
    whole = total.whole
    scale = _scale(r.unit, list(d["v"]) + [whole])
    labels = list(d["name"])
    values = [scale.show(v) for v in d["v"]]
    shares = [_share(v, whole) for v in d["v"]]
    source = source_line(meta, r.key, r.pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, stage=r.stage,
                  year=str(meta.get("year") or r.year))
    top = d.iloc[0]
    note = total.note(scale)
    # 总计 where the figure is 收支总计, 合计 where it is this year's revenue without what was brought forward
    said = f"{'总计' if total.key == 'grand_total' else _w('total')} {scale.text(total.value)}，" \
        if total.value is not None else ""
    sentence = (f"{_who(meta)}{_yr(meta.get('year'))}收入{r.stage}{said}{len(d)} 个来源中"
                f"{top['name']}最多，{scale.text(top['v'])}，占 {_pct(top['v'], whole)}"
                + (f"（{note}）" if note else "") + "。")

    def draw(fig, lay):
        ax = fig.add_subplot()
        _hbars(ax, lay, labels, values, scale, [f"{scale.fmt(v)}（{_pct_label(s)}）" for v, s in zip(values, shares)])
        return [ax]

    head = "，".join(x for x in (f"{_w('total')} {scale.text(total.value)}" if total.value is not None else "", note) if x)
    return _Spec("revenue", _title("revenue", meta, r.stage), _unit_line(scale, head),
                 source, sentence, data, draw, len(d), totals=shown(scale, total))
