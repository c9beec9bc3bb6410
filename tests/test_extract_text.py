from pathlib import Path

from atscheck.structure import read_document
from atscheck.text import clean

MARKDOWN = """---
title: resume
layout: page
---
<!-- private note: Kubeflow -->
# Sam Markdown

**Email:** [sam@example.com](mailto:sam@example.com) | [GitHub](https://github.com/sam)

## Experience

### Acme Corp
- Built *CI/CD* pipelines with __GitHub Actions__ and `Terraform`.

```yaml
image: docker
```

Skills
------
Python, Docker
"""


def test_markdown_is_read_as_a_reader_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read_document(path)
    text = document.text
    assert document.format == "markdown"
    assert "title: resume" not in text and "Kubeflow" not in text
    assert "Email: sam@example.com | GitHub" in text
    assert "Built CI/CD pipelines with GitHub Actions and Terraform." in text
    assert "image: docker" in text  # code fences keep their content
    assert "**" not in text and "](" not in text
    assert [s.name for s in document.sections] == [None, "experience", "skills"]


def test_utf16_latin1_and_bad_bytes(tmp_path: Path) -> None:
    utf16 = tmp_path / "a.txt"
    utf16.write_bytes("Résumé: Kubernetes".encode("utf-16"))
    assert read_document(utf16).text == "Résumé: Kubernetes"
    latin = tmp_path / "b.txt"
    latin.write_bytes("Résumé: Docker".encode("latin-1"))
    document = read_document(latin)
    assert document.text == "Résumé: Docker"
    assert any("UTF-8" in w for w in document.warnings)
    bad = tmp_path / "c.txt"
    bad.write_bytes(b"Python \xff\xfe\x81 and Go")
    assert "Python" in read_document(bad).text


def test_clean_turns_ligatures_and_invisible_characters_into_text() -> None:
    assert clean("\ufb01le \ufb02ow o\ufb03ce Kuber\u00adnetes\u200b") == "file flow office Kubernetes"
