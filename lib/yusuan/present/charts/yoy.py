"""Two disclosures of one department: each function class (or 三公 item) this year beside the year before."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.draw import (_bar_axis, _frame, _patch, _room, _Spec, _title, _unit_line, _what, _who,
                                        _with_legend, _yr)
from yusuan.present.charts.frame import _pct, _scale, _w, _yuan, source_line
from yusuan.present.charts.function import Functions, function_classes, function_total
from yusuan.present.charts.threepublic import _series_name
from yusuan.present.charts.totals import shown

# ------------------------------------------------------------------ year over year


def yuan(f: Functions) -> float:
    """How many 元 one printed unit of a function table is (1 where its unit is mixed or unknown)."""
    u = {x for x in f.unit if x}
    return (_yuan(next(iter(u))) or 1.0) if len(u) == 1 else 1.0


def yoy_data(tidy: pd.DataFrame, meta: dict, prev_tidy: pd.DataFrame, prev_meta: dict) -> tuple[pd.DataFrame, Functions, Functions]:
    """Spending by function (类) in two disclosures: code, name, now, then (in 元 ÷ the shown unit's 元: see
    ``d.attrs['scale']``), change, pct (a fraction; NaN where the earlier year had none).  Each disclosure is read
    in its own printed unit and converted, so 元 and 万元 tables compare."""
    now, then = function_classes(tidy, meta), function_classes(prev_tidy, prev_meta)

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
    # each year's total is that disclosure's key figure (一般公共预算支出 or 本年支出), in the unit shown
    said = [replace(x, value=None if x.value is None else x.value * yuan(f), parts=x.parts * yuan(f))  # in 元
            for x, f in ((function_total(then, prev_meta), then), (function_total(now, meta), now))]
    notes = [f"{_yr(y)}{said_note}" for y, x in zip((y0, y1), said) if (said_note := x.note(scale))]
    t0, t1 = (None if x.value is None else scale.show(x.value) for x in said)
    stage = now.stage if now.stage == then.stage else f"{then.stage}/{now.stage}"
    up = d.sort_values("change", ascending=False).iloc[0]
    down = d.sort_values("change").iloc[0]
    sentence = f"{_who(meta)}{_yr(y0)}到{_yr(y1)}，{_what('yoy')}{stage}按功能分类"
    if t0 is not None and t1 is not None:
        sentence += (f"合计从 {scale.fmt(t0)} {scale.unit}变为 {scale.fmt(t1)} {scale.unit}"
                     f"（{'+' if t1 >= t0 else '−'}{_pct(abs(t1 - t0), t0)}）")
    if notes:
        sentence += f"（{'；'.join(notes)}）"
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

    head = (f"{_w('total')} {scale.fmt(t0)} → {scale.fmt(t1)} {scale.unit}（{'+' if t1 >= t0 else '−'}{_pct(abs(t1 - t0), t0)}）"
            if t0 is not None and t1 is not None else "") + ("；".join([""] + notes) if notes else "")
    return _Spec("yoy", _title("yoy", meta, stage, then=_yr(y0), what=_what("yoy")), _unit_line(scale, head.lstrip("；")),
                 src, sentence + "。", data, draw, n * 1.4 + 1, totals=shown(scale, said[1]))
