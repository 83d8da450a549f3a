"""Start a throwaway PostgreSQL server for the test suite.

``TempPostgres().start()`` runs ``initdb`` in a fresh temporary directory, starts the
server on a free port listening only on 127.0.0.1 (its Unix socket also lives in the
temporary directory), with trust authentication and durability switched off for speed.
``stop()`` shuts it down and removes the directory.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` system user (created with ``useradd`` if missing) via ``runuser``.

Anything that makes this impossible raises :class:`PostgresUnavailable` with a reason
fit for a skip message.  ``scripts/setup-postgres.sh`` installs the server binaries.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

SUPERUSER = "postgres"
DEFAULT_DB = "docgen_test"
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes; leave room for "/.s.PGSQL.NNNNN"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; ``str()`` says why."""


def find_bin_dir() -> Path:
    """Directory holding ``initdb`` and ``pg_ctl``: newest /usr/lib/postgresql/*/bin, else PATH."""

    def version(d: str) -> tuple[int, ...]:
        m = re.search(r"/postgresql/([\d.]+)/bin$", d)
        return tuple(int(x) for x in m.group(1).split(".")) if m else (0,)

    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if os.access(f"{d}/initdb", os.X_OK) and os.access(f"{d}/pg_ctl", os.X_OK):
            return Path(d)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).resolve().parent == Path(pg_ctl).resolve().parent:
        return Path(pg_ctl).resolve().parent
    raise PostgresUnavailable(
        "未找到 initdb/pg_ctl（/usr/lib/postgresql/*/bin 或 PATH）；可运行 scripts/setup-postgres.sh 安装"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_url(port: int, dbname: str, user: str = SUPERUSER, host: str = "127.0.0.1") -> str:
    return f"postgresql+psycopg://{user}@{host}:{port}/{dbname}"


def normalize_url(url: str) -> str:
    """Accept ``postgres://`` / ``postgresql://`` and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class TempPostgres:
    def __init__(self, *, start_timeout: float = 30.0):
        self.start_timeout = start_timeout
        self.bin_dir: Path | None = None
        self.dir: Path | None = None
        self.port: int | None = None
        self._run_as: str | None = None
        self._running = False

    # -- helpers ---------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        assert self.dir is not None
        return self.dir / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.dir is not None
        return self.dir / "sock"

    @property
    def log_file(self) -> Path:
        assert self.dir is not None
        return self.dir / "server.log"

    def url(self, dbname: str = DEFAULT_DB) -> str:
        assert self.port is not None
        return pg_url(self.port, dbname)

    def _cmd(self, tool: str, *args: str) -> list[str]:
        assert self.bin_dir is not None
        cmd = [str(self.bin_dir / tool), *args]
        return ["runuser", "-u", self._run_as, "--", *cmd] if self._run_as else cmd

    def _run(self, tool: str, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PGTZ": "UTC"}
        env.pop("PGDATA", None)
        try:
            return subprocess.run(
                self._cmd(tool, *args),
                cwd=self.dir,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
            )
        except subprocess.CalledProcessError as err:
            out = (err.stderr or err.stdout or "").strip().splitlines()
            raise PostgresUnavailable(
                f"{tool} 失败（退出码 {err.returncode}）：{' / '.join(out[-3:])}"
            ) from err
        except subprocess.TimeoutExpired as err:
            raise PostgresUnavailable(f"{tool} 超时（{timeout:.0f} 秒）") from err

    def _prepare_user(self) -> None:
        if os.geteuid() != 0:
            return
        if not shutil.which("runuser"):
            raise PostgresUnavailable("以 root 运行但没有 runuser，无法切换到 postgres 用户")
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            useradd = shutil.which("useradd")
            if not useradd:
                raise PostgresUnavailable("以 root 运行，系统无 postgres 用户且没有 useradd") from None
            res = subprocess.run(
                [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER],
                capture_output=True,
                text=True,
            )
            if res.returncode not in (0, 9):  # 9: already exists (race)
                raise PostgresUnavailable(f"无法创建 postgres 用户：{res.stderr.strip()}") from None
        self._run_as = SUPERUSER

    def _make_dir(self) -> Path:
        """A temp dir the server user can use, with a short enough socket path."""
        candidates = [None, "/tmp", "/var/tmp"]
        last = "?"
        for parent in candidates:
            d = Path(tempfile.mkdtemp(prefix="docgen-pg-", dir=parent))
            if len(str(d / "sock")) > _SOCKET_PATH_MAX - 20:
                shutil.rmtree(d, ignore_errors=True)
                last = f"临时目录路径过长：{d}"
                continue
            if self._run_as:
                pw = pwd.getpwnam(self._run_as)
                os.chown(d, pw.pw_uid, pw.pw_gid)
                ok = (
                    subprocess.run(["runuser", "-u", self._run_as, "--", "test", "-w", str(d)]).returncode
                    == 0
                )
                if not ok:
                    shutil.rmtree(d, ignore_errors=True)
                    last = f"postgres 用户无法访问 {d}"
                    continue
            return d
        raise PostgresUnavailable(last)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> TempPostgres:
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise PostgresUnavailable("未安装 psycopg（pip install 'psycopg[binary]'）") from err
        self.bin_dir = find_bin_dir()
        self._prepare_user()
        self.dir = self._make_dir()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        self.socket_dir.mkdir(mode=0o700)
        if self._run_as:
            pw = pwd.getpwnam(self._run_as)
            os.chown(self.socket_dir, pw.pw_uid, pw.pw_gid)
        self._run(
            "initdb",
            "-D", str(self.data_dir),
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )  # fmt: skip
        last_err: PostgresUnavailable | None = None
        for _ in range(3):  # the free port may be taken between probing and binding
            self.port = free_port()
            self._write_conf()
            try:
                self._run(
                    "pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file),
                    "-w", "-t", str(int(self.start_timeout)),
                    timeout=self.start_timeout + 10,
                )  # fmt: skip
            except PostgresUnavailable as err:
                last_err = PostgresUnavailable(f"{err}；日志：{self._log_tail()}")
                continue
            self._running = True
            self._create_db(DEFAULT_DB)
            return
        assert last_err is not None
        raise last_err

    def _write_conf(self) -> None:
        conf = self.data_dir / "postgresql.conf"  # appended: later lines win
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "50",
            "shared_buffers": "'32MB'",
            "timezone": "'UTC'",
            "logging_collector": "off",
        }
        with conf.open("a", encoding="utf-8") as f:
            f.write("\n# docgen tests\n")
            for k, v in settings.items():
                f.write(f"{k} = {v}\n")

    def _log_tail(self, n: int = 5) -> str:
        try:
            lines = self.log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            return "（无日志）"
        return " / ".join(lines[-n:]) or "（空）"

    def _create_db(self, name: str) -> None:
        create_database(self.url("postgres"), name)

    def stop(self) -> None:
        if self._running:
            try:
                self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w", timeout=30)
            except PostgresUnavailable:
                pass
            self._running = False
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- per-test databases ------------------------------------------------------------------------


def _conninfo(url: str) -> str:
    """libpq URI for ``url`` (SQLAlchemy URL → plain ``postgresql://``)."""
    from sqlalchemy.engine import make_url

    return make_url(normalize_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(url: str, name: str) -> None:
    """``CREATE DATABASE name`` on the server of ``url`` (connecting to ``url``'s database)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_conninfo(url), autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
        )


def drop_database(url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_conninfo(url), autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(normalize_url(url)).set(database=name).render_as_string(hide_password=False)


def unique_db_name(prefix: str = "docgen_t") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def wait_ready(url: str, timeout: float = 10.0) -> None:
    """Raise :class:`PostgresUnavailable` unless ``url``'s server answers within ``timeout``."""
    import psycopg

    conninfo = _conninfo(url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(conninfo, connect_timeout=5):
                return
        except psycopg.OperationalError as err:
            if time.monotonic() > deadline:
                raise PostgresUnavailable(f"无法连接 {url}：{str(err).strip()}") from err
            time.sleep(0.2)
