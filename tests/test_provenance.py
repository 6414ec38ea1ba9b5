"""Raw data is immutable: every bundled file has a provenance sidecar whose sha256 still matches."""
from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES, RAW
from yusuan.base import provenance

RAW_FILES = sorted(p for p in RAW.iterdir() if p.is_file() and not p.name.endswith(".source.yml") and p.name != ".gitkeep")


def test_there_are_bundled_disclosures():
    pdfs = [p for p in RAW_FILES if p.suffix == ".pdf"]
    assert len(pdfs) >= 5
    assert {"sh-putuo-wanli-2024-budget.pdf", "sh-putuo-wanli-2025-budget.pdf", "yungang-govoffice-2023-budget.pdf"} <= {p.name for p in pdfs}


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: p.name)
def test_raw_file_matches_its_sidecar(path):
    assert provenance.verify(path) == []
    side = provenance.read_sidecar(path)
    assert side["publisher"] and side["origin"] and int(side["year"]) > 2000


def test_every_sidecar_has_its_file():
    for side in RAW.glob("*.source.yml"):
        assert (RAW / side.name[: -len(".source.yml")]).is_file(), side


def test_ground_truth_text_is_intact():
    text = FIXTURES / "yungang-govoffice-2023-budget.txt"
    side = yaml.safe_load((FIXTURES / (text.name + ".source.yml")).read_text(encoding="utf-8"))
    assert provenance.sha256_file(text) == side["sha256"]


def test_verify_notices_a_changed_file(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF-1.4 original")
    (tmp_path / "x.pdf.source.yml").write_text(
        yaml.safe_dump({"origin": "o", "publisher": "p", "year": 2024, "kind": "k", "sha256": provenance.sha256_file(f)})
    )
    assert provenance.verify(f) == []
    f.write_bytes(b"%PDF-1.4 changed")
    assert "differs" in provenance.verify(f)[0]


CASE_FILES = sorted((FIXTURES / "cases").glob("*.pdf"))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_fault_cases_match_their_sidecars(path):
    side = yaml.safe_load(provenance.sidecar_path(path).read_text(encoding="utf-8"))
    assert provenance.sha256_file(path) == side["sha256"] and "SYNTHETIC" in provenance.sidecar_path(path).read_text(encoding="utf-8")


def test_warmup_pdf_is_the_samples_pages_unchanged():
    """lib/yusuan/corpus/warmup.pdf (package data) has its sidecar, its hash, and each page's text is the sample's page's."""
    import pypdfium2 as pdfium

    from yusuan.corpus import warmup

    side = yaml.safe_load(provenance.sidecar_path(warmup.PDF).read_text(encoding="utf-8"))
    assert provenance.sha256_file(warmup.PDF) == side["sha256"]
    part, whole = pdfium.PdfDocument(str(warmup.PDF)), pdfium.PdfDocument(str(RAW / "yungang-govoffice-2023-budget.pdf"))
    try:
        assert len(part) == 11
        for i, j in enumerate([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15]):
            assert part[i].get_textpage().get_text_range() == whole[j].get_textpage().get_text_range()
    finally:
        part.close()
        whole.close()
    assert warmup.warm_up()  # it reads (a failure would be swallowed in a run: warming never stops one)
