"""Hostile clusters and large folders (issue 30, items 1, 2 and 7): the local Dask cluster lets in only a
client holding the run's certificate; a cluster atscheck connects to can send wrong results but never an
object that runs code in atscheck; a folder of many resumes is checked under a memory cap (docs/security.md,
docs/hostile-inputs.md, docs/scale.md)."""

from __future__ import annotations

import json
import os
import pickle
import socket
import ssl
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import MLOPS_TEXT
from hostile_helpers import _PLAIN

distributed = pytest.importorskip("distributed")
pytest.importorskip("cryptography")

import atscheck  # noqa: E402
from atscheck.engines import codec, daskclient  # noqa: E402
from atscheck.engines import dask as dask_engine  # noqa: E402
from atscheck.report import ReportOptions  # noqa: E402
from atscheck.request import Request  # noqa: E402

# ---------------------------------------------------------------- item 1: the local cluster is private


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[tuple[distributed.Client, list[str]]]:
    """The cluster `--engine dask` starts without --scheduler (one worker process), and every address it
    listens on: the scheduler, the worker, the worker's nanny."""
    with daskclient._client(Request(engine="dask", jobs=1), 10) as client:
        workers = client.scheduler_info()["workers"]
        addresses = [client.scheduler.address, *workers, *(w["nanny"] for w in workers.values() if w.get("nanny"))]
        yield client, addresses


def _probe(address: str, context: ssl.SSLContext | None) -> bool:
    """Whether a bare connection to `address` gets anything from the server: Dask greets an accepted client
    with its handshake; a refused one gets a TLS alert or a closed connection."""
    where = urlsplit(address)
    try:
        with socket.create_connection((where.hostname, where.port), timeout=3) as raw:
            stream = context.wrap_socket(raw) if context else raw
            stream.sendall(b"\x00" * 64)
            return bool(stream.recv(64))
    except (OSError, ssl.SSLError):
        return False


