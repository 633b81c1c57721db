"""The command line: messages and exit status for bad input (no traceback)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a new process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "briefing.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_missing_file(tmp_path):
    r = run("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 1
    assert f"{tmp_path / 'nope.yaml'}: no such file" in r.stderr
    assert "Traceback" not in r.stderr


def test_broken_yaml(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: {zh: 标题\n", encoding="utf-8")
    r = run("render", str(bad), "-o", str(tmp_path / "x.pdf"))
    assert r.returncode == 1
    assert f"{bad}:2:1: YAML syntax error" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_template(mini, tmp_path, capsys):
    assert main(["render", str(mini), "-o", str(tmp_path / "x.pdf"), "--template",
                 "glossy"]) == 2
    err = capsys.readouterr().err
    assert "unknown template 'glossy'" in err and "handout" in err


def test_unwritable_output_folder(mini, capsys):
    """/proc refuses new files even to root: the write fails, cleanly."""
    out = Path("/proc/briefing-test.pdf")
    assert main(["render", str(mini), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {out}" in err and "Traceback" not in err
    assert not out.exists()


def test_missing_output_folders_are_made(mini, tmp_path):
    out = tmp_path / "no" / "such" / "x.pdf"
    assert main(["render", str(mini), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "out" / "dir"
    assert main(["render", str(mini), "--output-dir", str(folder), "--format", "docx"]) == 0
    assert (folder / "mini.docx").is_file()


def test_an_output_path_that_is_a_folder(mini, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    out.mkdir()
    assert main(["render", str(mini), "-o", str(out)]) == 1
    assert "it is a folder" in capsys.readouterr().err
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_output_respects_the_umask_and_keeps_an_existing_mode(mini, tmp_path):
    import os

    out = tmp_path / "x.pdf"
    old = os.umask(0o077)
    try:
        assert main(["render", str(mini), "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o600
    out.chmod(0o640)
    assert main(["render", str(mini), "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o640


def test_sigterm_mid_render_leaves_no_partial_file_and_keeps_the_old_one(mini, tmp_path):
    import signal
    import time

    outs = tmp_path / "outs"
    outs.mkdir()
    out = outs / "c9.pdf"  # rendered last: still the earlier file when the signal comes
    out.write_bytes(b"%PDF-earlier good file")
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10):  # enough work to be interrupted
        (folder / f"c{n}.yaml").write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "images").mkdir(exist_ok=True)
    for item in mini.parent.iterdir():
        if item.is_dir():
            import shutil

            shutil.copytree(item, folder / item.name, dirs_exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "briefing.cli", "render", str(folder),
                             "--output-dir", str(outs), "--format", "pdf"],
                            stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    deadline = time.monotonic() + 90
    while not (outs / "c0.pdf").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # the handler is set once a file is out: the render is under way
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert [p for p in outs.iterdir() if p.name.endswith(".tmp")] == []
    for pdf in outs.iterdir():  # each output is whole: finished, or the earlier file
        data = pdf.read_bytes()
        assert data == b"%PDF-earlier good file" or data.rstrip().endswith(b"%%EOF"), pdf
    assert out.read_bytes() == b"%PDF-earlier good file"


@pytest.mark.parametrize("outputs", [("x.pdf",), ("x.pdf", "x.docx")])
def test_ctrl_c_once_every_file_is_written_does_not_report_an_interruption(mini, tmp_path,
                                                                          outputs):
    """A Ctrl-C after the render has written all its files (here: as it says so) cannot
    turn it into a failure: the signal is held, the command ends 0, its files whole.
    (It ended with 130, "interrupted", beside the files it had written: the full suite
    once sent its Ctrl-C in that moment.)"""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, signal, sys\n"
        "class Out:\n"
        "    def __init__(self, real): self.real = real\n"
        "    def write(self, text):\n"
        "        if text.startswith('wrote'): os.kill(os.getpid(), signal.SIGINT)\n"
        "        return self.real.write(text)\n"
        "    def __getattr__(self, name): return getattr(self.real, name)\n"
        "sys.stdout = Out(sys.stdout)\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hook), str(Path(__file__).resolve().parent.parent),
                                         env.get("PYTHONPATH", "")])
    files = [tmp_path / name for name in outputs]
    args = [a for f in files for a in ("-o", str(f))]
    done = subprocess.run([sys.executable, "-m", "briefing", "render", str(mini), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "interrupted" not in done.stderr and "Traceback" not in done.stderr
    assert files[0].read_bytes().rstrip().endswith(b"%%EOF")
    assert all(f.stat().st_size > 0 for f in files)


@pytest.mark.parametrize("delay", [0.02, 0.05, 0.1, 0.2, 0.3, 0.5])
def test_ctrl_c_in_the_first_moments_ends_quietly(mini, tmp_path, delay):
    """Found by the fault campaign: Ctrl-C in the first 0.4 s printed a KeyboardInterrupt
    traceback, the command having imported everything before its handler. The signal
    comes ``delay`` seconds after Python's own start-up (marked by a sitecustomize) to
    the installed command's entry point, while it loads: it must end with 130 and no
    traceback, writing nothing. (This small file renders in about 0.4 s on a fast
    machine: a signal from 0.2 s on may come after the command has finished, when it
    must have ended by itself with its file whole, and no traceback either.)"""
    import os
    import signal

    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text("import os\nos.write(2, b'<started>\\n')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hook), str(Path(__file__).resolve().parent.parent),
                                         env.get("PYTHONPATH", "")])
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    entry = tomllib.loads(pyproject.read_text())["project"]["scripts"]["briefing"]
    module, func = entry.split(":")
    wrapper = f"import sys\nfrom {module} import {func}\nsys.exit({func}())\n"  # as pip's
    out = tmp_path / "x.pdf"
    proc = subprocess.Popen([sys.executable, "-c", wrapper, "render", str(mini), "-o",
                             str(out)], stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"<started>\n"
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert list(tmp_path.glob("*.tmp")) == []
    if code == 0 and delay >= 0.2:  # a fast machine had finished: the file is whole
        assert out.read_bytes().rstrip().endswith(b"%%EOF")
        return
    assert code == 130, err
    assert "interrupted" in err, err
    assert not out.exists()


def test_unknown_layout(mini, tmp_path):
    r = run("render", str(mini), "-o", str(tmp_path / "x.pdf"), "--layout", "sideways")
    assert r.returncode == 2
    assert "invalid choice: 'sideways'" in r.stderr


def test_unknown_output_suffix(mini, tmp_path, capsys):
    assert main(["render", str(mini), "-o", str(tmp_path / "x.txt")]) == 2
    assert "use .pdf or .docx" in capsys.readouterr().err


@pytest.mark.parametrize(("extra", "message"), [
    (["--output-dir", "out"], "--output and --output-dir name the outputs two ways"),
    (["--format", "docx"], "--format goes with --output-dir"),
])
def test_output_flags_that_contradict_each_other(mini, tmp_path, capsys, extra, message):
    out = tmp_path / "x.pdf"
    assert main(["render", str(mini), "-o", str(out), *extra]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_no_output_given(mini, capsys):
    assert main(["render", str(mini)]) == 2
    assert "--output" in capsys.readouterr().err


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Briefing"
    assert "statistics" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_every_example_and_the_starter_are_valid_against_the_schema(tmp_path, capsys):
    """What an editor pointed at ``briefing schema`` says of content the loader takes:
    nothing (figures written as printed, dates as strings, a unit a printed value names)."""
    import jsonschema
    import yaml

    assert main(["schema"]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))
    assert main(["init", str(tmp_path / "starter")]) == 0
    files = [*Path(__file__).parents[1].glob("examples/*/*.yaml"),
             tmp_path / "starter" / "briefing.yaml"]
    for file in files:
        data = json.loads(json.dumps(yaml.safe_load(file.read_text(encoding="utf-8")),
                                     default=str))  # YAML's dates as an editor reads them
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(data)]
        assert errors == [], (file.name, errors[:5])


def test_a_reader_that_closes_the_output_ends_the_command_quietly():
    """``briefing schema | head``: the reader has gone before the output is written; no
    message (not an internal error), and the status of a process SIGPIPE ended."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "briefing.cli", "schema"], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_init_writes_a_starter_that_loads_and_checks_clean(tmp_path, capsys):
    from briefing import check, load

    assert main(["init", str(tmp_path / "new")]) == 0
    content = tmp_path / "new" / "briefing.yaml"
    b = load(content)
    assert b.statistics and b.glossary.people and b.articles
    kinds = {blk.type for a in b.articles for s in a.sections for blk in s.blocks}
    assert kinds >= {"paragraph", "quote", "figure"}
    assert check(b).errors == []
    assert main(["init", str(tmp_path / "new")]) == 1  # never overwrites
    out = tmp_path / "starter"
    assert main(["render", str(content), "-o", f"{out}.pdf", "-o", f"{out}.docx"]) == 0
    assert Path(f"{out}.pdf").stat().st_size > 0 and Path(f"{out}.docx").stat().st_size > 0


