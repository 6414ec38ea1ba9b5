"""Classification codes of a table's rows, however the table prints them.

Function (功能分类) and economic (经济分类) classification codes are 3 digits for a 类, 5 for a 款 and
7 for a 项 (财政部《政府收支分类科目》: 201 → 20103 → 2010301).  Tables print them

* whole in a code column (科目编码 ``2010301``),
* split over 类 | 款 | 项 columns, each row filling only its own level ("201 | | ", " | 03 | ",
  " | | 01": the 款 and 项 digits continue the 类 and 款 printed above them — 烟台, the national
  决算 template), or all three on every row ("201 | 03 | 01"),
* in the label itself ("2010301 行政运行", "[206]科学技术支出", "2010301-行政运行").

:func:`coded_rows` gives one ``(code, label)`` per body row; codes are text, never numbers.
"""
from __future__ import annotations

import re

# a code at the start of a label: "2010301 行政运行", "[206]科学技术支出", "【30101】基本工资", "201-一般公共服务"
LEADING_CODE = re.compile(r"^[\[【]?(\d{3}(?:\d{2}){0,2})[\]】]?\s*[-_:：、 ]?\s*(\D.*)$")
_HEADER_RESIDUE = {"类", "款", "项", "类款项"}


def split_leading_code(label: str) -> tuple[str, str] | None:
    """("2010301", "行政运行") for "2010301 行政运行" or "[2010301]行政运行"; None when no code leads."""
    m = LEADING_CODE.match(label or "")
    return (m.group(1), m.group(2).strip()) if m else None


def coded_rows(table, side: str = "") -> list[tuple[str, str]]:
    """``(code, label)`` for each body row of ``table`` (a PrintedTable), on one side of a two-sided table.

    ``label``: the label columns' text joined with " / " (or, when they are blank, text printed across
    the code columns, as a merged 合计); ``code``: the digits of the code columns, split levels
    completed from the rows above, or the code leading the label when most labels lead with one.
    """
    codes = [j for j, c in enumerate(table.columns) if c.side == side and c.role == "code"]
    labels = [j for j, c in enumerate(table.columns) if c.side == side and c.role == "label"]
    split = len(codes) >= 2
    current: list[str | None] = [None] * len(codes)
    out = []
    for row in table.body:
        parts: dict[int, str] = {}
        text = []
        for k, j in enumerate(codes):
            t = row[j].replace(" ", "")
            if not t or t in _HEADER_RESIDUE:
                continue
            if t.isdigit():
                parts[k] = t
            else:
                text.append(row[j])
        code = ""
        if parts:
            k0 = min(parts)
            known = current[:k0]
            if split and k0 > 0 and all(known):
                code = "".join(known)  # a 款 or 项 row: the levels above come from the rows above
            for k in range(k0, len(codes)):
                t = parts.get(k)
                if t is None:
                    continue
                # 款 and 项 are two digits; some tools drop the leading zero ("301 | 2" is 30102)
                code += t.zfill(2) if code and len(t) == 1 else t
            if split:
                filled = [parts.get(k) for k in range(k0, len(codes))]
                current = current[:k0] + [p.zfill(2) if p and k0 + i > 0 and len(p) == 1 else p
                                         for i, p in enumerate(filled)]
        label = " / ".join(row[j] for j in labels if row[j]) or " / ".join(text)
        out.append((code, label.strip()))
    if not codes and labels:
        firsts = [lab for _c, lab in out if lab]
        coded = [lab for lab in firsts if LEADING_CODE.match(lab)]
        if len(firsts) >= 3 and len(coded) >= 0.6 * len(firsts) or len(firsts) < 3 and coded:
            out = [split_leading_code(lab) or ("", lab) for _c, lab in out]
    return out
