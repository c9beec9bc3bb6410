"""tables-textboxes: text inside DOCX tables or text boxes is a warning, naming the terms found only there."""

from __future__ import annotations

from atscheck.checks import tables_textboxes

from .conftest import document, finding, line, passes, resume


def test_a_clean_resume_passes() -> None:
    assert passes(tables_textboxes, resume())


def test_text_in_a_table_fails() -> None:
    found = finding(tables_textboxes, resume(line("Python | Docker | Kubernetes", source="table")))
    assert (found.id, found.severity, found.where) == ("tables-textboxes", "warning", "tables")
    assert found.message == (
        "Part of the resume is inside tables (3 words in tables). Many ATS skip text boxes and scramble tables."
    )
    assert "ordinary paragraphs and bullet lists" in found.fix and "tab stops" in found.fix


def test_text_in_a_text_box_fails() -> None:
    found = finding(tables_textboxes, resume(line("Open to relocation", source="textbox")))
    assert found.where == "text boxes"
    assert found.message.startswith("Part of the resume is inside text boxes (3 words in text boxes).")


def test_tables_and_text_boxes_are_one_finding() -> None:
    doc = resume(line("Acme | 2021", source="table"), line("Austin, Texas", source="textbox"))
    found = finding(tables_textboxes, doc)
    assert found.where == "tables and text boxes"
    assert "(2 words in tables, 2 words in text boxes)" in found.message


def test_the_terms_found_only_there_are_named() -> None:
    doc = document("SKILLS", "Python, Docker", line("Kubernetes | Terraform | Python", source="table"))
    found = finding(tables_textboxes, doc)
    assert found.message.endswith("scramble tables. 2 of the role's terms appear only there: Kubernetes, Terraform.")


def test_a_table_without_words_passes() -> None:
    assert passes(tables_textboxes, resume(line(" | - | ", source="table"), line("", source="textbox")))
