"""The largest projects (top 12, the rest grouped), coloured by implementing unit."""
from __future__ import annotations

import re

import pandas as pd

from yusuan.present import style
from yusuan.present.charts.draw import (_frame, _hbars, _patch, _pct_label, _Spec, _title, _unit_line, _who,
                                        _with_legend, _wrap, _yr)
from yusuan.present.charts.frame import (NoData, _columns, _is_total, _main_cols, _pages, _pct, _rows, _scale, _segs,
                                         _share, _stage_year, _table, _total_col, _w, doc_stage, source_line)
from yusuan.present.charts.totals import shown, stated


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
    # the total stated is the key figure 项目支出, beside the projects listed (a table of some projects only, or of
    # one fund, lists less): the shares are of it
    total = stated(meta, "project", unit, list(d["v"]))
    whole = total.whole
    scale = _scale(unit, printed + [whole])
    values = [scale.show(v) for v in printed]
    shares = [_share(v, whole) for v in printed]
    source = source_line(meta, key, pages)
    data = _frame(source, label=labels, value=values, unit=scale.unit, share=shares, series=units, stage=stage,
                  year=year)
    t0 = d.iloc[0]
    n_units = len({u for u in d["unit"] if u})
    who = f"，由 {n_units} 个单位实施" if n_units > 1 else ""
    note = total.note(scale)
    said = f"，{total.text(scale)}" if total.value is not None else ""
    sentence = (f"{_who(meta)}{_yr(meta.get('year'))}项目支出{stage}共 {len(d)} 个项目{who}{said}"
                + (f"（{note}）" if note else "")
                + f"；最大的是「{t0['project']}」，{scale.text(t0['v'])}，占 {_pct(t0['v'], whole)}。")

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

    head = "，".join(x for x in (f"共 {len(d)} 个项目", total.text(scale), note) if x)
    return _Spec("projects", _title("projects", meta, stage), _unit_line(scale, head),
                 source, sentence, data, draw, len(labels) + (0.45 * len(named) if len(named) > 1 else 0),
                 totals=shown(scale, total))
