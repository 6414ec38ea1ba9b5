"""Small synthetic PDFs drawn with matplotlib, for layouts the bundled disclosures lack.

Labelled synthetic: the department is 测试部门（合成）; nothing here is a real disclosure.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.font_manager import FontProperties

from yusuan.present.style import cjk_font_path

ROWS = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "1,592.14", "718.87", "873.27"],
    ["201", "一般公共服务支出", "1,385.37", "515.36", "870.01"],
    ["20103", "政府办公厅（室）及相关机构事务", "1,385.37", "515.36", "870.01"],
    ["2010301", "行政运行", "560.14", "320.73", "239.41"],
    ["2010350", "事业运行", "825.23", "194.63", "630.60"],
    ["208", "社会保障和就业支出", "206.77", "203.51", "3.26"],
]


def horizontal_rules_table(path: Path, rows=ROWS, title="2023年一般公共预算支出预算表") -> Path:
    """One table ruled only by horizontal lines (no vertical rulings at all), as some tools print them."""
    fp = FontProperties(fname=str(cjk_font_path()))
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.27, 11.69))
        fig.text(0.5, 0.93, title, ha="center", fontproperties=fp, fontsize=16)
        fig.text(0.1, 0.90, "部门名称：测试部门（合成）", fontproperties=fp, fontsize=10)
        fig.text(0.8, 0.90, "单位：万元", fontproperties=fp, fontsize=10)
        xs, top, h = [0.1, 0.22, 0.62, 0.75, 0.88], 0.88, 0.03
        for i, row in enumerate(rows):
            y = top - (i + 1) * h + 0.008
            for j, (x, cell) in enumerate(zip(xs, row)):
                numeric = i > 0 and j >= 2
                fig.text(x if not numeric else x + 0.03, y, cell, fontproperties=fp, fontsize=10,
                         ha="right" if numeric else "left")
        for k in range(len(rows) + 1):
            fig.add_artist(plt.Line2D([0.1, 0.92], [top - k * h] * 2, color="black", lw=0.8))
        fig.savefig(path, metadata={"CreationDate": None})
        plt.close(fig)
    return path
