"""not-english: a resume mostly in another script, or in the common words of another language, is info."""

from __future__ import annotations

from atscheck.checks import WHOLE_FILE, language

from .conftest import document, finding, passes, resume

SPANISH = (
    "Ingeniero de datos con experiencia en la nube y en el despliegue de modelos. Trabajo con Python, "
    "Docker y Kubernetes para los equipos de la empresa, con pruebas para cada cambio."
)  # 18 common Spanish words, 0 English ones, 29 words
RUSSIAN = "Инженер данных с опытом работы в облаке и развёртывания моделей машинного обучения"


def test_an_english_resume_passes() -> None:
    assert passes(language, resume())


def test_another_script_is_info() -> None:
    found = finding(language, document("Jordan Example", *[RUSSIAN] * 5))
    assert (found.id, found.severity, found.where) == ("not-english", "info", WHOLE_FILE)
    assert found.message.startswith("The resume is mostly not in English (")
    assert "of its letters are not Latin letters" in found.message and "scored as it is" in found.message
    assert "Send an English version" in found.fix and "--jd" in found.fix


def test_a_line_in_another_script_among_english_passes() -> None:
    assert passes(language, resume(RUSSIAN))


def test_another_languages_common_words_are_info() -> None:
    found = finding(language, document(SPANISH, SPANISH))
    assert found.message.startswith("The resume is mostly not in English (its common words are not English ones)")


def test_a_few_foreign_words_in_english_text_pass() -> None:
    assert passes(language, resume(SPANISH))  # 18 Spanish words against the clean resume's English ones


def test_fifteen_foreign_common_words_are_needed() -> None:
    words = "de la el en y los las del con para por una es le les"  # 15 common words
    padding = "Planeamos datos modelos " * 12
    assert finding(language, document(words, padding)).severity == "info"
    assert passes(language, document(words.rsplit(" ", 1)[0], padding))  # 14


def test_foreign_common_words_must_outnumber_english_ones_two_to_one() -> None:
    foreign = " ".join(["de la el en y los las del con para por una es le les para con"] + ["del"] * 3)  # 20
    english = " ".join(["the and of to in"] * 2)  # 10
    padding = "Planeamos datos modelos " * 10
    assert passes(language, document(foreign, english, padding))
    assert finding(language, document(foreign, "del", english, padding)).severity == "info"


def test_under_fifty_words_are_too_few_to_tell() -> None:
    assert passes(language, document(RUSSIAN, RUSSIAN, RUSSIAN))  # 36 words