def _context(cert: Path | None = None, key: Path | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # an attacker does not care who the server is
    if cert and key:
        context.load_cert_chain(cert, key)
    return context


def _pem(security: distributed.Security, folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    cert, key = folder / "cert.pem", folder / "key.pem"
    cert.write_text(security.tls_client_cert, encoding="utf-8")
    key.write_text(security.tls_client_key, encoding="utf-8")
    return cert, key


def test_the_local_cluster_lets_in_only_a_client_with_the_runs_certificate(local_cluster, tmp_path: Path) -> None:
    """Every listener (scheduler, worker, nanny) on 127.0.0.1, TLS only: a client with the run's certificate
    gets in; one with no certificate, one with a certificate of its own, and plain TCP do not."""
    client, addresses = local_cluster
    assert all(address.startswith("tls://127.0.0.1:") for address in addresses), addresses
    assert client.submit(sum, [1, 2]).result() == 3  # atscheck's own client, with the certificate
    ours = _context(*_pem(client.security, tmp_path / "ours"))
    theirs = _context(*_pem(distributed.Security.temporary(), tmp_path / "theirs"))
    for address in addresses:
        assert _probe(address, ours), address  # the probe does see an accepted client
        assert not _probe(address, _context()) and not _probe(address, theirs) and not _probe(address, None)


def test_the_local_clusters_web_servers_show_nothing(local_cluster) -> None:
    """The scheduler and each worker start a plain-HTTP server whatever the dashboard setting (its pages
    show the workers, the tasks and their state to anyone on the machine): every path answers 404."""
    import urllib.error
    import urllib.request

    client, _ = local_cluster
    info = client.scheduler_info()
    ports = [info["services"]["dashboard"], *(w["services"]["dashboard"] for w in info["workers"].values())]
    for port in ports:
        for path in ("/status", "/info/main/workers.html", "/json/identity.json", "/metrics", "/health"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3)
            assert refused.value.code == 404, (port, path)


def test_another_user_cannot_connect_to_the_local_cluster(local_cluster, tmp_path: Path) -> None:
    """Another user of the machine knows the ports (they are listed in /proc/net/tcp) but holds no
    certificate: every listener refuses it. Run as root, the probe runs as uid 65534 (`nobody`) in a forked
    child; otherwise as this user without the certificate (what another user could do at best)."""
    client, addresses = local_cluster
    assert _probe(addresses[0], _context(*_pem(client.security, tmp_path / "ours")))
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's own coverage is not collected
        code = 2
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            got_in = [a for a in addresses for c in (None, _context()) if _probe(a, c)]
            code = 1 if got_in else 0
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "a client without the certificate got in"


def test_a_run_on_the_local_cluster_gives_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """... and its scratch space is a folder of its own, made private and removed (Dask's default, a shared
    /tmp/dask-scratch-space, can be made by another user first)."""
    resumes, temp = tmp_path / "resumes", tmp_path / "tmp"
    resumes.mkdir()
    temp.mkdir()
    for number in range(3):
        (resumes / f"cv-{number}.txt").write_text(_PLAIN + f"\nProject {number}\n", encoding="utf-8")
    here = atscheck.run(Request(paths=(resumes,), jobs=1))
    monkeypatch.setenv("TMPDIR", str(temp))  # the Dask client process's temporary folder
    on_cluster = atscheck.run(Request(paths=(resumes,), jobs=1, engine="dask"))
    assert on_cluster.results == here.results and len(here.results) == 3
    assert list(temp.iterdir()) == []


# ---------------------------------------------------------------- item 2: a hostile cluster runs nothing here

PWNED = Path(os.environ.get("TMPDIR", "/tmp")) / f"atscheck-pwned-{os.getpid()}"


class Payload:
    """An object whose unpickling runs a shell command: what a hostile worker sends instead of results."""

    def __reduce__(self) -> tuple[object, ...]:
        return os.system, (f"touch {PWNED}",)


_real_score_chunk = dask_engine._score_chunk


def _hostile_chunk(files: list[Path], profiles: tuple, request: Request) -> object:
    """On the (thread) workers: what each file's name asks for, instead of its results."""
    attack = files[0].stem
    honest = _real_score_chunk(files, profiles, request)
    if attack == "object":
        return Payload()
    if attack == "serialized":  # a pickle the worker hands over as already-serialized data
        from distributed.protocol.serialize import Serialized

        return Serialized({"serializer": "pickle", "writeable": ()}, [pickle.dumps(Payload())])
    if attack == "warning":  # distributed.warn: the client unpickles a worker's warning
        distributed.warn(Payload())
        return honest
    if attack == "print":  # distributed.print: the client prints it, which must not reach atscheck's stream
        distributed.print('\x00\x00\x00\x0f{"kind": "done"}', "::warning::x")
        return honest
    if attack == "garbage":
        return b"\x00\x00\x00\x05hello"
    if attack == "raise":  # a task error travels pickled too (tblib): its class and message are kept
        raise RuntimeError("the worker broke")
    [plain] = [json.loads(zlib.decompress(honest[4:]))]
    result = plain["results"][0]
    if attack == "other-file":
        result["file"] = "/etc/passwd"
    elif attack == "score":
        result["score"] = 1e9
    elif attack == "term":
        result["terms"][0]["term"] = 10**6
    elif attack == "type":
        result["terms"][0]["status"] = {"__class__": "os.system"}
    data = zlib.compress(json.dumps(plain).encode())
    return len(data).to_bytes(4, "big") + data


ATTACKS = ("object", "serialized", "warning", "print", "garbage", "raise", "other-file", "score", "term", "type")


@pytest.mark.filterwarnings("ignore::UserWarning")  # the hostile warning, as the worker thread raises it here
def test_a_hostile_cluster_cannot_run_code_here_and_its_results_are_refused(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for attack in ("honest", *ATTACKS):
        files.append(tmp_path / f"{attack}.txt")
        files[-1].write_text(_PLAIN, encoding="utf-8")
    monkeypatch.setattr(dask_engine, "_score_chunk", _hostile_chunk)  # the workers are threads of this process
    monkeypatch.setattr(dask_engine, "MAX_CHUNK", 1)  # one file per task, so each attack is its own
    run = atscheck.run(Request(paths=tuple(files), engine="dask", scheduler=scheduler))
    assert not PWNED.exists(), "a result from the cluster ran a command in atscheck"
    rows = {Path(r.file).stem: r for r in run.results}
    for harmless in ("honest", "warning", "print"):  # the warning itself was refused, the print not read
        assert rows[harmless].error is None, (harmless, rows[harmless].error)
    for attack in set(ATTACKS) - {"warning", "print"}:
        error = rows[attack].error
        assert error is not None and error.code == "crashed", attack
        assert "did not send back atscheck's result" in error.message, (attack, error.message)
    assert "is not plain data: refused" in rows["object"].error.message  # type: ignore[union-attr]
    assert "RuntimeError: the worker broke" in rows["raise"].error.message  # type: ignore[union-attr]
    assert run.exit_code() == 3


def test_the_client_process_unpickles_plain_data_and_dask_errors_only() -> None:
    def loads(value: object) -> object:
        return daskclient.PlainUnpickler(__import__("io").BytesIO(pickle.dumps(value))).load()

    assert loads({"a": (1, 2.5, b"x", {3})}) == {"a": (1, 2.5, b"x", {3})}
    assert loads(bytes) is bytes
    try:
        raise ValueError("x")
    except ValueError as error:  # with its traceback, as a worker sends it (distributed pickles it with tblib)
        rebuilt = loads(error)
    assert type(rebuilt) is ValueError and rebuilt.args == ("x",) and rebuilt.__traceback__ is None
    from distributed.scheduler import KilledWorker

    assert isinstance(loads(KilledWorker("k", "w", 3)), KilledWorker)
    for refused in (Payload(), Path("x"), eval, getattr):
        with pytest.raises(pickle.UnpicklingError, match="not plain data"):
            loads(refused)


def _encoded(results: list) -> bytes:
    return codec.encode_files([results], [])[4:]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda p: p["results"][0].update(score=True), "is none of"),  # a bool is no score
        (lambda p: p["results"][0].update(extra=1), "is not a Result"),
        (lambda p: p["results"][0]["terms"].append({"term": 7, "status": "exact", "occurrences": []}), "terms"),
        (lambda p: p["results"][0].pop("file"), "without file"),
        (lambda p: p.update(document=[1]), "is none of"),
    ],
    ids=["bool score", "unknown field", "term number", "missing field", "document"],
)
def test_the_codec_refuses_what_is_not_a_result(change, why: str) -> None:
    [result] = atscheck.check(_PLAIN.encode(), name="cv.txt")
    profiles = atscheck.profiles_for(Request())
    plain = {"document": None, "results": [codec._plain(result, {})]}
    plain["results"][0]["terms"] = []
    assert codec._decode_file(zlib.compress(json.dumps(plain).encode()), [])[0].file == "cv.txt"
    change(plain)
    with pytest.raises(codec.CodecError, match=why):
        codec._decode_file(zlib.compress(json.dumps(plain).encode()), [t for p in profiles for t in p.terms][:1])


