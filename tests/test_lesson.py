"""The lesson notebook (00-reading-a-disclosure) and its page images (yusuan.present.pages).

The notebook must run on more than the sample (papermill, two disclosures: a budget and a 决算), show the
printed pages and the charts, name no classification code the data did not give, and its exercise checker
must say ✓ to right answers and ✗ (with a hint) to wrong ones — on a copy of the notebook whose answer cell
is filled in, the way a student fills it in.
"""
from __future__ import annotations

import io
import re

import nbformat
import pytest
from PIL import Image

from conftest import RAW, ROOT, SAMPLE_PDF

NAME = "00-reading-a-disclosure"
LESSON = ROOT / "notebooks" / f"{NAME}.ipynb"
HZ_PDF = RAW / "hz-meteorology-2026-budget.pdf"          # a budget whose tables print no function codes
FINAL_PDF = RAW / "sh-putuo-finance-2024-final.pdf"      # a 决算


def _rel(p):
    return p.relative_to(ROOT).as_posix()


def _outputs(nb):
    return [(c, o) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _text(outputs) -> str:
    parts = []
    for _, o in outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        for key in ("text/markdown", "text/plain"):
            parts.append(o.get("data", {}).get(key, ""))
    return "\n".join(parts)


def _check_outputs(nb) -> list[str]:
    """The printed text of every answer-checking cell, in order."""
    return ["".join(o.text for o in c.outputs if o.output_type == "stream")
            for c in nb.cells if c.cell_type == "code" and "check" in c.metadata.get("tags", [])]


def _run(tmp_path, source, pdf, exercise_pdf, name="run"):
    from yusuan.runner import run_notebook

    dest = tmp_path / f"{name}.ipynb"
    run_notebook(NAME, dest, {"pdf": _rel(pdf), "previous_pdf": "", "out": "", "exercise_pdf": _rel(exercise_pdf)},
                 source=source)
    nb = nbformat.read(str(dest), as_version=4)
    outputs = _outputs(nb)
    assert not [o for _, o in outputs if o.output_type == "error"]
    assert not [o.text for _, o in outputs if o.output_type == "stream" and o.name == "stderr"]
    return nb


# ------------------------------------------------------------------ yusuan.present.pages

def test_a_page_renders_small_legible_and_the_same_twice():
    from yusuan import data
    from yusuan.present import pages

    doc = data.load(SAMPLE_PDF)
    page = pages.table_pages(doc.meta, "general_budget_expenditure")[0]
    png = pages.render(SAMPLE_PDF, page)
    assert png == pages.render(SAMPLE_PDF, page)  # deterministic: the committed notebook does not churn
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.mode == "P" and img.size[0] == pages.WIDTH
    assert img.size[1] > img.size[0]  # portrait, margins trimmed but the table kept
    assert len(png) < 120_000
    jpeg = Image.open(io.BytesIO(pages.render(SAMPLE_PDF, page, width=500, fmt="jpeg")))
    assert jpeg.format == "JPEG" and jpeg.size[0] == 500
    with pytest.raises(ValueError):
        pages.render(SAMPLE_PDF, pages.page_count(SAMPLE_PDF) + 1)


def test_a_landscape_page_is_rendered_wider():
    from yusuan import data
    from yusuan.present import pages

    doc = data.load(HZ_PDF)
    page = pages.table_pages(doc.meta, "expenditure")[0]
    img = Image.open(io.BytesIO(pages.render(HZ_PDF, page)))
    assert img.size[0] == pages.WIDE and img.size[0] > img.size[1]


def test_the_highlight_marks_the_row_that_prints_the_code():
    from yusuan import data
    from yusuan.present import pages

    doc = data.load(SAMPLE_PDF)
    code = data.largest_class(doc.tidy, "general_budget_expenditure")
    page = pages.table_pages(doc.meta, "general_budget_expenditure")[0]
    boxes = pages.find_boxes(SAMPLE_PDF, page, code)
    assert len(boxes) == 1  # whole word: 201 is not found inside 20103 or 2010301
    plain = Image.open(io.BytesIO(pages.render(SAMPLE_PDF, page))).convert("RGB")
    marked = Image.open(io.BytesIO(pages.render(SAMPLE_PDF, page, highlight=[code]))).convert("RGB")
    assert plain.size == marked.size

    def yellow_rows(im):
        w, h = im.size
        px = im.load()
        return {y for y in range(h) for x in range(0, w, 7) if px[x, y][2] < px[x, y][0] - 40}

    rows = yellow_rows(marked)
    assert not yellow_rows(plain) and rows
    # the band sits where the code is printed (PDF points, origin bottom left → pixels, origin top left)
    shown = pages.table_image(SAMPLE_PDF, doc.meta, "general_budget_expenditure", highlight=[code])
    assert shown is not None and shown[1] == page
    assert max(rows) - min(rows) < 60  # one row, not the page


# ------------------------------------------------------------------ the notebook

def test_the_committed_lesson_names_no_classification_code_in_its_prose():
    """Codes are data: a sentence naming 201 would be wrong on a disclosure without it."""
    nb = nbformat.read(str(LESSON), as_version=4)
    code_like = re.compile(r"(?<![\d.,])2\d{2}(?:\d{2}){0,2}(?![\d.,])")
    for cell in nb.cells:
        if cell.cell_type == "markdown" or "parameters" not in cell.metadata.get("tags", []):
            assert not code_like.search(cell.source), cell.source[:200]
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "exercise_pdf = " in params[0].source


@pytest.mark.parametrize("pdf, exercise_pdf", [(SAMPLE_PDF, HZ_PDF), (FINAL_PDF, SAMPLE_PDF)],
                         ids=["sample-budget", "putuo-final"])
def test_the_lesson_runs_and_shows_pages_and_charts(tmp_path, pdf, exercise_pdf):
    from yusuan import data

    nb = _run(tmp_path, None, pdf, exercise_pdf)
    outputs = _outputs(nb)
    text = _text(outputs)
    doc, ex = data.load(pdf), data.load(exercise_pdf)
    assert doc.title in text and ex.title in text
    assert str(ROOT) not in text
    # a page image before the extracted table of each section, and the charts
    pngs = [Image.open(io.BytesIO(__import__("base64").b64decode(o["data"]["image/png"])))
            for _, o in outputs if "image/png" in o.get("data", {})]
    page_images = [im for im in pngs if im.mode == "P"]
    chart_images = [im for im in pngs if im.mode != "P"]
    assert len(page_images) >= 5 and len(chart_images) >= 4
    assert all(im.size[0] in (700, 900) for im in page_images)
    for key in ("summary", "general_budget_expenditure", "expenditure", "three_public"):
        title = next(t["title"] for t in doc.meta["tables"] if t["key"] == key)
        assert f"「{title}」，PDF 第 " in text
    assert "图说（what it shows）" in text
    # the largest class, from the data, is the one the prose names
    branch = data.largest_class(doc.tidy, "general_budget_expenditure")
    assert f"金额最大的类是 **{branch}**" in text
    # the exercises are on the other disclosure, not answered yet, and the answers stay hidden
    (checked,) = _check_outputs(nb)
    assert checked.count("尚未作答 (not answered yet)") == 5 and "✗" not in checked and "✓" not in checked
    assert "参考答案已隐藏" in text


def test_a_disclosure_without_codes_says_so_instead_of_naming_one(tmp_path):
    nb = _run(tmp_path, None, HZ_PDF, SAMPLE_PDF)
    text = _text(_outputs(nb))
    assert "没有印科目编码" in text and "金额最大的类是" not in text


def _student_copy(tmp_path, answer_sets, show_solutions=False):
    """The lesson's exercise part (setup + exercises), answered: one answer cell and check per answer set."""
    nb = nbformat.read(str(LESSON), as_version=4)
    keep = {"parameters", "setup", "exercise", "checker"}
    cells = [c for c in nb.cells if keep & set(c.metadata.get("tags", []))]
    check = next(c for c in nb.cells if "check" in c.metadata.get("tags", []))
    solutions = next(c for c in nb.cells if "solutions" in c.metadata.get("tags", []))
    for answers in answer_sets:
        source = "\n".join(f"answer_{i} = {a!r}" for i, a in enumerate(answers, start=1))
        cells += [nbformat.v4.new_code_cell(source, metadata={"tags": ["answers"]}),
                  nbformat.v4.new_code_cell(check.source, metadata={"tags": ["check"]})]
    if show_solutions:
        assert "SHOW_SOLUTIONS = False" in solutions.source
        cells.append(nbformat.v4.new_code_cell(solutions.source.replace("SHOW_SOLUTIONS = False", "SHOW_SOLUTIONS = True"),
                                               metadata={"tags": ["check"]}))
    nb.cells = cells
    path = tmp_path / "student.ipynb"
    nbformat.write(nb, str(path))
    return path


def _marks(printed: str) -> list[str]:
    return [line[0] for line in printed.splitlines() if line[:1] in "✓✗…–" and line[1:3] == "  "]


# Read off the printed pages by eye (杭州市气象局 2026年部门预算, 表3 支出预算总表 on PDF page 17 — its folio
# says 16 —, 表8/表9 printed empty; 云冈区政府办 2023, 支出总表 on page 7), not computed by the notebook's code.
HZ_RIGHT = (17, 5876.67, 3745.07, 36.3, 2)
HZ_RIGHT_AS_STRINGS = ("17", "5,876.67", "3745.07", "36.3%", "2")
HZ_WRONG = (16, 2131.61, 2906.80, 0.363, 3)
SAMPLE_RIGHT = (7, 1592.14, 718.87, 54.8, 4)
SAMPLE_WRONG = (10, 15921400, 873.27, 45.2, 2)


def test_the_checker_says_yes_to_right_answers_and_no_with_a_hint_to_wrong_ones(tmp_path):
    path = _student_copy(tmp_path, [HZ_RIGHT, HZ_RIGHT_AS_STRINGS, HZ_WRONG, (17, None, None, 12.3, None)],
                         show_solutions=True)
    nb = _run(tmp_path, path, SAMPLE_PDF, HZ_PDF, name="student-hz")
    right, as_strings, wrong, partly, solutions = _check_outputs(nb)
    assert _marks(right) == ["✓"] * 5 and "5 / 5" in right
    assert _marks(as_strings) == ["✓"] * 5
    assert _marks(wrong) == ["✗"] * 5 and "0 / 5" in wrong
    hints = wrong.split("✗")[1:]
    assert "页脚" in hints[0]                      # the folio is not the PDF page
    assert "「项目支出」列" in hints[1]             # a number from another column of the total row
    assert "加起来" in hints[2]                     # 基本支出 printed as 人员 + 公用 columns
    assert "百分数" in hints[3]                     # a fraction instead of a percentage
    assert "本表无数据" in hints[4]
    assert _marks(partly) == ["✓", "…", "…", "✗", "…"]
    # the worked answers, for the teacher
    assert "5,876.67" in solutions and "3,745.07 = 2,906.80" in solutions and "36.3%" in solutions


def test_the_checker_works_on_another_exercise_disclosure(tmp_path):
    path = _student_copy(tmp_path, [SAMPLE_RIGHT, SAMPLE_WRONG])
    nb = _run(tmp_path, path, FINAL_PDF, SAMPLE_PDF, name="student-sample")
    right, wrong = _check_outputs(nb)
    assert _marks(right) == ["✓"] * 5
    assert _marks(wrong) == ["✗"] * 5
    hints = wrong.split("✗")[1:]
    assert "单位" in hints[1]                       # 元 for 万元
    assert "项目支出" in hints[2]
    assert "基本支出的占比" in hints[3]