@pytest.mark.parametrize("existing", ["images/example.png", "briefing.yaml"])
def test_init_never_overwrites_a_file_unless_forced(tmp_path, capsys, existing):
    """Found by the fault campaign: init replaced a user's image and exited 0."""
    folder = tmp_path / "d"
    mine = folder / existing
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"mine\n")
    assert main(["init", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{mine} already exists; init never overwrites" in err and "--force" in err, err
    assert mine.read_bytes() == b"mine\n"
    assert sorted(p.name for p in folder.rglob("*")) == sorted(Path(existing).parts)
    assert main(["init", "--force", str(folder)]) == 0
    assert mine.read_bytes() != b"mine\n"


@pytest.mark.parametrize(("case", "said"), [
    ("a plain file", "is a file, not a folder"),
    ("a read-only folder", "cannot write"),
    ("images is a file", "init needs a folder there"),
])
def test_init_where_it_cannot_write_says_why(tmp_path, capsys, case, said):
    import os

    target = tmp_path / "d"
    mounted = False
    if case == "a plain file":
        target.write_text("x")
    elif case == "images is a file":
        target.mkdir()
        (target / "images").write_text("x")
    else:  # read-only even to root: a read-only tmpfs where mounting is allowed
        target.mkdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs",
                                  str(target)], capture_output=True).returncode == 0
        if not mounted:
            target.chmod(0o555)
            assert os.geteuid() != 0, "root needs mount(8) to make a read-only folder"
    try:
        assert main(["init", str(target)]) == 1
        err = capsys.readouterr().err
        assert said in err and "internal error" not in err, err
    finally:
        if mounted:
            subprocess.run(["umount", str(target)], check=True)


