from pathlib import Path

import pytest

from atscheck.errors import UsageError
from atscheck.profiles import bundled_ids, load_profile, load_role

ROLE_DESCRIPTION_AREAS = [
    "AWS",
    "Google Cloud",
    "Azure",
    "Docker",
    "Kubernetes",
    "CI/CD",
    "Python",
    "model deployment",
    "model monitoring",
    "observability",
    "data engineering",
    "Infrastructure as Code",
    "containerization",
    "distributed computing",
]
# Duties the role description names; 2024-2026 postings rarely ask for them by name (docs/profiles.md), so
# they stay in the profile as preferred.
ROLE_DESCRIPTION_DUTIES = ["model versioning", "experiment tracking", "data drift", "automated retraining"]
POSTING_TOOLS = [
    "MLflow",
    "Kubeflow",
    "Apache Airflow",
    "Terraform",
    "Helm",
    "Prometheus",
    "Grafana",
    "Amazon SageMaker",
    "Vertex AI",
    "Azure Machine Learning",
    "GitHub Actions",
    "Jenkins",
    "Argo CD",
    "Apache Spark",
    "Apache Kafka",
    "feature store",
    "model registry",
]


def test_bundled_mlops_profile_covers_the_role() -> None:
    assert "mlops-engineer" in bundled_ids()
    profile = load_role("mlops-engineer")
    names = {t.name for t in profile.terms}
    assert set(ROLE_DESCRIPTION_AREAS) <= names and set(ROLE_DESCRIPTION_DUTIES) <= names
    assert set(POSTING_TOOLS) <= names
    certifications = [t for t in profile.terms if t.kind == "certification"]
    assert any("Kubernetes" in t.name for t in certifications)
    assert any("Terraform" in t.name for t in certifications)
    assert all(t.importance == "required" for t in profile.terms if t.name in ROLE_DESCRIPTION_AREAS)
    assert 0 < profile.pass_score <= 100 and len(profile.version) == 12


def test_unknown_role_suggests_the_closest() -> None:
    with pytest.raises(UsageError) as error:
        load_role("mlops-enginer")
    assert "Did you mean 'mlops-engineer'" in str(error.value)


BASE = 'id = "x"\ntitle = "X"\n'
TERM = '[[terms]]\nname = "Docker"\ncategory = "C"\nkind = "tool"\nimportance = "required"\n'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BASE + "[[terms", "not valid TOML"),
        (BASE, "no [[terms]]"),
        ('title = "X"\n' + TERM, "'id' must be"),
        (BASE + TERM.replace('kind = "tool"', 'kind = "gadget"'), "term #1 ('Docker'): 'kind' is 'gadget'"),
        (BASE + TERM.replace('importance = "required"', "importance = 3"), "'importance' is 3"),
        (BASE + TERM + "weight = -1\n", "'weight' must be a number above 0"),
        (BASE + TERM + TERM, "duplicate term 'Docker'"),
        (
            BASE + TERM + 'aliases = ["K8s"]\n' + TERM.replace("Docker", "Kubernetes") + 'aliases = ["K8s"]\n',
            "alias 'K8s'",
        ),
        (BASE + TERM.replace('name = "Docker"\n', ""), "'name' is missing"),
        (BASE + "pass_score = 120\n" + TERM, "'pass_score' must be a number from 0 to 100"),
        (BASE + TERM + "colour = 1\n", "unknown key(s) colour"),
    ],
)
def test_malformed_profiles_name_file_entry_and_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_profile(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)
