"""garbled-text: characters an ATS reads as garbage (U+FFFD, private-use characters inside words), or a PDF
whose "words" are mostly not words. Text a person typed (Word, text, Markdown) is never called scrambled."""

from __future__ import annotations

from atscheck.checks import WHOLE_FILE, garbled_text

from .conftest import CLEAN, document, filler, finding, passes, pdf, resume


def garble(text: str, count: int) -> str:
    """The text with its first `count` letters "e" come out as U+FFFD, inside their words."""
    return text.replace("e", "\ufffd", count)


def test_a_clean_resume_passes() -> None:
    assert passes(garbled_text, resume())


def test_an_empty_text_passes() -> None:
    assert passes(garbled_text, document())
    assert passes(garbled_text, document("   ", ""))


def test_over_one_percent_garbage_is_an_error() -> None:
    text = filler(100)  # about 500 characters: 6 bad ones are over 1%
    found = finding(garbled_text, pdf([garble(text, 6)]))
    assert (found.id, found.severity, found.where) == ("garbled-text", "error", WHOLE_FILE)
    assert found.message == "6 characters come out as garbage (fonts without a Unicode map): an ATS reads broken words."
    assert "fonts embedded as Unicode" in found.fix


def test_garbage_in_a_typed_file_is_no_font_problem() -> None:
    found = finding(garbled_text, document(garble(filler(100), 6)))  # a Word file
    assert found.message == "6 characters come out as garbage (symbols an ATS cannot read): an ATS reads broken words."
    assert "fonts" not in found.fix and "Replace the characters" in found.fix


def test_a_hundred_garbage_characters_are_an_error_in_any_length() -> None:
    text = filler(4000)  # over 20,000 characters: 100 bad ones are under 1%
    assert finding(garbled_text, document(garble(text, 100))).severity == "error"
    assert finding(garbled_text, document(garble(text, 99))).severity == "warning"


def test_five_garbage_characters_are_a_warning() -> None:
    found = finding(garbled_text, resume(swap={CLEAN[5]: [garble(CLEAN[5], 5)]}, format="pdf"))
    assert (found.severity, found.where) == ("warning", WHOLE_FILE)
    assert found.message.startswith("5 characters inside words come out as garbage")
    assert "fonts embedded as Unicode" in found.fix
    assert passes(garbled_text, resume(swap={CLEAN[5]: [garble(CLEAN[5], 4)]}))


def test_private_use_characters_inside_words_are_garbage() -> None:
    found = finding(garbled_text, resume(swap={CLEAN[5]: [CLEAN[5].replace("a", "\ue001", 5)]}))
    assert found.message.startswith("5 characters inside words")


def test_icons_and_symbol_bullets_standing_alone_are_not_garbage() -> None:
    icons = ["\uf0e0 jordan@example.com \uf095 (512) 555-0100", *(f"\ufffd Item {n}" for n in range(8))]
    assert passes(garbled_text, resume(*icons))


def test_a_pdf_whose_words_are_mostly_not_words_is_an_error() -> None:
    scrambled = " ".join(["data", "4#", "7", "team", "%2", "9"] * 10)  # 60 tokens, 20 with letters
    found = finding(garbled_text, pdf([scrambled]))
    assert (found.severity, found.where) == ("error", WHOLE_FILE)
    assert found.message == "67% of the extracted 'words' are not words: the text is scrambled."
    assert passes(garbled_text, document(scrambled))  # typed: what a person wrote is what they meant


def test_forty_percent_of_non_words_or_under_fifty_tokens_pass() -> None:
    assert passes(garbled_text, pdf([" ".join(["data", "team", "work", "7", "%"] * 10)]))  # 40%
    assert passes(garbled_text, pdf([" ".join(["data", "4#", "%", "7", "%2"] * 9)]))  # 45 tokens


def test_japanese_and_chinese_text_is_not_scrambled() -> None:
    """Words written without spaces, dates between digits ("2019年4月"), full-width brackets."""
    japanese = " ".join(["2019年4月", "株式会社", "【担当】", "機械学習基盤の開発", "・", "SRE"] * 12)
    assert passes(garbled_text, pdf([japanese]))
    assert passes(garbled_text, document(japanese, format="markdown"))