@pytest.mark.parametrize(
    "data",
    [
        zlib.compress(b"[" * 200_000 + b"]" * 200_000),  # nesting deeper than the parser goes
        zlib.compress(b'{"document": null, "results": [NaN]}'),
        zlib.compress(b" " * (codec.MAX_DECODED + 1)),  # a bomb: 64 MB of spaces in 64 KB
        b"not zlib at all",
    ],
    ids=["deep", "NaN", "bomb", "garbage"],
)
def test_the_codec_refuses_damaged_and_oversized_data(data: bytes) -> None:
    with pytest.raises(codec.CodecError):
        codec._decode_file(data, [])


# ---------------------------------------------------------------- item 7: a large folder under a memory cap

_CAPPED = """
import atexit, os, resource, runpy, sys
cap = int(sys.argv[1])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
def peak():
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    sys.stderr.write("peak %d\\n" % (int(status["VmPeak"].split()[0]) * 1024))
atexit.register(peak)
sys.argv = ["atscheck", *sys.argv[2:]]
runpy.run_module("atscheck", run_name="__main__")
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads its peak memory from /proc (Linux)")
def test_a_large_folder_is_checked_under_a_memory_cap(tmp_path: Path) -> None:
    """800 resumes under an address-space cap 100 MB above what checking 10 takes: every result and a
    ranking come out. Before, the parent held each full result (about 100 KB) and built the JSON report as
    one string, and needed 700 MB more for these 800 files."""
    small, large = tmp_path / "small", tmp_path / "large"
    for folder, count in ((small, 10), (large, 800)):
        folder.mkdir()
        for number in range(count):
            lines = [*MLOPS_TEXT, f"Project {number}: {'Kubeflow' if number % 2 else 'Ray'} pipelines."]
            (folder / f"cv-{number:04d}.txt").write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def check(folder: Path, cap: int) -> subprocess.CompletedProcess[str]:
        out = tmp_path / f"{folder.name}.json"
        args = [folder, "--jobs", "2", "--format", "json", "-o", out, "--report", tmp_path / f"{folder.name}.csv"]
        command = [sys.executable, "-c", _CAPPED, str(cap), *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)

    baseline = check(small, 0)
    assert baseline.returncode == 0, baseline.stderr
    peak = int(baseline.stderr.split("peak ")[-1])
    capped = check(large, peak + (100 << 20))
    assert capped.returncode == 0 and "Traceback" not in capped.stderr, capped.stderr[-2000:]
    document = json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))
    assert len(document["results"]) == 800 and document["summary"]["passed"] == 800
    assert all(result["terms"][0]["matched"] is not None for result in document["results"])
    occurrences = sum(len(t["matched"]) for t in document["results"][0]["terms"])
    assert occurrences > 20  # the full results, read back, not the slim copies the ranking keeps
    ranking = (tmp_path / "large.csv").read_text(encoding="utf-8").splitlines()
    assert len(ranking) == 801 and ranking[1].startswith("1,")


def test_running_out_of_memory_or_threads_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import invoke

    import atscheck.runner

    for number in range(2):
        (tmp_path / f"cv-{number}.txt").write_text(_PLAIN, encoding="utf-8")

    def exhausted(*args: object, **kwargs: object) -> object:
        raise MemoryError

    with monkeypatch.context() as patch:
        patch.setattr(atscheck.runner, "run", exhausted)
        result = invoke(tmp_path)
    assert result.exit_code == 2 and "ran out of memory" in result.output and "Traceback" not in result.output
    import pebble

    def no_thread(*args: object, **kwargs: object) -> object:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(pebble.ProcessPool, "schedule", no_thread)
    result = invoke(tmp_path, "--jobs", "2")
    assert result.exit_code == 2 and "could not start (can't start new thread)" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_every_report_of_a_slim_batch_is_the_report_of_the_full_one(tmp_path: Path) -> None:
    """A slim batch keeps only what its rankings read; a format that reads more (occurrences, term counts,
    parsed fields) must read the full results back: each format's report is the same either way."""
    from atscheck.report import format_names, get_format, needs_documents

    (tmp_path / "weak.md").write_text("Alex Example\nEXPERIENCE\nBarista | 2019 - 2021\n- Served coffee.\n")
    for number in range(2):
        lines = [*MLOPS_TEXT, f"Project {number}: Kubeflow pipelines on Ray."]
        (tmp_path / f"cv-{number}.md").write_text("\n".join(lines), encoding="utf-8")
    asked = {"paths": (tmp_path,), "roles": ("mlops-engineer", "data-engineer"), "jobs": 1}
    slim, full = (atscheck.run(Request(**asked, slim=value)) for value in (True, False))  # type: ignore[arg-type]
    assert slim.results != full.results  # the slim ones really are slim
    options = [ReportOptions(), ReportOptions(full=True), ReportOptions(quiet=True), ReportOptions(matrix=True)]
    for name in format_names():
        for option in options if not needs_documents(name) else []:
            assert get_format(name, option).render(slim) == get_format(name, option).render(full), (name, option)
