"""CI and publishing cannot pass without their checks: the tests before the deploy, and the
seed-overlap check in `.ci/run`, which fails when the tool finds something or is missing."""

from __future__ import annotations

import shutil
import subprocess

import yaml
from conftest import REPO


def run_ci_script(tmp_path, tool: str | None) -> subprocess.CompletedProcess[str]:
    """`.ci/run` in a checkout at tmp_path/repo, with `tool` as ../shared/tools/seed-overlap.

    The fake `make` in front of PATH records that it ran, instead of running the test suite.
    """
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", repo / ".ci" / "run")
    if tool is not None:
        (tmp_path / "shared" / "tools").mkdir(parents=True)
        script = tmp_path / "shared" / "tools" / "seed-overlap"
        script.write_text(f"#!/bin/sh\n{tool}\n", encoding="utf-8")
        script.chmod(0o755)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "make").write_text('#!/bin/sh\necho "make $*" >> ../make-ran\n', encoding="utf-8")
    (bin_dir / "make").chmod(0o755)
    return subprocess.run(["bash", str(repo / ".ci" / "run")], capture_output=True, text=True,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, timeout=60)


def test_ci_fails_when_the_seed_overlap_tool_is_missing(tmp_path):
    result = run_ci_script(tmp_path, tool=None)
    assert result.returncode == 1
    assert result.stderr.strip() == ("CI: ../shared/tools/seed-overlap is missing; the check on "
                                     "copied source sentences cannot run.")
    assert not (tmp_path / "make-ran").exists()


def test_ci_fails_when_a_source_sentence_is_copied(tmp_path):
    result = run_ci_script(tmp_path, tool='echo "docs/x.md: 12 words as in seed.md"; exit 1')
    assert result.returncode == 1
    assert result.stdout.strip() == "docs/x.md: 12 words as in seed.md"
    assert not (tmp_path / "make-ran").exists()


def test_ci_runs_the_tests_after_a_clean_seed_overlap(tmp_path):
    result = run_ci_script(tmp_path, tool='echo "No passage repeats a source word for word"')
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "make-ran").read_text(encoding="utf-8") == "make test\n"


def test_the_site_is_published_only_after_the_tests_pass():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", step.get("uses", "")).strip() for step in steps]
    position = {command: index for index, command in enumerate(commands)}
    assert position["make test"] < position["make site"]
    upload = next(i for i, c in enumerate(commands) if c.startswith("actions/upload-pages-artifact"))
    assert position["make site"] < upload
    # What make test needs and cannot install itself: Node.js for Lighthouse; chromium comes
    # from Debian through the Makefile's browser target, as root in a Debian container.
    assert any(c.startswith("actions/setup-node") for c in commands[: position["make test"]])
    assert workflow["jobs"]["build"]["container"].startswith("debian:")
    assert workflow["jobs"]["deploy"]["needs"] == "build"