def test_plan_command_prints_both_languages(mini, capsys):
    assert main(["plan", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "1308.3亿元" in out and "130.83 billion yuan" in out


@pytest.mark.parametrize("args", [[], ["render"], ["frobnicate"]])
def test_usage_errors_exit_2(args):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2


def test_folder_of_content_reports_each_failure(mini, tmp_path):
    folder = mini.parent
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    r = run("check", str(folder))
    assert r.returncode == 1
    assert "broken.yaml:2:1" in r.stdout
    assert "mini.yaml" in r.stdout


def test_internal_errors_do_not_trace(monkeypatch, mini, capsys):
    import briefing.cli as cli

    def boom(_):
        raise RuntimeError("bug")

    monkeypatch.setitem(cli.COMMANDS, "plan", boom)
    assert main(["plan", str(mini)]) == 1
    assert "internal error" in capsys.readouterr().err
    assert Path(mini).exists()


def test_several_files_render_and_one_bad_file_does_not_stop_the_others(mini, tmp_path):
    folder = mini.parent
    second = folder / "second.yaml"
    second.write_text(mini.read_text(encoding="utf-8").replace("辽宁经济简报", "第二份简报"),
                      encoding="utf-8")
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    r = run("render", str(folder), "--output-dir", str(out), "--format", "pdf")
    assert r.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["mini.pdf", "second.pdf"]
    assert "broken.yaml:2:1" in r.stderr
    assert "2 of 3 content files rendered; failed:" in r.stderr
    assert "Traceback" not in r.stderr


#: One content file per failure mode the fault campaign found, each once an
#: "internal error" that aborted a batch, a hang, or a file read where it should not be.
_HEAD = "title: {zh: 题, en: Title}\nsummary: [{zh: '增长{x}。', en: 'Up {x}.'}]\n"
_BAD = {
    "date.yaml": ("title: {zh: 题}\ndate: 2024-02-30\n", "not a calendar date"),
    "deep.yaml": ("title: {zh: 题}\nx: " + "[" * 329 + "]" * 329 + "\n", "nest at most 64"),
    "deeper.json": ('{"title": {"zh": "题"}, "x": ' + "[" * 329 + "]" * 329 + "}",
                  "nest at most 64"),
    "tiny.yaml": (_HEAD + "statistics: {x: {value: 1.0e-5000, unit: yuan}}\n", "decimals"),
    "huge.yaml": (_HEAD + "statistics: {x: {value: 1.0e+1000000, unit: yuan}}\n",
                  "out of range"),
    "tinier.yaml": (_HEAD + "statistics: {x: {value: 1.0e-9999999999, unit: yuan}}\n",
                    "decimals"),
    "passwd.yaml": ("title: {zh: 题}\ninclude: [/etc/passwd]\n", "outside the content's"),
    "zero.yaml": ("title: {zh: 题}\ninclude: [/dev/zero]\n", "outside the content's"),
    "fifo.yaml": ("title: {zh: 题}\ninclude: [fifo.terms]\n", "fifo.terms: is not a regular"),
    "image.yaml": ("title: {zh: 题}\narticles:\n- id: a\n  headline: {zh: 题}\n"
                   "  sections:\n  - blocks:\n    - {type: figure, image: images/none.png, "
                   "caption: {zh: 图}}\n", "does not exist"),
}


def test_a_batch_with_one_bad_file_per_failure_mode_renders_the_rest(mini, tmp_path):
    import os

    folder = mini.parent
    os.mkfifo(folder / "fifo.terms")
    for name, (text, _) in _BAD.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    def limit() -> None:  # a regression fills 3 GB or hangs here, not the machine
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    r = subprocess.run([sys.executable, "-m", "briefing", "render", str(folder), "--output-dir",
                        str(out), "--format", "pdf", "--force"], capture_output=True, text=True,
                       timeout=300, preexec_fn=limit)
    assert r.returncode == 1, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mini.pdf"], r.stderr
    for name, (_, said) in _BAD.items():
        assert any(said in line and (name in line or name == "fifo.yaml")
                   for line in r.stderr.splitlines()), (name, r.stderr)
    total = len(_BAD) + 1
    assert r.stderr.rstrip().splitlines()[-1].startswith(
        f"1 of {total} content files rendered; failed: "), r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert "root:" not in r.stderr


def test_a_bug_met_in_one_file_of_a_batch_does_not_stop_the_others(mini, monkeypatch, capsys):
    import briefing.api

    folder = mini.parent
    (folder / "second.yaml").write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    real = briefing.api.prepare

    def flaky(b, *args, **kw):  # a stand-in for a bug that only one file meets
        if b.origin.name == "mini.yaml":
            raise RuntimeError("a bug")
        return real(b, *args, **kw)

    monkeypatch.setattr(briefing.api, "prepare", flaky)
    out = folder / "out"
    # one worker: the files render in this process, where the stand-in bug is
    assert main(["render", str(folder), "--output-dir", str(out), "--format", "pdf",
                 "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert f"error: {mini}: internal error" in err
    assert "1 of 2 content files rendered; failed: " in err
    assert sorted(p.name for p in out.iterdir()) == ["second.pdf"]


def test_a_batch_on_every_core_writes_what_one_worker_writes(mini, tmp_path):
    folder = mini.parent
    for n in (2, 3):
        (folder / f"copy{n}.yaml").write_text(
            mini.read_text(encoding="utf-8").replace("辽宁经济简报", f"第{n}份简报"),
            encoding="utf-8")
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    outs = {}
    for jobs in ("1", "2"):
        outs[jobs] = tmp_path / f"out{jobs}"
        r = run("render", str(folder), "--output-dir", str(outs[jobs]), "--jobs", jobs)
        assert r.returncode == 1
        assert "broken.yaml:2:1" in r.stderr
        assert "3 of 4 content files rendered; failed:" in r.stderr
        assert r.stdout.splitlines() == [f"wrote {outs[jobs] / f'{stem}.{fmt}'}"
                                         for stem in ("copy2", "copy3", "mini")
                                         for fmt in ("pdf", "docx")]
    names = sorted(p.name for p in outs["1"].iterdir())
    assert names == sorted(p.name for p in outs["2"].iterdir()) and len(names) == 6
    for name in names:
        assert (outs["1"] / name).read_bytes() == (outs["2"] / name).read_bytes(), name


#: A module that logs which process renders each file of a batch (importable by the
#: workers however they start).
PID_SPY = """
import os
import briefing.batch as batch
REAL = batch.run_job
def spy(job):
    with open(os.environ["PIDS_LOG"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    return REAL(job)
"""
#: The command, two files a worker a round, each file's process logged.
ROUNDS = """
import sys
import briefing.batch as batch
import pidspy
batch.TASKS_PER_WORKER = 2
batch.run_job = pidspy.spy
from briefing.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_long_batch_has_new_workers_each_round_and_ends(mini, tmp_path):
    """Seven files on two workers, two files a worker a round: every file rendered, by
    new workers each round of four, none rendering more than a round's files. (With
    the pool's own max_tasks_per_child the command hung for good once a worker retired
    while files still waited, CPython gh-115634: a folder of 100 on two cores.)"""
    from collections import Counter

    folder = mini.parent
    for n in range(2, 8):
        (folder / f"copy{n}.yaml").write_text(mini.read_text(encoding="utf-8"),
                                              encoding="utf-8")
    spy = tmp_path / "spy"
    spy.mkdir()
    (spy / "pidspy.py").write_text(PID_SPY, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PIDS_LOG=str(tmp_path / "pids"), PYTHONPATH=os.pathsep.join(
        [str(root), str(spy), os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, "-c", ROUNDS, "render", str(folder), "--output-dir",
                        str(tmp_path / "out"), "--format", "pdf", "--jobs", "2"],
                       capture_output=True, text=True, timeout=120, env=env, cwd=root)
    assert r.returncode == 0, r.stderr
    assert "7 of 7 content files rendered" in r.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 7
    per_worker = Counter((tmp_path / "pids").read_text().split())
    assert sum(per_worker.values()) == 7
    assert len(per_worker) >= 2 and max(per_worker.values()) <= 4, per_worker


def test_jobs_must_be_a_positive_number(mini, tmp_path):
    r = run("render", str(mini), "--output-dir", str(tmp_path), "--jobs", "0")
    assert r.returncode == 2 and "--jobs" in r.stderr


def test_render_writes_both_formats(mini, tmp_path):
    pdf, docx = tmp_path / "b.pdf", tmp_path / "b.docx"
    r = run("render", str(mini), "-o", str(pdf), "-o", str(docx), "--layout", "interleaved")
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and docx.read_bytes().startswith(b"PK")


def test_render_keeps_an_earlier_good_file_when_it_fails(mini, tmp_path):
    out = tmp_path / "b.pdf"
    out.write_bytes(b"%PDF-earlier good file")
    (mini.parent / "images" / "lab.png").write_bytes(b"not an image")
    r = run("render", str(mini), "-o", str(out))
    assert r.returncode == 1
    assert "is not an image" in r.stderr or "corrupt" in r.stderr
    assert out.read_bytes() == b"%PDF-earlier good file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".b.pdf")] == []


def test_progress_bar_on_a_terminal(mini, tmp_path):
    import os
    import pty

    second = mini.parent / "second.yaml"
    second.write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "briefing.cli", "render", str(mini.parent),
                             "--output-dir", str(out), "--format", "pdf"],
                            stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=300) == 0
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert "] 2/2 " in shown and "#" in shown
    assert "2 of 2 content files rendered" in shown


def test_a_full_disk_leaves_no_partial_file_and_keeps_the_old_one(mini, tmp_path, monkeypatch,
                                                                 capsys):
    """A 64 KB tmpfs when this machine may mount one (root), else a write that fails
    with ENOSPC: either way, the old file stays and no temporary file is left."""
    import errno
    import os

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                             capture_output=True).returncode == 0
    try:
        if not mounted:
            real = os.fdopen

            def full(fd: int, *args: object, **kw: object) -> object:
                fh = real(fd, *args, **kw)  # type: ignore[call-overload]

                def write(_data: bytes) -> int:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

                fh.write = write
                return fh

            monkeypatch.setattr("briefing.output.os.fdopen", full)
        out = disk / "x.pdf"
        out.write_bytes(b"%PDF-earlier good file")
        assert main(["render", str(mini), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert "No space left on device" in err and "Traceback" not in err
        assert out.read_bytes() == b"%PDF-earlier good file"
        assert sorted(p.name for p in disk.iterdir()) == ["x.pdf"]
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)


def test_a_ctrl_c_python_could_not_raise_still_ends_the_command(monkeypatch, capsys):
    """Seen once in the suite: Ctrl-C landed where C code called Python and ignores its
    errors (a pattern compiled for pydantic), Python printed the KeyboardInterrupt as
    "Exception ignored" and the command ran on to exit 0. A finalizer is such a place."""
    import gc
    import os
    import signal

    from briefing import cli

    class Finalized:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # handled here, where raising is ignored
            for _ in range(1000):
                pass

    def command(args):
        Finalized()  # collected at once: its finalizer meets the Ctrl-C
        gc.collect()
        time.sleep(5)  # the command would run on, had the interrupt been lost
        return 0

    monkeypatch.setitem(cli.COMMANDS, "schema", command)
    before = sys.unraisablehook
    assert cli.main(["schema"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Exception ignored" not in err and "Traceback" not in err
    assert sys.unraisablehook is before  # put back


def test_an_error_the_interruption_caused_still_reads_as_interrupted(monkeypatch, capsys):
    """Seen once under load: Ctrl-C while a library ran turned into another exception on its
    way out, and the command said "internal error" (exit 1) instead of "interrupted"."""
    import os
    import signal

    from briefing import cli

    def command(args):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            raise RuntimeError("a library's own wrapping of the interrupt") from None
        return 0

    monkeypatch.setitem(cli.COMMANDS, "schema", command)
    assert cli.main(["schema"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_a_long_font_build_is_announced_on_stderr(tmp_path, capsys, monkeypatch):
    """A font built from many characters (a Chinese base: tens of seconds, once per
    machine) says so; here the bound is lowered so a new Latin subset is enough."""
    from briefing.writers.pdf import fonts

    monkeypatch.setattr(fonts, "ANNOUNCED", 1)
    # a set of Latin Extended-A letters drawn from the clock: a subset in no cache yet
    n, letters = time.time_ns(), ""
    while n:
        n, k = divmod(n, 128)
        letters += chr(0x100 + k)
    content = tmp_path / "b.yaml"
    content.write_text(f"title: {{zh: 简报, en: 'Briefing {letters}'}}\n"
                       "summary: [{zh: 一条。, en: One.}]\n", encoding="utf-8")
    assert main(["render", str(content), "-o", str(tmp_path / "b.pdf")]) == 0
    err = capsys.readouterr().err
    assert "briefing: building the font" in err and "once for this machine" in err
    assert main(["render", str(content), "-o", str(tmp_path / "c.pdf")]) == 0
    assert "building the font" not in capsys.readouterr().err  # cached: nothing to say


def _broken_docx(plan, tpl):
    from briefing.errors import RenderError

    raise RenderError("the DOCX cannot be made (a stand-in)")


def _buggy_docx(plan, tpl):
    raise RuntimeError("a stand-in bug")


def _broken_pdf(plan, tpl):
    from briefing.errors import RenderError

    raise RenderError("the PDF cannot be made (a stand-in)")


@pytest.mark.parametrize("case", ["clean", "check error", "forced", "docx error", "docx bug",
                                  "pdf error", "check and pdf error"])
def test_one_file_on_two_cores_says_and_writes_what_one_core_does(mini, tmp_path, monkeypatch,
                                                                    capsys, case):
    """A file rendered alone on several cores runs its check and its formats side by side
    in forked processes: the same bytes, the same files written (up to the first format
    that fails, none when the check refuses) and the same messages as one after the
    other."""
    import gc

    import briefing.batch
    import briefing.cores
    import briefing.writers.docx
    import briefing.writers.pdf

    if case in ("check error", "forced", "check and pdf error"):  # a figure no longer matches
        text = mini.read_text(encoding="utf-8")
        mini.write_text(text.replace("up {deals_growth}.", "up 31.8%."), encoding="utf-8")
    stand_in = {"docx error": ("docx", _broken_docx), "docx bug": ("docx", _buggy_docx),
                "pdf error": ("pdf", _broken_pdf),
                "check and pdf error": ("pdf", _broken_pdf)}.get(case)
    if stand_in:
        module = briefing.writers.docx if stand_in[0] == "docx" else briefing.writers.pdf
        monkeypatch.setattr(module, f"render_{stand_in[0]}", stand_in[1])
    monkeypatch.setattr(briefing.cores, "cores", lambda: 2)
    forks = []
    real_fork = briefing.batch.os.fork

    def fork():
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(briefing.batch.os, "fork", fork)
    said = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        args = ["render", str(mini), "-o", str(out / "b.pdf"), "-o", str(out / "b.docx"),
                "--jobs", jobs] + (["--force"] if case == "forced" else [])
        code = main(args)
        captured = capsys.readouterr()
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.exists() else {}
        said[jobs] = (code, captured.out.replace(f"out{jobs}", "out"), captured.err, files)
    assert said["2"] == said["1"]
    assert len(forks) == (1 if case == "forced" else 2)  # the check, the DOCX (not --jobs 1)
    assert gc.get_freeze_count() == 0  # frozen for the children's lifetime only
    code, _, err, files = said["1"]
    expected = {"clean": ["b.docx", "b.pdf"], "forced": ["b.docx", "b.pdf"],
                "docx error": ["b.pdf"], "docx bug": ["b.pdf"]}.get(case, [])
    assert sorted(files) == expected and code == (0 if case in ("clean", "forced") else 1)
    assert ("check found" in err) == case.startswith("check")  # the check's word first
    assert ("cannot be made" in err) == (case in ("docx error", "pdf error"))
    assert ("internal error" in err) == (case == "docx bug")


@pytest.mark.parametrize(("sizes", "order"), [
    ([10, 30, 20], [1, 2, 0]),
    ([5, 5, 9, None, 5], [2, 0, 1, 4, 3]),  # equals keep their order; a missing file last
    ([], []),
])
def test_a_batch_hands_out_the_largest_files_first(tmp_path: Path, sizes: list[int | None],
                                                   order: list[int]) -> None:
    from briefing.batch import Job, largest_first
    from briefing.templates import load_template

    template = load_template("handout")
    jobs = []
    for i, size in enumerate(sizes):
        source = tmp_path / f"{i:02d}.yaml"
        if size is not None:
            source.write_bytes(b"x" * size)
        jobs.append(Job(source, (tmp_path / f"{i:02d}.pdf",), None, template, False))
    assert largest_first(jobs) == order


#: A batch run with a spy on start_workers: was it called, and before the content models
#: (pydantic) were imported into the command's process?
SPY = """
import sys
import briefing.batch as batch
seen = []
real = batch.start_workers
def spy():
    seen.append("briefing.model" in sys.modules)
    real()
batch.start_workers = spy
from briefing.cli import main
code = main(sys.argv[1:])
print("spy", seen, code)
"""


@pytest.mark.parametrize(("jobs", "seen"), [("2", "[False]"), ("1", "[]")])
def test_a_batch_starts_its_workers_before_importing_the_models(mini, tmp_path, jobs, seen):
    folder = mini.parent
    (folder / "copy.yaml").write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", SPY, "render", str(folder), "--output-dir",
                        str(tmp_path / "out"), "--format", "pdf", "--jobs", jobs],
                       capture_output=True, text=True, timeout=300)
    assert r.stdout.splitlines()[-1] == f"spy {seen} 0", r.stderr


def test_two_outputs_that_are_one_file_are_refused_before_anything_is_written(mini, tmp_path,
                                                                               capsys):
    """brief.yaml in two folders, or brief.yaml and brief.json, into one output folder:
    one render's files would replace the other's (a PDF of one, a DOCX of the other)."""
    import shutil

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copytree(mini.parent / "images", tmp_path / name / "images")
        shutil.copy(mini, tmp_path / name / "brief.yaml")
    shutil.copy(mini, tmp_path / "a" / "brief.json.yaml")  # a different stem: no clash
    out = tmp_path / "out"
    cases = [
        ([str(tmp_path / "a"), str(tmp_path / "b")], "would both write"),
        ([str(tmp_path / "a" / "brief.yaml")] * 2, "given twice"),
    ]
    for args, said in cases:
        assert main(["render", *args, "--output-dir", str(out)]) == 2
        assert said in capsys.readouterr().err
        assert not out.exists()
    one = tmp_path / "one.pdf"
    assert main(["render", str(mini), "-o", str(one), "-o", str(one)]) == 2
    assert "would be written twice" in capsys.readouterr().err and not one.exists()


def test_a_folder_with_content_in_its_subfolders_says_they_are_left_out(mini, tmp_path):
    import shutil

    folder = tmp_path / "folder"
    (folder / "deeper").mkdir(parents=True)
    shutil.copytree(mini.parent / "images", folder / "images")
    shutil.copy(mini, folder / "top.yaml")
    shutil.copy(mini, folder / "deeper" / "inside.yaml")
    done = run("render", str(folder), "--output-dir", str(tmp_path / "out"), "--format", "pdf",
               "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "1 content file(s) in its subfolders are not rendered" in done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["top.pdf"]
