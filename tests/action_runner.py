"""Run the composite action in action.yml the way a GitHub runner does, on this machine.

Reads action.yml, fills in `${{ inputs.* }}`, `${{ github.* }}`, `${{ runner.* }}` and `${{ steps.*.outputs.* }}`,
evaluates each step's `if:`, and runs its `run:` script with `bash --noprofile --norc -eo pipefail` and the
GITHUB_* files a runner provides (GITHUB_OUTPUT per step, GITHUB_STEP_SUMMARY, RUNNER_TEMP). `uses:` steps
(actions/cache) cannot run here: they are skipped and their outputs are empty, which for the cache is a miss.

    python tests/action_runner.py --workspace DIR [--input files=resume.pdf ...]

prints the job log, the step summary and the outputs, and exits with the action's exit code. tests/test_action.py
uses it with `atscheck-command` pointing at this checkout; .ci/run runs the real install from the action's files.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||!|\(|\))|([A-Za-z_][A-Za-z0-9_.\-]*(?:\(\))?))")


@dataclass
class Run:
    exit_code: int
    outputs: dict[str, str]
    summary: str
    log: str
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)


def _lookup(context: dict[str, Any], name: str) -> Any:
    value: Any = context
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return ""  # GitHub: a missing property is null, which compares equal to ''
        value = value[part]
    return value


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """The part of GitHub's expression language action.yml uses: names, 'strings', == != && || ! ( ),
    success()/always(); string comparison ignores case, as GitHub's does."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if not match or match.end() == position:
            if expression[position:].strip() == "":
                break
            raise ValueError(f"cannot read the expression {expression!r} at {expression[position:]!r}")
        string, operator, name = match.groups()
        if string is not None:
            tokens.append(("value", string[1:-1].replace("''", "'")))
        elif operator is not None:
            tokens.append(("op", operator))
        else:
            tokens.append(("name", name))
        position = match.end()

    def truthy(value: Any) -> bool:
        return value not in ("", None, False, 0)

    def primary(index: int) -> tuple[Any, int]:
        kind, text = tokens[index]
        if kind == "op" and text == "!":
            value, index = primary(index + 1)
            return not truthy(value), index
        if kind == "op" and text == "(":
            value, index = disjunction(index + 1)
            return value, index + 1  # the ')'
        if kind == "value":
            return text, index + 1
        if text in ("success()", "always()"):
            return context["_success"] or text == "always()", index + 1
        if text == "failure()":
            return not context["_success"], index + 1
        if text in ("true", "false"):
            return text == "true", index + 1
        return _lookup(context, text), index + 1

    def comparison(index: int) -> tuple[Any, int]:
        left, index = primary(index)
        while index < len(tokens) and tokens[index] in (("op", "=="), ("op", "!=")):
            operator = tokens[index][1]
            right, index = primary(index + 1)
            same = str(left).lower() == str(right).lower()
            left = same if operator == "==" else not same
        return left, index

    def conjunction(index: int) -> tuple[Any, int]:
        left, index = comparison(index)
        while index < len(tokens) and tokens[index] == ("op", "&&"):
            right, index = comparison(index + 1)
            left = right if truthy(left) else left
        return left, index

    def disjunction(index: int) -> tuple[Any, int]:
        left, index = conjunction(index)
        while index < len(tokens) and tokens[index] == ("op", "||"):
            right, index = conjunction(index + 1)
            left = left if truthy(left) else right
        return left, index

    value, _ = disjunction(0)
    return value


def expand(text: str, context: dict[str, Any]) -> str:
    def one(match: re.Match[str]) -> str:
        value = evaluate(match.group(1), context)
        return "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    return _EXPRESSION.sub(one, text)


def read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            outputs[name] = "\n".join(lines[index + 1 : end])
            index = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        index += 1
    return outputs


def run_action(
    workspace: Path,
    inputs: dict[str, str] | None = None,
    action_path: Path = REPO,
    env: dict[str, str] | None = None,
    temp: Path | None = None,
) -> Run:
    """Run action.yml from `action_path` in `workspace`, as `uses: OWNER/atscheck@ref` with `inputs` would."""
    action = yaml.safe_load((action_path / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    given = inputs or {}
    unknown = set(given) - set(action["inputs"])
    if unknown:
        raise ValueError(f"action.yml has no input(s) {sorted(unknown)}")
    runner_temp = temp or Path(tempfile.mkdtemp(prefix="runner-temp-"))
    runner_temp.mkdir(parents=True, exist_ok=True)
    summary = runner_temp / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    context: dict[str, Any] = {
        "inputs": {name: given.get(name, spec.get("default", "")) for name, spec in action["inputs"].items()},
        "github": {"action_path": str(action_path), "action_ref": "v0", "workspace": str(workspace)},
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": {},
        "_success": True,
    }
    base_env = {
        **os.environ,
        **(env or {}),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner_temp),
        "RUNNER_OS": "Linux",
    }
    log: list[str] = []
    exit_code = 0
    for number, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        condition = str(step.get("if", "success()"))
        condition = _EXPRESSION.sub(lambda m: m.group(1), condition)  # `if:` may or may not use ${{ }}
        if not any(status in condition for status in ("success()", "always()", "failure()")):
            condition = f"success() && ({condition})"
        if not evaluate(condition, context):
            context["steps"][step_id] = {"outputs": {}, "outcome": "skipped"}
            log.append(f"-- {step_id}: skipped")
            continue
        if "uses" in step:
            context["steps"][step_id] = {"outputs": {}, "outcome": "skipped"}
            log.append(f"-- {step_id}: {step['uses']} cannot run outside GitHub; skipped (a cache miss)")
            continue
        assert step.get("shell") == "bash", f"step {step_id}: only shell: bash is supported"
        output_file = runner_temp / f"output-{step_id}"
        output_file.write_text("", encoding="utf-8")
        script = runner_temp / f"step-{step_id}.sh"
        script.write_text(expand(step["run"], context), encoding="utf-8")
        step_env = {name: expand(str(value), context) for name, value in (step.get("env") or {}).items()}
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env={**base_env, **step_env, "GITHUB_OUTPUT": str(output_file)},
            capture_output=True,
            text=True,
            check=False,
        )
        log.append(f"-- {step_id}: exit {completed.returncode}\n{completed.stdout}{completed.stderr}")
        context["steps"][step_id] = {
            "outputs": read_outputs(output_file),
            "outcome": "success" if completed.returncode == 0 else "failure",
        }
        if completed.returncode != 0:
            context["_success"] = False
            exit_code = completed.returncode
    outputs = {name: expand(str(spec["value"]), context) for name, spec in (action.get("outputs") or {}).items()}
    return Run(exit_code, outputs, summary.read_text(encoding="utf-8"), "\n".join(log), context["steps"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, default=Path.cwd(), help="the checked-out resume repository")
    parser.add_argument("--input", action="append", default=[], metavar="NAME=VALUE", help="an action input")
    parser.add_argument("--action-path", type=Path, default=REPO, help="the action's files (default: this checkout)")
    arguments = parser.parse_args()
    inputs = dict(item.split("=", 1) for item in arguments.input)
    run = run_action(arguments.workspace.resolve(), inputs, arguments.action_path.resolve())
    print(run.log)
    print("== step summary\n" + run.summary)
    print("== outputs\n" + "\n".join(f"{name}={value}" for name, value in run.outputs.items()))
    return run.exit_code


if __name__ == "__main__":
    sys.exit(main())
